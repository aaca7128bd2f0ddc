// 资源需求 on the incident page: the incident's item and team requests with their dispatch orders. By permission:
// 提出需求 (resource.request), 批准/不批准 and 下达调拨单 (resource.dispatch; the order form shows each depot's stock
// of the item and the nearest depots or teams with road km and minutes), 发出/归还/取消 (resource.manage) and
// 接收 (resource.request). Kept current by the live `response` signal, as the plans card is.
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Progress, Radio, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DispatchOrderAction, DispatchOrderDto, ItemDto, NearestHitDto, ResourceRequestDto, StockLineDto, TeamDto } from '../../../contracts/client';
import { TEAM_KINDS, TEAM_STATUSES } from '../../../domain/resources/model';
import { api, useApiError, useFetched, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { formatTime, wallToApiInstant, type Dayjs } from '../../app/time';
import { useLiveData } from '../responses/hooks';
import { useLabel, useOptions } from './labels';

const PRIORITY_COLOURS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'default' };
const STATUS_COLOURS: Record<ResourceRequestDto['status'], string> = { requested: 'processing', approved: 'blue', rejected: 'default', fulfilled: 'success', cancelled: 'default' };
const ORDER_COLOURS: Record<DispatchOrderDto['status'], string> = { ordered: 'blue', in_transit: 'processing', received: 'success', returned: 'default', cancelled: 'default' };

type RequestValues = {
  kind: 'item' | 'team'; itemId?: string; teamKind?: keyof typeof TEAM_KINDS; quantity: number; destination: string; priority: 1 | 2 | 3 | 4;
  neededBy?: Dayjs | null; description?: string; note?: string;
};

const loadItems = () => api.items();

