// 导入边界: an admin drops the GeoJSON their 自然资源 bureau or 天地图 export gave them; the upload shows its
// progress, a refused file says why (nothing changed), and a done import says how many places now have
// an outline and what was left out (codes not in the tree, outside the admin's jurisdiction, no code).
import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Space, Spin, Typography, Upload } from 'antd';
import { GatewayOutlined, InboxOutlined } from '@ant-design/icons';
import type { BoundaryImportResult } from '../../contracts/jurisdictions';
import { api, isApiError, useApiError } from '../app/api';
import { useI18n } from '../app/i18n';

type Phase =
  | { step: 'pick' }
  | { step: 'upload'; percent: number }
  | { step: 'saving' }
  | { step: 'invalid'; messages: string[] }
  | { step: 'done'; result: BoundaryImportResult };

export function BoundaryImportButton({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const onError = useApiError();
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const busy = phase.step === 'upload' || phase.step === 'saving';
  const close = () => {
    setOpen(false);
    setPhase({ step: 'pick' });
  };
  const send = async (f: File) => {
    setPhase({ step: 'upload', percent: 0 });
    try {
      const result = await api.importBoundaries(f, f.name, (sent, total) => {
        const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
        setPhase(percent >= 100 ? { step: 'saving' } : { step: 'upload', percent });
      });
      setPhase({ step: 'done', result });
      onImported();
    } catch (e) {
      if (isApiError(e, 400)) setPhase({ step: 'invalid', messages: (e.body.error.fields ?? []).map((x) => x.message).concat(e.body.error.fields?.length ? [] : [e.body.error.message]) });
      else {
        setPhase({ step: 'pick' });
        onError(e);
      }
    }
  };
  const list = (codes: string[]) => (codes.length > 8 ? `${codes.slice(0, 8).join('、')} …（${codes.length}）` : codes.join('、'));

  return (
    <>
      <Button size="small" icon={<GatewayOutlined />} onClick={() => setOpen(true)} data-testid="boundary-import-open">
        {t('map.boundary.import')}
      </Button>
      <Modal open={open} title={t('map.boundary.import')} onCancel={busy ? undefined : close} closable={!busy} maskClosable={false} destroyOnHidden width={640}
        footer={[
          ...(phase.step === 'invalid' ? [<Button key="again" onClick={() => setPhase({ step: 'pick' })}>{t('res.xlsx.retry')}</Button>] : []),
          <Button key="close" type={phase.step === 'done' ? 'primary' : 'default'} disabled={busy} onClick={close} data-testid="boundary-import-close">
            {phase.step === 'done' ? t('res.xlsx.close') : t('common.cancel')}
          </Button>,
        ]}
      >
        <div data-testid="boundary-import" data-phase={phase.step}>
          {phase.step === 'pick' && (
            <Upload.Dragger accept=".geojson,.json,application/geo+json,application/json" multiple={false} showUploadList={false} data-testid="boundary-dragger"
              beforeUpload={(f) => {
                void send(f);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('map.boundary.drop')}</p>
              <p className="ant-upload-hint">{t('map.boundary.hint')}</p>
            </Upload.Dragger>
          )}
          {phase.step === 'upload' && <Progress percent={phase.percent} status="active" />}
          {phase.step === 'saving' && (
            <Space style={{ padding: 24 }}>
              <Spin />
              <Typography.Text>{t('map.boundary.saving')}</Typography.Text>
            </Space>
          )}
          {phase.step === 'invalid' && (
            <Alert type="error" showIcon title={t('map.boundary.refused')} description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{phase.messages.map((m) => <li key={m}>{m}</li>)}</ul>}
              data-testid="boundary-import-error" />
          )}
          {phase.step === 'done' && (
            <>
              <Alert type="success" showIcon title={t('map.boundary.done', { n: phase.result.matched })} style={{ marginBottom: 12 }} data-testid="boundary-import-done" />
              <Descriptions size="small" column={1} bordered items={[
                ...(phase.result.unknown.length ? [{ key: 'u', label: t('map.boundary.unknown'), children: list(phase.result.unknown) }] : []),
                ...(phase.result.outOfScope.length ? [{ key: 'o', label: t('map.boundary.outOfScope'), children: list(phase.result.outOfScope) }] : []),
                ...(phase.result.withoutCode.length ? [{ key: 'w', label: t('map.boundary.withoutCode'), children: String(phase.result.withoutCode.length) }] : []),
              ]} />
            </>
          )}
        </div>
      </Modal>
    </>
  );
}
