// 预警发布: warnings in force and in preparation, in their colours; draft, approve, issue, lift and 签收,
// kept current by the live stream.
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined, GlobalOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { WarningDtoT } from '../../../contracts/client';
import { WARNING_TYPES, WARNING_LEVEL_LABELS, type WarningLevel } from '../../../domain/warnings/model';
import { api, useApiError, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useLiveEvent } from '../../app/live';
import { useCan, useUser } from '../../app/session';
import { FullPageSpin, LoadError } from '../../app/status';
import { dayjs, formatTime, wallToApiInstant, type Dayjs } from '../../app/time';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import { CapImportModal } from './CapImportModal';

export const LEVEL_COLOURS: Record<WarningLevel, string> = { red: '#cf1322', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff' };

type Values = { typeCode: string; level: WarningLevel; onset: Dayjs; expires?: Dayjs; areaDesc: string; jurisdictionCode: string; headline: string; description?: string; instruction: string };

function CreateWarningModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t, pick } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const typeCode = Form.useWatch('typeCode', form);
  const levels = WARNING_TYPES.find((x) => x.code === typeCode)?.levels ?? [];
  const { submit, busy } = useFormSubmit(form, (v) => api.createWarning({
    typeCode: v.typeCode, level: v.level, onset: wallToApiInstant(v.onset), expires: v.expires ? wallToApiInstant(v.expires) : null,
    areaDesc: v.areaDesc, jurisdictionCodes: [v.jurisdictionCode], headline: v.headline, description: v.description ?? '', instruction: v.instruction,
  }), { success: t('warn.created'), onDone: () => { onDone(); onClose(); } });
  return (
    <Modal open={open} title={t('warn.create')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ onset: dayjs(), jurisdictionCode: user.jurisdiction.code }} data-testid="warning-form">
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="typeCode" label={t('warn.type')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={WARNING_TYPES.map((x) => ({ value: x.code, label: pick(x) }))} />
          </Form.Item>
          <Form.Item name="level" label={t('warn.level')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={levels.map((l) => ({ value: l, label: <Tag color={LEVEL_COLOURS[l]}>{pick(WARNING_LEVEL_LABELS[l])}</Tag> }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="headline" label={t('warn.headline')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="onset" label={t('warn.onset')} rules={[{ required: true }]} style={{ flex: 1 }}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="expires" label={t('warn.expires')} style={{ flex: 1 }}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
        </Space.Compact>
        <Form.Item name="jurisdictionCode" label={t('warn.jurisdictions')} rules={[{ required: true }]}><JurisdictionSelect style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="areaDesc" label={t('warn.area')} rules={[{ required: true, whitespace: true }]}><Input maxLength={500} /></Form.Item>
        <Form.Item name="description" label={t('warn.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.Item name="instruction" label={t('warn.instruction')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}

export function WarningsPage() {
  const { t, pick } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  const [data, setData] = useState<WarningDtoT[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  /** The warning just imported: shown (in 全部 when it is not in force) and marked until the next import. */
  const [imported, setImported] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = useCallback(() => {
    api.warnings().then((ws) => setData(filter === 'active' ? ws.filter((w) => ['draft', 'approved', 'issued'].includes(w.status)) : ws), setError);
  }, [filter]);
  useEffect(load, [load]);
  const soon = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(load, 150);
  };
  useEffect(() => {
    if (imported) document.querySelector(`[data-testid=warning-row][data-id="${imported}"]`)?.scrollIntoView({ block: 'center' });
  }, [imported, data]);
  const onImported = async (id: string) => {
    setImported(id);
    const w = await api.warning(id).catch(() => null);
    if (w && filter === 'active' && !['draft', 'approved', 'issued'].includes(w.status)) setFilter('all'); // reloads
    else load();
  };
  useLiveEvent('warning', soon);
  useLiveEvent('reconnect', soon);

  const act = async (w: WarningDtoT, action: 'approve' | 'issue' | 'lift' | 'ack') => {
    try {
      const next = action === 'ack' ? await api.ackWarning(w.id) : await api.warningAction(w.id, action);
      setData((cur) => cur?.map((x) => (x.id === next.id ? next : x)) ?? null);
      void message.success(t('warn.done'));
    } catch (e) {
      onError(e);
    }
  };

  const toIncident = async (w: WarningDtoT) => {
    try {
      const linked = await api.call<WarningDtoT>('POST', `/api/warnings/${encodeURIComponent(w.id)}/incident`, {});
      navigate(`/incidents/${linked.incidentId}`);
    } catch (e) {
      onError(e);
    }
  };

  if (error) return <div className="sw-page"><LoadError error={error} onRetry={load} /></div>;
  return (
    <div className="sw-page" data-testid="warnings-page">
      <Card
        title={t('warn.title')}
        extra={
          <Space wrap>
            <Segmented value={filter} onChange={(v) => setFilter(v as 'active' | 'all')} options={[{ value: 'active', label: t('warn.active') }, { value: 'all', label: t('warn.all') }]} />
            <Button icon={<GlobalOutlined />} href="/public/warnings" target="_blank">{t('warn.public')}</Button>
            {can('warning.create') && <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="cap-import">{t('cap.import')}</Button>}
            {can('warning.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="warning-create">{t('warn.create')}</Button>}
          </Space>
        }
      >
        {!data ? <FullPageSpin /> : data.length === 0 ? <Empty description={t('warn.empty')} /> : (
          <List
            dataSource={data}
            renderItem={(w) => (
              <List.Item
                data-testid="warning-row" data-id={w.id} data-status={w.status} data-level={w.level}
                style={{ borderLeft: `6px solid ${LEVEL_COLOURS[w.level]}`, paddingLeft: 12, marginBottom: 8, background: w.id === imported ? '#e6f4ff' : '#fff' }}
                actions={[
                  can('warning.issue') && w.status === 'draft' && <Button key="a" size="small" onClick={() => act(w, 'approve')}>{t('warn.approve')}</Button>,
                  can('warning.issue') && (w.status === 'draft' || w.status === 'approved') && <Button key="i" size="small" type="primary" onClick={() => act(w, 'issue')} data-testid="warning-issue">{t('warn.issue')}</Button>,
                  can('warning.issue') && w.status === 'issued' && <Button key="l" size="small" danger onClick={() => act(w, 'lift')}>{t('warn.lift')}</Button>,
                  w.incidentId ? <Link key="inc" to={`/incidents/${w.incidentId}`}>{t('warn.openIncident')}</Link>
                    : can('incident.create') && w.status === 'issued' && <Button key="n" size="small" onClick={() => toIncident(w)} data-testid="warning-incident">{t('warn.toIncident')}</Button>,
                  can('warning.ack') && w.status === 'issued' && (w.ackedByMe ? <Tag key="k" icon={<CheckOutlined />} color="success">{t('warn.acked')}</Tag>
                    : <Button key="k" size="small" onClick={() => act(w, 'ack')} data-testid="warning-ack">{t('warn.ack')}</Button>),
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={<Space wrap><Tag color={LEVEL_COLOURS[w.level]}>{w.typeLabel}{pick(WARNING_LEVEL_LABELS[w.level])}</Tag><span>{w.headline}</span><Tag>{t(`warn.status.${w.status}`)}</Tag><Tag bordered={false}>{t(`warn.origin.${w.origin}`)}</Tag>{w.escalated && <Tag color="error" data-testid="warning-escalated">{t('warn.escalated')}</Tag>}</Space>}
                  description={
                    <div>
                      <div>{t('warn.area')}：{w.areaDesc}</div>
                      <div>{t('warn.instruction')}：{w.instruction}</div>
                      {w.basis && <div>{t('warn.basis')}：{w.basis}</div>}
                      {w.status === 'issued' && (
                        <details style={{ marginTop: 4 }}>
                          <summary style={{ cursor: 'pointer' }}>{t('warn.channels')}</summary>
                          <Typography.Paragraph copyable style={{ marginBottom: 4 }}>{t('warn.sms')}：{w.channels.sms}</Typography.Paragraph>
                          <Typography.Paragraph copyable={{ text: w.channels.broadcast }} style={{ marginBottom: 0 }}>{t('warn.broadcast')}：{w.channels.broadcast}</Typography.Paragraph>
                        </details>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {w.issuer} · {t('warn.onset')} {formatTime(w.onset)}{w.issuedAt ? ` · ${t('warn.issuedAt')} ${formatTime(w.issuedAt)}` : ''} · {t('warn.acks', { n: w.acks.length })}
                      </Typography.Text>
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <CreateWarningModal open={creating} onClose={() => setCreating(false)} onDone={load} />
      <CapImportModal open={importing} onClose={() => setImporting(false)} onDone={(id) => void onImported(id)} />
    </div>
  );
}
