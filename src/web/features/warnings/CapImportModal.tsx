// 导入 CAP: a CAP 1.2 document dropped as an .xml file or pasted, sent as it is to POST /api/cap/import. The server's
// reason for refusing it (not CAP, DOCTYPE/entities, already imported) stays visible in the dialog.
import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, isApiError, useApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';

export function CapImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (warningId: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [xml, setXml] = useState('');
  /** The server's reason; for an alert imported before, the id of that warning. */
  const [failure, setFailure] = useState<{ text: string; existing?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setXml('');
    setFailure(null);
    onClose();
  };
  const submit = async () => {
    if (!xml.trim()) return setFailure({ text: t('cap.empty') });
    setBusy(true);
    setFailure(null);
    try {
      const { warningId } = await api.importCap(xml);
      void message.success(t('cap.done'));
      onDone(warningId);
      close();
    } catch (e) {
      if (isApiError(e)) {
        const { code, message: text, fields = [] } = e.body.error;
        if (code === 'duplicate_alert') setFailure({ text, existing: fields[0]?.message });
        else setFailure({ text: [text, ...fields.filter((f) => !text.includes(f.message)).map((f) => (f.path ? `${f.path}：${f.message}` : f.message))].join('\n') });
      } else onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('cap.title')} onCancel={close} onOk={submit} confirmLoading={busy} okText={t('cap.submit')} cancelText={t('common.cancel')} destroyOnHidden width={720}>
      <Upload.Dragger
        accept=".xml,application/xml,text/xml" multiple={false} showUploadList={false} data-testid="cap-dragger"
        beforeUpload={(file) => {
          void file.text().then((text) => {
            setXml(text);
            setFailure(null);
          });
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('cap.drop')}</p>
        <p className="ant-upload-hint">{t('cap.dropHint')}</p>
      </Upload.Dragger>
      <Input.TextArea
        value={xml} onChange={(e) => setXml(e.target.value)} rows={8} placeholder={t('cap.paste')} aria-label={t('cap.paste')}
        style={{ marginTop: 12, fontFamily: 'monospace', fontSize: 12 }} data-testid="cap-xml"
      />
      {failure && (
        <Alert
          type="error" showIcon style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} message={t('cap.failed')} description={failure.text} data-testid="cap-error"
          action={failure.existing && <Button size="small" onClick={() => { onDone(failure.existing!); close(); }}>{t('cap.showExisting')}</Button>}
        />
      )}
    </Modal>
  );
}
