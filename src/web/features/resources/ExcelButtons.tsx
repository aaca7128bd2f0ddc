// 下载模板 / 导入 Excel / 导出 Excel of a register. The import shows the upload's progress, then the server's own
// (reading the sheet, checking every row, writing: `progress` events on the live stream for this import's id); a
// refused sheet lists each bad cell (D12: message) and may be sent again with only its valid rows; a done import says
// how many rows came in and which were left out.
import { useRef, useState } from 'react';
import { Alert, App, Button, Modal, Progress, Space, Spin, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, ExportOutlined, ImportOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportResultDto, SheetKindT } from '../../../contracts/client';
import { api, isApiError, useApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useLiveEvent } from '../../app/live';
import { saveBlob } from './download';

type Phase =
  | { step: 'pick' }
  | { step: 'upload'; percent: number }
  | { step: 'checking'; stage?: 'read' | 'check' | 'write'; percent?: number }
  | { step: 'invalid'; message: string; fields: { path: string; message: string }[] }
  | { step: 'done'; result: ImportResultDto };

function ImportModal({ kind, title, open, onClose, onImported }: { kind: SheetKindT; title: string; open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const onError = useApiError();
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [file, setFile] = useState<File | null>(null);
  const progressId = useRef('');
  useLiveEvent('progress', (s) => {
    if (s.id !== progressId.current) return;
    setPhase((cur) => (cur.step === 'upload' || cur.step === 'checking' ? { step: 'checking', stage: s.phase as 'read', percent: s.percent } : cur));
  });
  const close = () => {
    setPhase({ step: 'pick' });
    setFile(null);
    onClose();
  };
  const send = async (f: File, onlyValid: boolean) => {
    setPhase({ step: 'upload', percent: 0 });
    progressId.current = crypto.randomUUID();
    try {
      const result = await api.importSheet(kind, f, f.name, {
        onlyValid,
        progressId: progressId.current,
        onProgress: (sent, total) => {
          const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
          // The server's progress may already have come in (a small file is sent at once).
          setPhase((cur) => (cur.step === 'checking' ? cur : percent >= 100 ? { step: 'checking' } : { step: 'upload', percent }));
        },
      });
      setPhase({ step: 'done', result });
      onImported();
    } catch (e) {
      if (isApiError(e, 400)) {
        setPhase({ step: 'invalid', message: e.body.error.message, fields: e.body.error.fields ?? [] });
      } else {
        setPhase({ step: 'pick' });
        onError(e);
      }
    }
  };
  const busy = phase.step === 'upload' || phase.step === 'checking';
  const canOnlyValid = phase.step === 'invalid' && phase.fields.some((x) => /^[A-Z]+\d+$/.test(x.path));
  const footer = [
    ...(phase.step === 'invalid' && file
      ? [
          <Button key="again" onClick={() => setPhase({ step: 'pick' })} data-testid="xlsx-retry">{t('res.xlsx.retry')}</Button>,
          ...(canOnlyValid ? [<Button key="valid" type="primary" onClick={() => void send(file, true)} data-testid="xlsx-only-valid">{t('res.xlsx.onlyValid')}</Button>] : []),
        ]
      : []),
    <Button key="close" type={phase.step === 'done' ? 'primary' : 'default'} onClick={close} disabled={busy} data-testid="xlsx-close">
      {phase.step === 'done' ? t('res.xlsx.close') : t('common.cancel')}
    </Button>,
  ];
  return (
    <Modal open={open} title={t('res.xlsx.importTitle', { what: title })} onCancel={busy ? undefined : close} closable={!busy} maskClosable={false}
      footer={footer} destroyOnHidden width={760}>
      <div data-testid="xlsx-import" data-phase={phase.step}>
        {phase.step === 'pick' && (
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" multiple={false} showUploadList={false} data-testid="xlsx-dragger"
            beforeUpload={(f) => {
              setFile(f);
              void send(f, false);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('res.xlsx.drop')}</p>
            <p className="ant-upload-hint">{t('res.xlsx.dropHint')}</p>
          </Upload.Dragger>
        )}
        {phase.step === 'upload' && (
          <div data-testid="xlsx-progress">
            <Typography.Text>{t('res.xlsx.uploading')} {file?.name}</Typography.Text>
            <Progress percent={phase.percent} status="active" />
          </div>
        )}
        {phase.step === 'checking' && phase.stage === undefined && (
          <Space data-testid="xlsx-checking" style={{ padding: 24 }}>
            <Spin />
            <Typography.Text>{t('res.xlsx.checking')}</Typography.Text>
          </Space>
        )}
        {phase.step === 'checking' && phase.stage !== undefined && (
          <div data-testid="xlsx-checking" data-stage={phase.stage}>
            <Typography.Text>{t(`res.xlsx.stage.${phase.stage}`)} {file?.name}</Typography.Text>
            <Progress percent={phase.percent} status="active" />
          </div>
        )}
        {phase.step === 'invalid' && (
          <>
            <Alert type="error" showIcon message={phase.message} style={{ marginBottom: 12 }} data-testid="xlsx-error" />
            <Table
              size="small" rowKey={(r) => `${r.path}|${r.message}`} dataSource={phase.fields} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="xlsx-errors"
              onRow={(r) => ({ 'data-testid': 'xlsx-error-row', 'data-cell': r.path }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('res.xlsx.cell'), dataIndex: 'path', width: 90, render: (p: string) => p || '—' },
                { title: t('res.xlsx.message'), dataIndex: 'message' },
              ]}
            />
          </>
        )}
        {phase.step === 'done' && (
          <>
            <Alert type="success" showIcon message={t('res.xlsx.done', { n: phase.result.imported })} data-testid="xlsx-done" />
            {phase.result.invalidRows.length > 0 && (
              <>
                <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="xlsx-skipped"
                  message={t('res.xlsx.skipped', { n: phase.result.invalidRows.length, rows: phase.result.invalidRows.join('、') })} />
                <Table
                  size="small" style={{ marginTop: 12 }} rowKey={(r, i) => `${r.row ?? ''}|${r.column ?? ''}|${i}`} dataSource={phase.result.errors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: t('res.xlsx.cell'), render: (_, r) => (r.row && r.column ? `${r.column}${r.row}` : '—'), width: 90 },
                    { title: t('res.xlsx.message'), dataIndex: 'message' },
                  ]}
                />
              </>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}

/** The three Excel buttons of one register; `canImport` for resource.manage. */
export function ExcelButtons({ kind, title, canImport, onImported }: { kind: SheetKindT; title: string; canImport: boolean; onImported: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState<'template' | 'export' | null>(null);
  const [importing, setImporting] = useState(false);
  const get = async (what: 'template' | 'export') => {
    setBusy(what);
    try {
      const blob = what === 'template' ? await api.sheetTemplate(kind) : await api.exportSheet(kind);
      saveBlob(blob, what === 'template' ? `${title}导入模板.xlsx` : `${title}.xlsx`);
    } catch (e) {
      if (isApiError(e)) onError(e);
      else void message.error(t('res.xlsx.downloadFailed'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap data-testid={`xlsx-${kind}`}>
      <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => void get('template')} data-testid="xlsx-template">{t('res.xlsx.template')}</Button>
      {canImport && <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="xlsx-import-open">{t('res.xlsx.import')}</Button>}
      <Button icon={<ExportOutlined />} loading={busy === 'export'} onClick={() => void get('export')} data-testid="xlsx-export">{t('res.xlsx.export')}</Button>
      <ImportModal kind={kind} title={title} open={importing} onClose={() => setImporting(false)} onImported={onImported} />
    </Space>
  );
}
