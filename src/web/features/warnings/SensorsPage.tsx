// 监测设备: the registry with on-line state and latest reading; registering shows the device token once.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SensorDto } from '../../../contracts/client';
import { SENSOR_KINDS, type SensorKind } from '../../../contracts/monitoring';
import { api, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useCan, useUser } from '../../app/session';
import { LoadError } from '../../app/status';
import { formatTime } from '../../app/time';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';

type Values = { name: string; kind: SensorKind; jurisdictionCode: string; intervalSeconds: number; lat?: number; lon?: number };

export function SensorsPage() {
  const { t } = useI18n();
  const can = useCan();
  const user = useUser();
  const [data, setData] = useState<SensorDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ id: string; token: string } | null>(null);
  const [form] = Form.useForm<Values>();
  const load = useCallback(() => void api.sensors().then(setData, setError), []);
  useEffect(load, [load]);
  const { submit, busy } = useFormSubmit(form, (v) => api.createSensor({
    name: v.name, kind: v.kind, jurisdictionCode: v.jurisdictionCode, intervalSeconds: v.intervalSeconds,
    location: v.lat !== undefined && v.lon !== undefined ? { lat: v.lat, lon: v.lon } : null,
  }), { success: t('common.saved'), onDone: (s) => { setOpen(false); setCreated({ id: s.id, token: s.token }); load(); } });
  if (error) return <div className="sw-page"><LoadError error={error} onRetry={load} /></div>;
  return (
    <div className="sw-page" data-testid="sensors-page">
      <Card title={t('sensor.title')} extra={can('sensor.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('sensor.create')}</Button>}>
        <Table<SensorDto>
          rowKey="id" loading={!data} dataSource={data ?? []} size="small" scroll={{ x: true }} locale={{ emptyText: t('sensor.empty') }}
          columns={[
            { title: t('sensor.name'), dataIndex: 'name' },
            { title: t('sensor.kind'), dataIndex: 'kindLabel' },
            { title: t('warn.jurisdictions'), dataIndex: 'jurisdictionName' },
            { title: t('sensor.lastReading'), render: (_, s) => (s.lastValue === null ? '—' : `${s.lastValue} ${s.unit} · ${formatTime(s.lastReadingAt)}`) },
            { title: '', render: (_, s) => <Tag color={s.online ? 'success' : 'default'}>{s.online ? t('sensor.online') : t('sensor.offline')}</Tag> },
          ]}
        />
      </Card>
      <Modal open={open} title={t('sensor.create')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} destroyOnHidden okText={t('common.save')} cancelText={t('common.cancel')}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ jurisdictionCode: user.jurisdiction.code, intervalSeconds: 300 }}>
          <Form.Item name="name" label={t('sensor.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="kind" label={t('sensor.kind')} rules={[{ required: true }]}>
            <Select options={Object.entries(SENSOR_KINDS).map(([k, v]) => ({ value: k, label: `${v.zh}（${v.unit}）` }))} />
          </Form.Item>
          <Form.Item name="jurisdictionCode" label={t('warn.jurisdictions')} rules={[{ required: true }]}><JurisdictionSelect style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="intervalSeconds" label={t('sensor.interval')}><InputNumber min={1} max={604800} style={{ width: '100%' }} /></Form.Item>
          <Form.Item label="WGS84"><Space.Compact style={{ width: '100%' }}>
            <Form.Item name="lat" noStyle><InputNumber placeholder="纬度 lat" min={-90} max={90} style={{ width: '50%' }} /></Form.Item>
            <Form.Item name="lon" noStyle><InputNumber placeholder="经度 lon" min={-180} max={180} style={{ width: '50%' }} /></Form.Item>
          </Space.Compact></Form.Item>
        </Form>
      </Modal>
      <Modal open={created !== null} title={t('sensor.tokenTitle')} onCancel={() => setCreated(null)} onOk={() => setCreated(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {created && <>
          <Typography.Paragraph copyable={{ text: created.token }} code data-testid="sensor-token">{created.token}</Typography.Paragraph>
          <Alert type="info" showIcon message={t('sensor.tokenHint').replace('{id}', created.id)} />
        </>}
      </Modal>
    </div>
  );
}