function RequestModal({ incidentId, open, items, onClose, onDone }: { incidentId: string; open: boolean; items: ItemDto[]; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const options = useOptions();
  const [form] = Form.useForm<RequestValues>();
  const kind = Form.useWatch('kind', form) ?? 'item';
  const { submit, busy } = useFormSubmit(
    form,
    (v) => api.createResourceRequest(incidentId, {
      kind: v.kind, itemId: v.kind === 'item' ? (v.itemId ?? null) : null, teamKind: v.kind === 'team' ? (v.teamKind ?? null) : null,
      quantity: v.quantity, destination: v.destination, priority: v.priority, neededBy: v.neededBy ? wallToApiInstant(v.neededBy) : null,
      description: v.description ?? '', note: v.note ?? '',
    }),
    { success: t('res.req.created'), onDone: () => { onDone(); onClose(); } },
  );
  return (
    <Modal open={open} title={t('res.req.create')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('common.submit')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form<RequestValues> form={form} layout="vertical" preserve={false} initialValues={{ kind: 'item', quantity: 1, priority: 2 }} data-testid="request-form">
        <Form.Item name="kind" label={t('res.req.kind')}>
          <Radio.Group optionType="button" data-testid="request-kind"
            options={[{ value: 'item', label: t('res.req.kind.item') }, { value: 'team', label: t('res.req.kind.team') }]} />
        </Form.Item>
        {kind === 'item' ? (
          <Form.Item name="itemId" label={t('res.item')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" data-testid="request-item" options={items.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="teamKind" label={t('res.req.teamKind')} rules={[{ required: true }]}>
            <Select options={options(TEAM_KINDS)} data-testid="request-team-kind" />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="quantity" label={t('res.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000_000} precision={0} data-testid="request-quantity" />
          </Form.Item>
          <Form.Item name="priority" label={t('res.req.priority')}>
            <Select style={{ width: 120 }} data-testid="request-priority" options={([1, 2, 3, 4] as const).map((p) => ({ value: p, label: t(`res.req.priority.${p}`) }))} />
          </Form.Item>
          <Form.Item name="neededBy" label={t('res.req.neededBy')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="destination" label={t('res.req.destination')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} data-testid="request-destination" />
        </Form.Item>
        <Form.Item name="description" label={t('res.req.description')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('res.req.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type OrderValues = { sourceId: string; batch?: string; quantity: number };

/** The batch to take first: the earliest expiry that covers what is asked (first expired, first out), else the earliest. */
function firstBatch(batches: StockLineDto[], wanted: number): string | undefined {
  const order = [...batches].sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999'));
  return (order.find((b) => b.quantity >= wanted) ?? order[0])?.batch;
}

/** Stock of one item summed per depot (with its batches), and teams of the kind wanted, with the nearest ones' distance. */
function OrderModal({ r, what, onClose, onDone }: { r: ResourceRequestDto | null; what: string; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<OrderValues>();
  const isTeam = r?.kind === 'team';
  const open = r !== null;
  const stockLoad = useCallback(() => (r?.itemId ? api.stock({ itemId: r.itemId }) : Promise.resolve([] as StockLineDto[])), [r]);
  const stock = useFetched<StockLineDto[]>(stockLoad, [], open && !isTeam);
  const teamsLoad = useCallback(() => api.teams(), []);
  const teams = useFetched<TeamDto[]>(teamsLoad, [], open && isTeam);
  const nearLoad = useCallback(
    () => (r?.location ? api.nearestResources({ lat: r.location.lat, lon: r.location.lon, kind: isTeam ? 'team' : 'depot', limit: 20 }) : Promise.resolve([] as NearestHitDto[])),
    [r, isTeam],
  );
  const near = useFetched<NearestHitDto[]>(nearLoad, [], open);
  const sourceId = Form.useWatch('sourceId', form);
  const distance = new Map((near ?? []).map((h) => [h.id, h]));
  const km = (id: string) => {
    const h = distance.get(id);
    return h ? t('res.req.km', { km: h.km, min: Math.round(h.minutes) }) : '';
  };
  const byDepot = useMemo(() => {
    const m = new Map<string, { id: string; name: string; quantity: number; batches: StockLineDto[] }>();
    for (const l of stock ?? []) {
      const d = m.get(l.depotId) ?? { id: l.depotId, name: l.depotName, quantity: 0, batches: [] };
      d.quantity += l.quantity;
      if (l.quantity > 0) d.batches.push(l);
      m.set(l.depotId, d);
    }
    return [...m.values()];
  }, [stock]);
  const rank = (id: string) => distance.get(id)?.km ?? Number.POSITIVE_INFINITY;
  const sourceOptions = isTeam
    ? (teams ?? []).filter((x) => !r?.teamKind || x.kind === r.teamKind).sort((a, b) => rank(a.id) - rank(b.id))
      .map((x) => ({ value: x.id, label: `${x.name}（${label(TEAM_STATUSES, x.status)}，${t('common.person', { n: x.headcount })}）${km(x.id) ? ` · ${km(x.id)}` : ''}` }))
    : [...byDepot].sort((a, b) => rank(a.id) - rank(b.id))
      .map((d) => ({ value: d.id, label: `${d.name}（${d.quantity} ${r?.unit ?? ''}）${km(d.id) ? ` · ${km(d.id)}` : ''}`, disabled: d.quantity <= 0 }));
  const batches = isTeam ? [] : (byDepot.find((d) => d.id === sourceId)?.batches ?? []);
  const { submit, busy } = useFormSubmit(
    form,
    (v) => api.createDispatchOrder(r!.id, isTeam ? { teamId: v.sourceId, quantity: v.quantity } : { depotId: v.sourceId, batch: v.batch ?? '', quantity: v.quantity }),
    { success: t('res.req.ordered'), onDone: () => { onDone(); onClose(); } },
  );
  return (
    <Modal open={open} title={t('res.req.orderTitle', { what })} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('res.req.order')} cancelText={t('common.cancel')}
      destroyOnHidden width={680}>
      {r && (
        <Form<OrderValues> form={form} layout="vertical" preserve={false} initialValues={{ quantity: Math.max(1, r.outstanding) }} data-testid="order-form">
          <Form.Item name="sourceId" label={isTeam ? t('res.req.team') : t('res.depot')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={isTeam ? teams === null : stock === null} options={sourceOptions} data-testid="order-source"
              onChange={(id: string) => form.setFieldValue('batch', isTeam ? undefined : firstBatch(byDepot.find((d) => d.id === id)?.batches ?? [], r.outstanding))} />
          </Form.Item>
          {!isTeam && batches.length > 0 && (
            <Form.Item name="batch" label={t('res.batch')}>
              <Select allowClear data-testid="order-batch"
                options={batches.map((b) => ({ value: b.batch, label: `${b.batch || '—'}（${b.quantity} ${b.unit}${b.expiresOn ? `，${t('res.expiresOn')} ${b.expiresOn}` : ''}）` }))} />
            </Form.Item>
          )}
          <Form.Item name="quantity" label={t('res.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000_000} precision={0} data-testid="order-quantity" />
          </Form.Item>
          {!isTeam && (
            <Table<(typeof byDepot)[number]>
              size="small" rowKey="id" pagination={false} loading={stock === null} dataSource={byDepot} title={() => t('res.req.stockByDepot')} data-testid="order-stock"
              columns={[
                { title: t('res.depot'), dataIndex: 'name' },
                { title: t('res.quantity'), dataIndex: 'quantity', align: 'right', render: (q: number) => `${q} ${r.unit}` },
                { title: t('res.req.nearest'), key: 'km', render: (_, d) => km(d.id) || '—' },
              ]}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('res.req.nearest')}</Typography.Title>
          {!r.location ? <Typography.Text type="secondary">{t('res.req.noLocation')}</Typography.Text> : (
            <List size="small" loading={near === null} dataSource={(near ?? []).slice(0, 5)} data-testid="order-nearest"
              locale={{ emptyText: t('res.empty') }}
              renderItem={(h) => <List.Item>{h.name}<Typography.Text type="secondary">{t('res.req.km', { km: h.km, min: Math.round(h.minutes) })}</Typography.Text></List.Item>}
              footer={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('res.req.nearestHint')}</Typography.Text>} />
          )}
        </Form>
      )}
    </Modal>
  );
}

export function IncidentResourcesCard({ incidentId }: { incidentId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const can = useCan();
  const label = useLabel();
  const load = useCallback(() => api.resourceRequests(incidentId), [incidentId]);
  const { data, reload, setData } = useLiveData<ResourceRequestDto[]>(load, (s) => s.incidentId === incidentId, incidentId);
  const items = useFetched<ItemDto[]>(loadItems, []);
  const itemName = new Map((items ?? []).map((i) => [i.id, i.name]));
  const [creating, setCreating] = useState(false);
  const [ordering, setOrdering] = useState<ResourceRequestDto | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const what = (r: ResourceRequestDto) => (r.kind === 'item' ? (r.itemId ? itemName.get(r.itemId) : null) ?? r.description ?? '' : `${label(TEAM_KINDS, r.teamKind)}${t('res.req.kind.team')}`);
  const replace = (next: ResourceRequestDto) => setData((cur) => cur?.map((x) => (x.id === next.id ? next : x)) ?? null);
  const act = async (key: string, run: () => Promise<ResourceRequestDto>, done: string) => {
    setBusy(key);
    try {
      replace(await run());
      void message.success(done);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  const orderActions = (o: DispatchOrderDto): DispatchOrderAction[] => {
    const out: DispatchOrderAction[] = [];
    if (o.status === 'ordered' && can('resource.manage')) out.push('depart', 'cancel');
    if (o.status === 'in_transit' && can('resource.request')) out.push('receive');
    if (o.status === 'received' && can('resource.manage')) out.push('return');
    return out;
  };
  return (
    <Card size="small" title={t('res.req.title')} data-testid="incident-resources" style={{ marginBottom: 16 }}
      extra={can('resource.request') && <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="request-create">{t('res.req.create')}</Button>}>
      {!data ? <Skeleton active /> : data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.req.none')} /> : (
        <List
          dataSource={data}
          renderItem={(r) => (
            <List.Item data-testid="resource-request" data-id={r.id} data-status={r.status}
              actions={[
                ...(r.status === 'requested' && can('resource.dispatch')
                  ? [
                      <Button key="ok" size="small" type="primary" loading={busy === `${r.id}:approve`} data-testid="request-approve"
                        onClick={() => void act(`${r.id}:approve`, () => api.decideResourceRequest(r.id, 'approve'), t('res.req.approved'))}>{t('res.req.approve')}</Button>,
                      <Button key="no" size="small" danger loading={busy === `${r.id}:reject`} data-testid="request-reject"
                        onClick={() => void act(`${r.id}:reject`, () => api.decideResourceRequest(r.id, 'reject'), t('res.req.rejected'))}>{t('res.req.reject')}</Button>,
                    ]
                  : []),
                ...(r.status === 'approved' && r.outstanding > 0 && can('resource.dispatch')
                  ? [<Button key="order" size="small" type="primary" onClick={() => setOrdering(r)} data-testid="request-order">{t('res.req.order')}</Button>]
                  : []),
              ]}
            >
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong data-testid="request-what">{what(r)}</Typography.Text>
                  <Typography.Text>{r.quantity} {r.unit}</Typography.Text>
                  <Tag color={PRIORITY_COLOURS[r.priority]}>{t(`res.req.priority.${r.priority as 1 | 2 | 3 | 4}`)}</Tag>
                  <Tag color={STATUS_COLOURS[r.status]} data-testid="request-status">{t(`res.req.status.${r.status}`)}</Tag>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.destination}{r.neededBy ? ` · ${t('res.req.neededBy')} ${formatTime(r.neededBy)}` : ''} · {r.createdBy} {formatTime(r.createdAt)}
                </Typography.Text>
                <div style={{ maxWidth: 360 }}>
                  <Progress size="small" percent={Math.round((Math.min(r.ordered, r.quantity) / r.quantity) * 100)} success={{ percent: Math.round((Math.min(r.received, r.quantity) / r.quantity) * 100) }}
                    format={() => ''} />
                  <Typography.Text style={{ fontSize: 12 }} data-testid="request-progress">
                    {t('res.req.progress', { ordered: r.ordered, received: r.received, quantity: r.quantity, unit: r.unit })}
                  </Typography.Text>
                </div>
                {r.orders.length > 0 && (
                  <List size="small" dataSource={r.orders} style={{ width: '100%' }}
                    renderItem={(o) => (
                      <List.Item data-testid="order-item" data-id={o.id} data-status={o.status}
                        actions={orderActions(o).map((a) => (
                          <Button key={a} size="small" danger={a === 'cancel'} loading={busy === `${o.id}:${a}`} data-testid={`order-${a}`}
                            onClick={() => void act(`${o.id}:${a}`, () => api.dispatchOrderAction(o.id, a), t('res.order.done'))}>{t(`res.order.${a}`)}</Button>
                        ))}>
                        <Space wrap>
                          <span>{o.depotName ?? o.teamName}</span>
                          {o.batch && <Tag>{o.batch}</Tag>}
                          <span>{o.quantity} {r.unit}</span>
                          <Tag color={ORDER_COLOURS[o.status]} data-testid="order-status">{t(`res.order.status.${o.status}`)}</Tag>
                          {o.etaMinutes !== null && o.status !== 'received' && o.status !== 'returned' && (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('res.order.eta', { min: Math.round(o.etaMinutes) })}</Typography.Text>
                          )}
                        </Space>
                      </List.Item>
                    )} />
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {can('resource.request') && <RequestModal incidentId={incidentId} open={creating} items={items ?? []} onClose={() => setCreating(false)} onDone={reload} />}
      {can('resource.dispatch') && <OrderModal r={ordering} what={ordering ? what(ordering) : ''} onClose={() => setOrdering(null)} onDone={reload} />}
    </Card>
  );
}
