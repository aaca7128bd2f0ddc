// Report progress on a task: text, status, and photos or documents from the field.
import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Radio, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { TaskDto } from '../../../contracts/client';
import { api, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';

const MAX_BYTES = 10 * 1024 * 1024;

async function toBase64(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

interface Values { text: string; status: 'in_progress' | 'done' }

export function ProgressModal({ task, onClose, onDone }: { task: TaskDto | null; onClose: () => void; onDone: (t: TaskDto) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  useEffect(() => {
    if (task) {
      form.setFieldsValue({ text: '', status: 'in_progress' });
      setFiles([]);
    }
  }, [task, form]);
  const { submit, busy } = useFormSubmit(
    form,
    async (v) => {
      const attachments = await Promise.all(files.map(async (f) => ({ filename: f.name, contentBase64: await toBase64(f.originFileObj as File) })));
      return api.taskProgress(task!.id, { text: v.text, status: v.status, attachments });
    },
    { success: t('task.reported'), onDone: (r) => { onDone(r); onClose(); } },
  );
  return (
    <Modal
      open={task !== null}
      title={task ? t('task.reportTitle', { title: task.title }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="progress-form">
        <Form.Item name="text" label={t('task.text')} rules={[{ required: true, message: t('task.text') }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount data-testid="progress-text" />
        </Form.Item>
        <Form.Item name="status" label={t('task.status')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'in_progress', label: t('task.inProgress') },
              { value: 'done', label: t('task.markDone') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('task.attachments')}>
          <Upload
            multiple
            maxCount={5}
            fileList={files}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                Modal.error({ title: t('task.fileTooLarge') });
                return Upload.LIST_IGNORE;
              }
              return false; // keep it; sent with the report
            }}
            onChange={({ fileList }) => setFiles(fileList)}
            accept="image/*,.pdf,.docx,.xlsx,.txt,.mp4,.m4a,.mp3"
          >
            <Button icon={<UploadOutlined />}>{t('task.attachments')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
