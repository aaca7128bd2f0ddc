// Status buttons: exactly the transitions the lifecycle table allows from the current status.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import type { Incident } from '../../../../contracts/incidents';
import type { IncidentStatus } from '../../../../domain/incidents/model';
import { TRANSITIONS, isReopen } from '../../../../domain/incidents/lifecycle';
import { api, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';

interface Props {
  incident: Incident;
  onChanged: (i: Incident) => void;
}

export function StatusActions({ incident, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [target, setTarget] = useState<IncidentStatus | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const next = TRANSITIONS[incident.status];

  const label = (to: IncidentStatus) =>
    isReopen(incident.status, to) ? t('detail.reopen') : t('detail.transitionTo', { status: t(`status.${to}`) });

  const submit = async () => {
    if (!target) return;
    const note = (form.getFieldValue('note') as string | undefined)?.trim();
    setSubmitting(true);
    try {
      const updated = await api.patchIncident(incident.id, { status: target, ...(note ? { note } : {}) });
      onChanged(updated);
      void message.success(t('detail.transitionDone', { status: t(`status.${updated.status}`) }));
      setTarget(null);
    } catch (e) {
      onError(e, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Space wrap data-testid="status-actions">
        {next.map((to) => (
          <Button
            key={to}
            type={to === 'closed' ? 'default' : 'primary'}
            ghost={to !== 'closed'}
            danger={isReopen(incident.status, to)}
            onClick={() => setTarget(to)}
            data-testid={`transition-${to}`}
          >
            {label(to)}
          </Button>
        ))}
      </Space>
      <Modal
        open={target !== null}
        title={target ? label(target) : ''}
        onCancel={() => setTarget(null)}
        onOk={submit}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={submitting}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="note" label={t('detail.transitionNote')}>
            <Input.TextArea rows={3} maxLength={1000} autoFocus data-testid="transition-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
