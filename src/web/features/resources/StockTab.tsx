// 物资库存 (stock lines by depot, item and batch, with 临期 tags) with the 出入库 form, and the 台账 (the ledger).
import { useCallback, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import type { DepotDto, ItemDto, MovementDtoT, StockLineDto } from '../../../contracts/client';
import type { Incident } from '../../../contracts/incidents';
import { MOVEMENT_KINDS, type MovementKind } from '../../../domain/resources/ledger';
import { api, isApiError, useFetched, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { LoadError } from '../../app/status';
import { formatTime, type Dayjs } from '../../app/time';
import { useAdminList } from '../admin/useAdminList';
import { ExcelButtons } from './ExcelButtons';
import { daysUntil, NEAR_EXPIRY_DAYS, useOptions } from './labels';

type MoveValues = {
  kind: MovementKind; itemId: string; batch?: string; expiresOn?: Dayjs | null; fromDepotId?: string | null; toDepotId?: string | null;
  quantity: number; reason: string; incidentId?: string | null;
};

const loadIncidents = () => api.listIncidents({}).then((p) => p.items);

export function ExpiryTag({ expiresOn }: { expiresOn: string | null }) {
  const { t } = useI18n();
  if (!expiresOn) return <>—</>;
  const days = daysUntil(expiresOn);
  return (
    <Space size={4}>
      <span>{expiresOn}</span>
      {days < 0 ? <Tag color="error">{t('res.expired')}</Tag> : days <= NEAR_EXPIRY_DAYS ? <Tag color="warning" data-testid="near-expiry">{t('res.expiringSoon')}</Tag> : null}
    </Space>
  );
}

function MovementModal({ open, onClose, onDone, depots, items }: { open: boolean; onClose: () => void; onDone: () => void; depots: DepotDto[]; items: ItemDto[] }) {
  const { t } = useI18n();
  const options = useOptions();
  const [form] = Form.useForm<MoveValues>();
  const kind = Form.useWatch('kind', form) ?? 'in';
  const spec = MOVEMENT_KINDS[kind];
  const incidents = useFetched<Incident[]>(loadIncidents, [], open);
  const [shortage, setShortage] = useState<string | null>(null);
  const { submit, busy } = useFormSubmit(
    form,
    async (v) => {
      setShortage(null);
      try {
        return await api.createMovement({
          kind: v.kind, itemId: v.itemId, batch: v.batch?.trim() ?? '', quantity: v.quantity, reason: v.reason,
          expiresOn: v.kind === 'in' && v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
          fromDepotId: spec.from ? (v.fromDepotId ?? null) : null,
          toDepotId: spec.to ? (v.toDepotId ?? null) : null,
          incidentId: v.incidentId ?? null,
        });
      } catch (e) {
        // 库存不足: the server's own message stays in the dialog (nothing was written).
        if (isApiError(e, 409)) setShortage(e.body.error.message);
        throw e;
      }
    },
    { success: t('res.moved'), onDone: () => { onDone(); onClose(); } },
  );
  const depotOptions = depots.map((d) => ({ value: d.id, label: d.name }));
  return (
    <Modal open={open} title={t('res.moveTitle')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('common.submit')} cancelText={t('common.cancel')}
      destroyOnHidden afterClose={() => setShortage(null)}>
      {shortage && <Alert type="error" showIcon message={shortage} style={{ marginBottom: 12 }} data-testid="move-shortage" />}
      <Form<MoveValues> form={form} layout="vertical" preserve={false} initialValues={{ kind: 'in', quantity: 1 }} data-testid="move-form">
        <Form.Item name="kind" label={t('res.kind')} rules={[{ required: true }]}>
          <Select options={options(MOVEMENT_KINDS)} data-testid="move-kind" />
        </Form.Item>
        {spec.from && (
          <Form.Item name="fromDepotId" label={t('res.fromDepot')} rules={[{ required: true }]}>
            <Select options={depotOptions} showSearch optionFilterProp="label" data-testid="move-from" />
          </Form.Item>
        )}
        {spec.to && (
          <Form.Item name="toDepotId" label={t('res.toDepot')} rules={[{ required: true }]}>
            <Select options={depotOptions} showSearch optionFilterProp="label" data-testid="move-to" />
          </Form.Item>
        )}
        <Form.Item name="itemId" label={t('res.item')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" data-testid="move-item"
            options={items.map((i) => ({ value: i.id, label: `${i.name}（${i.code}，${i.unit}）` }))} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="batch" label={t('res.batch')}>
            <Input maxLength={40} data-testid="move-batch" />
          </Form.Item>
          {kind === 'in' && (
            <Form.Item name="expiresOn" label={t('res.expiresOn')}>
              <DatePicker data-testid="move-expires" />
            </Form.Item>
          )}
          <Form.Item name="quantity" label={t('res.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000_000} precision={0} data-testid="move-quantity" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('res.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input maxLength={500} data-testid="move-reason" />
        </Form.Item>
        <Form.Item name="incidentId" label={t('res.incident')} extra={t('res.incidentHint')}>
          <Select allowClear showSearch optionFilterProp="label" loading={incidents === null} data-testid="move-incident"
            options={(incidents ?? []).map((i) => ({ value: i.id, label: i.title }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StockTab({ depots, items, canManage, onChanged }: { depots: DepotDto[]; items: ItemDto[]; canManage: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [depotId, setDepotId] = useState<string | undefined>();
  const [itemId, setItemId] = useState<string | undefined>();
  const load = useCallback(() => api.stock({ depotId, itemId }), [depotId, itemId]);
  const list = useAdminList<StockLineDto>(load);
  const [moving, setMoving] = useState(false);
  const changed = () => { list.reload(); onChanged(); };
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Select allowClear placeholder={t('res.allDepots')} style={{ minWidth: 180 }} value={depotId} onChange={setDepotId}
            options={depots.map((d) => ({ value: d.id, label: d.name }))} data-testid="stock-depot-filter" />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('res.allItems')} style={{ minWidth: 180 }} value={itemId} onChange={setItemId}
            options={items.map((i) => ({ value: i.id, label: i.name }))} data-testid="stock-item-filter" />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelButtons kind="stock" title={t('res.tab.stock')} canImport={canManage} onImported={changed} />
          {canManage && <Button type="primary" icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="stock-move">{t('res.move')}</Button>}
        </Space>
      }
    >
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<StockLineDto>
          rowKey="id" size="middle" loading={list.loading} dataSource={list.items ?? []} scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.noStock')} /> }}
          onRow={(r) => ({ 'data-testid': 'stock-row', 'data-id': r.id, 'data-quantity': r.quantity }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('res.depot'), dataIndex: 'depotName' },
            { title: t('res.item'), dataIndex: 'itemName', render: (n: string, r) => <>{n} <Tag>{r.itemCode}</Tag></> },
            { title: t('res.batch'), dataIndex: 'batch', render: (b: string) => b || '—' },
            { title: t('res.expiresOn'), dataIndex: 'expiresOn', render: (e: string | null) => <ExpiryTag expiresOn={e} /> },
            { title: t('res.quantity'), dataIndex: 'quantity', align: 'right', render: (q: number, r) => <span data-testid="stock-quantity">{q} {r.unit}</span> },
          ]}
        />
      )}
      {canManage && <MovementModal open={moving} onClose={() => setMoving(false)} onDone={changed} depots={depots} items={items} />}
    </Card>
  );
}

const loadMovements = () => api.movements();

/** The ledger; the page remounts it (key) after a movement or an import. */
export function LedgerTab() {
  const { t } = useI18n();
  const list = useAdminList<MovementDtoT>(loadMovements);
  return list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
    <Table<MovementDtoT>
      rowKey="id" size="middle" loading={list.loading} dataSource={list.items ?? []} scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.noMovements')} /> }}
      onRow={(r) => ({ 'data-testid': 'movement-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('res.at'), dataIndex: 'at', render: (at: string) => formatTime(at) },
        { title: t('res.kind'), dataIndex: 'kindLabel', render: (k: string, r) => <Tag color={MOVEMENT_KINDS[r.kind].to && !MOVEMENT_KINDS[r.kind].from ? 'green' : MOVEMENT_KINDS[r.kind].from && !MOVEMENT_KINDS[r.kind].to ? 'orange' : 'blue'}>{k}</Tag> },
        { title: t('res.item'), dataIndex: 'itemName' },
        { title: t('res.batch'), dataIndex: 'batch', render: (b: string) => b || '—' },
        { title: t('res.fromDepot'), dataIndex: 'fromDepotName', render: (n: string | null) => n ?? '—' },
        { title: t('res.toDepot'), dataIndex: 'toDepotName', render: (n: string | null) => n ?? '—' },
        { title: t('res.quantity'), dataIndex: 'quantity', align: 'right', render: (q: number, r) => `${q} ${r.unit}` },
        { title: t('res.reason'), dataIndex: 'reason' },
        { title: t('res.actor'), dataIndex: 'actorName' },
      ]}
    />
  );
}
