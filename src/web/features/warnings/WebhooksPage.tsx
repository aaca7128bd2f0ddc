// 推送地址: webhooks that receive every public change of a warning in their area (the signing secret is shown once),
// their deliveries, and the dead letters that a person can send again.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Switch, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { WebhookDeliveryDto, WebhookDeliveryStatus, WebhookDto } from '../../../contracts/client';
import { api, useApiError, useFormSubmit } from '../../app/api';
import { useI18n, type MessageKey } from '../../app/i18n';
import { useUser } from '../../app/session';
import { formatTime } from '../../app/time';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import { AdminListCard, CreateModal } from '../admin/AdminListCard';
import { useAdminList } from '../admin/useAdminList';
import { useJurisdictionNames } from '../plans/useJurisdictionNames';

type Values = { name: string; url: string; jurisdictionCode: string };
const STATUS_COLOURS: Record<WebhookDeliveryStatus, string> = { pending: 'processing', delivered: 'success', dead: 'error' };

function Deliveries() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [status, setStatus] = useState<WebhookDeliveryStatus | 'all'>('all');
  const [data, setData] = useState<WebhookDeliveryDto[] | null>(null);
  const load = useCallback(() => {
    setData(null);
    api.webhookDeliveries(status === 'all' ? undefined : status).then(setData, (e: unknown) => { setData([]); onError(e); });
  }, [status, onError]);
  useEffect(load, [load]);
  const retry = async (d: WebhookDeliveryDto) => {
    try {
      const next = await api.retryWebhookDelivery(d.id);
      setData((cur) => (status === 'dead' ? cur?.filter((x) => x.id !== d.id) : cur?.map((x) => (x.id === d.id ? next : x))) ?? null);
      void message.success(t('webhook.retried'));
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Card
      title={t('webhook.deliveries')} style={{ marginTop: 16 }} data-testid="webhook-deliveries"
      extra={<>
        <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} data-testid="delivery-filter"
          options={[{ value: 'all', label: t('common.all') }, ...(['pending', 'delivered', 'dead'] as const).map((s) => ({ value: s, label: s === 'dead' ? t('webhook.dead') : t(`webhook.status.${s}`) }))]} />
        <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('common.refresh')} style={{ marginLeft: 8 }} />
      </>}
    >
      <Table<WebhookDeliveryDto>
        rowKey="id" size="small" loading={!data} dataSource={data ?? []} scroll={{ x: true }} locale={{ emptyText: t('webhook.noDeliveries') }}
        onRow={(d) => ({ 'data-testid': 'delivery-row', 'data-id': d.id, 'data-status': d.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('webhook.at'), dataIndex: 'createdAt', render: (at: string) => formatTime(at) },
          { title: t('webhook.name'), dataIndex: 'webhookName' },
          { title: t('webhook.event'), dataIndex: 'event', render: (e: string) => t(`webhook.event.${e}` as MessageKey) },
          { title: t('webhook.warning'), dataIndex: 'warningHeadline' },
          { title: '', dataIndex: 'status', render: (s: WebhookDeliveryStatus, d) => <Tag color={STATUS_COLOURS[s]}>{t(`webhook.status.${s}`)}{s === 'delivered' && d.deliveredAt ? ` ${formatTime(d.deliveredAt)}` : ''}</Tag> },
          { title: t('webhook.attempts'), dataIndex: 'attempts' },
          { title: t('webhook.lastError'), dataIndex: 'lastError', render: (e: string | null) => e ?? '—' },
          { title: '', render: (_, d) => d.status === 'dead' && <Button size="small" onClick={() => retry(d)} data-testid="delivery-retry">{t('webhook.retry')}</Button> },
        ]}
      />
    </Card>
  );
}

export function WebhooksPage() {
  const { t } = useI18n();
  const user = useUser();
  const list = useAdminList(api.webhooks);
  const names = useJurisdictionNames((list.items ?? []).map((w) => w.jurisdictionCode));
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form, (v) => api.createWebhook(v), {
    success: t('webhook.created'), onDone: (w) => { setOpen(false); setSecret(w.secret); list.reload(); },
  });
  return (
    <div className="sw-page" data-testid="webhooks-page">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('webhook.hint')} />
      <AdminListCard<WebhookDto>
        title={t('webhook.title')} createLabel={t('webhook.create')} testId="webhook" emptyText={t('webhook.empty')} list={list} onCreate={() => setOpen(true)}
        columns={[
          { title: t('webhook.name'), dataIndex: 'name' },
          { title: t('webhook.url'), dataIndex: 'url', render: (u: string) => <Typography.Text copyable>{u}</Typography.Text> },
          { title: t('webhook.area'), dataIndex: 'jurisdictionCode', render: (c: string) => names.get(c) ?? c },
          { title: t('webhook.enabled'), dataIndex: 'enabled', render: (on: boolean, w) => (
            <Switch size="small" checked={on} data-testid="webhook-enabled" onChange={(v) => api.setWebhookEnabled(w.id, v).then(list.reload, (e: unknown) => onError(e))} />
          ) },
          { title: t('wrule.createdBy'), render: (_, w) => `${w.createdBy} · ${formatTime(w.createdAt)}` },
        ]}
      />
      <Deliveries />
      <CreateModal open={open} title={t('webhook.create')} busy={busy} onOk={submit} onClose={() => setOpen(false)}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ jurisdictionCode: user.jurisdiction.code }} data-testid="webhook-form">
          <Form.Item name="name" label={t('webhook.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="webhook-name" /></Form.Item>
          <Form.Item name="url" label={t('webhook.url')} rules={[{ required: true, type: 'url' }]}><Input maxLength={500} placeholder="https://" data-testid="webhook-url" /></Form.Item>
          <Form.Item name="jurisdictionCode" label={t('webhook.area')} rules={[{ required: true }]}><JurisdictionSelect style={{ width: '100%' }} /></Form.Item>
        </Form>
      </CreateModal>
      <Modal open={secret !== null} title={t('webhook.secretTitle')} onCancel={() => setSecret(null)} onOk={() => setSecret(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {secret && <>
          <Typography.Paragraph copyable={{ text: secret }} code data-testid="webhook-secret">{secret}</Typography.Paragraph>
          <Alert type="info" showIcon message={t('webhook.secretHint')} />
        </>}
      </Modal>
    </div>
  );
}
