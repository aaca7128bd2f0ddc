// The registers: 物资目录, 仓库, 救援队伍, 专家, 装备, 避难场所 — a list each with its Excel buttons and, for those who
// manage resources, one form to register an entry or change one, and a delete.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DepotDto, EquipmentDto, ExpertDto, ItemDto, SheetKindT, ShelterDto, TeamDto } from '../../../contracts/client';
import {
  EQUIPMENT_KINDS, EQUIPMENT_STATUSES, ITEM_CATEGORIES, SHELTER_KINDS, SHELTER_STATUSES, TEAM_KINDS, TEAM_STATUSES,
} from '../../../domain/resources/model';
import { api, useApiError, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { LoadError } from '../../app/status';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import type { useAdminList } from '../admin/useAdminList';
import { ExcelButtons } from './ExcelButtons';
import { useLabel, useOptions } from './labels';

type List<T> = ReturnType<typeof useAdminList<T>>;
type ItemBody = Parameters<typeof api.createItem>[0];
type DepotBody = Parameters<typeof api.createDepot>[0];
type TeamBody = Parameters<typeof api.createTeam>[0];
type ExpertBody = Parameters<typeof api.createExpert>[0];
type EquipmentBody = Parameters<typeof api.createEquipment>[0];
type ShelterBody = Parameters<typeof api.createShelter>[0];
type Located = { lat?: number | null; lon?: number | null };
const at = (v: Located) => (v.lat !== undefined && v.lat !== null && v.lon !== undefined && v.lon !== null ? { lat: v.lat, lon: v.lon } : null);
const coords = (l: { lat: number; lon: number } | null): Located => ({ lat: l?.lat ?? null, lon: l?.lon ?? null });
const words = (s?: string) => (s ?? '').split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);
const STATUS_COLOURS: Record<string, string> = { standby: 'success', deployed: 'processing', resting: 'default', available: 'success', in_use: 'processing', maintenance: 'warning', open: 'success', closed: 'default', full: 'error' };

/** A register: title bar with Excel buttons and (resource.manage) a create button, then the list with 编辑 / 删除 on each entry. */
function RegisterCard<T extends { id: string; name: string }>({ kind, title, createLabel, list, columns, canManage, dialog, remove }: {
  kind: SheetKindT; title: string; createLabel: string; list: List<T>; columns: TableColumnsType<T>; canManage: boolean; dialog: Dialog<T>; remove: (id: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  // A refusal (409: still in stock, on the ledger, on a dispatch order…) shows the server's message, which says why.
  const del = async (r: T) => {
    try {
      await remove(r.id);
      void message.success(t('res.deleted'));
      list.reload();
    } catch (e) {
      onError(e);
    }
  };
  const actions: TableColumnsType<T>[number] = {
    title: t('common.actions'), key: 'actions', render: (_, r) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => dialog.edit(r)} data-testid={`${kind}-edit`}>{t('common.edit')}</Button>
        <Popconfirm title={t('res.deleteConfirm', { name: r.name })} onConfirm={() => del(r)} okText={t('res.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}>
          <Button type="link" size="small" danger data-testid={`${kind}-delete`}>{t('res.delete')}</Button>
        </Popconfirm>
      </Space>
    ),
  };
  return (
    <Card size="small" data-testid={`register-${kind}`}
      title={<ExcelButtons kind={kind} title={title} canImport={canManage} onImported={list.reload} />}
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create} data-testid={`${kind}-create`}>{createLabel}</Button>}>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<T>
          rowKey="id" size="middle" loading={list.loading} dataSource={list.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.empty')} /> }}
          onRow={(r) => ({ 'data-testid': `${kind}-row`, 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={canManage ? [...columns, actions] : columns}
        />
      )}
    </Card>
  );
}

/** The dialog of a register, open for a new entry (null) or on an entry to change; the entry stays while it closes. */
function useDialog<D>() {
  const [state, setState] = useState<{ open: boolean; entry: D | null }>({ open: false, entry: null });
  return { ...state, create: () => setState({ open: true, entry: null }), edit: (entry: D) => setState({ open: true, entry }), close: () => setState((s) => ({ ...s, open: false })) };
}
type Dialog<D> = ReturnType<typeof useDialog<D>>;

/**
 * The form of a register, to register (POST) or change (PATCH) an entry: the same fields, prefilled from the entry
 * by `toForm`; `toBody` makes the request body of the form's values. A change sends only the fields that differ from
 * the entry, so that two people changing different fields of it (a shelter's occupancy, its phone) do not undo each
 * other. Submitted through useFormSubmit (the server's field errors land on the fields); the list reloads after.
 */
function RegisterForm<V extends object, B extends object, D extends { id: string; name: string }>({ dialog, title, onDone, initial, toForm, toBody, create, patch, children, testId }: {
  dialog: Dialog<D>; title: string; onDone: () => void; initial?: Partial<V>; toForm: (d: D) => V; toBody: (v: V) => B;
  create: (b: B) => Promise<D>; patch: (id: string, b: Partial<B>) => Promise<D>; children: ReactNode; testId: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const { entry } = dialog;
  const send = (v: V) => {
    if (!entry) return create(toBody(v));
    const was = toBody(toForm(entry)) as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(toBody(v)).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(was[k]))) as Partial<B>;
    return Object.keys(changed).length ? patch(entry.id, changed) : Promise.resolve(entry);
  };
  const { submit, busy } = useFormSubmit(form, send, { success: entry ? t('common.saved') : t('res.created'), onDone: () => { onDone(); dialog.close(); } });
  return (
    <Modal open={dialog.open} title={entry ? `${t('common.edit')}：${entry.name}` : title} onCancel={dialog.close} onOk={submit} confirmLoading={busy}
      okText={entry ? t('common.save') : t('common.create')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form<V> key={entry?.id ?? 'new'} form={form} layout="vertical" preserve={false} initialValues={entry ? toForm(entry) : initial} data-testid={testId}>{children}</Form>
    </Modal>
  );
}

function PlaceFields({ withJurisdiction = true }: { withJurisdiction?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {withJurisdiction && (
        <Form.Item name="jurisdictionCode" label={t('res.jurisdiction')} rules={[{ required: true }]}>
          <JurisdictionSelect style={{ width: '100%' }} data-testid="res-jurisdiction" />
        </Form.Item>
      )}
      <Space wrap>
        <Form.Item name="lat" label={t('res.lat')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} data-testid="res-lat" /></Form.Item>
        <Form.Item name="lon" label={t('res.lon')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} data-testid="res-lon" /></Form.Item>
      </Space>
    </>
  );
}

const text = (name: string, label: string, opts: { required?: boolean; max?: number; testId?: string; extra?: string } = {}) => (
  <Form.Item name={name} label={label} extra={opts.extra} rules={opts.required ? [{ required: true, whitespace: true, max: opts.max }] : [{ max: opts.max }]}>
    <Input maxLength={opts.max} data-testid={opts.testId ?? `res-${name}`} />
  </Form.Item>
);

export function ItemsRegister({ list, canManage }: { list: List<ItemDto>; canManage: boolean }) {
  const { t } = useI18n();
  const options = useOptions();
  const dialog = useDialog<ItemDto>();
  type V = { code: string; name: string; category: keyof typeof ITEM_CATEGORIES; unit: string; spec?: string };
  return (
    <>
      <RegisterCard<ItemDto> kind="items" title={t('res.tab.items')} createLabel={t('res.create.items')} list={list} canManage={canManage} dialog={dialog} remove={api.deleteItem}
        columns={[
          { title: t('res.code'), dataIndex: 'code' },
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.category'), dataIndex: 'categoryLabel', render: (c: string) => <Tag>{c}</Tag> },
          { title: t('res.unit'), dataIndex: 'unit' },
          { title: t('res.spec'), dataIndex: 'spec', render: (s: string) => s || '—' },
        ]} />
      <RegisterForm<V, ItemBody, ItemDto> dialog={dialog} title={t('res.create.items')} onDone={list.reload} testId="item-form"
        toForm={(d) => ({ code: d.code, name: d.name, category: d.category, unit: d.unit, spec: d.spec })}
        toBody={(v) => ({ ...v, spec: v.spec ?? '' })} create={api.createItem} patch={api.patchItem}>
        {text('code', t('res.code'), { required: true, max: 40 })}
        {text('name', t('res.name'), { required: true, max: 100 })}
        <Form.Item name="category" label={t('res.category')} rules={[{ required: true }]}>
          <Select options={options(ITEM_CATEGORIES)} data-testid="res-category" />
        </Form.Item>
        {text('unit', t('res.unit'), { required: true, max: 10 })}
        {text('spec', t('res.spec'), { max: 200 })}
      </RegisterForm>
    </>
  );
}

export function DepotsRegister({ list, canManage }: { list: List<DepotDto>; canManage: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  const dialog = useDialog<DepotDto>();
  type V = { name: string; address?: string; jurisdictionCode: string; contactName?: string; contactPhone?: string } & Located;
  return (
    <>
      <RegisterCard<DepotDto> kind="depots" title={t('res.tab.depots')} createLabel={t('res.create.depots')} list={list} canManage={canManage} dialog={dialog} remove={api.deleteDepot}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
          { title: t('res.address'), dataIndex: 'address', render: (s: string) => s || '—' },
          { title: t('res.contactName'), dataIndex: 'contactName', render: (s: string, r) => (s ? `${s} ${r.contactPhone}` : '—') },
          { title: t('res.location'), dataIndex: 'location', render: (l: DepotDto['location']) => (l ? `${l.lat}, ${l.lon}` : '—') },
        ]} />
      <RegisterForm<V, DepotBody, DepotDto> dialog={dialog} title={t('res.create.depots')} onDone={list.reload} testId="depot-form"
        initial={{ jurisdictionCode: user.jurisdiction.code }}
        toForm={(d) => ({ name: d.name, address: d.address, jurisdictionCode: d.jurisdictionCode, contactName: d.contactName, contactPhone: d.contactPhone, ...coords(d.location) })}
        toBody={({ lat, lon, ...v }) => ({ ...v, location: at({ lat, lon }) })} create={api.createDepot} patch={api.patchDepot}>
        {text('name', t('res.name'), { required: true, max: 100 })}
        {text('address', t('res.address'), { max: 200 })}
        <PlaceFields />
        {text('contactName', t('res.contactName'), { max: 40 })}
        {text('contactPhone', t('res.contactPhone'), { max: 40 })}
      </RegisterForm>
    </>
  );
}

export function TeamsRegister({ list, canManage }: { list: List<TeamDto>; canManage: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  const label = useLabel();
  const options = useOptions();
  const dialog = useDialog<TeamDto>();
  type V = { name: string; kind: keyof typeof TEAM_KINDS; headcount: number; skills?: string; equipment?: string; status: keyof typeof TEAM_STATUSES; jurisdictionCode: string; contactName?: string; contactPhone?: string } & Located;
  return (
    <>
      <RegisterCard<TeamDto> kind="teams" title={t('res.tab.teams')} createLabel={t('res.create.teams')} list={list} canManage={canManage} dialog={dialog} remove={api.deleteTeam}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{label(TEAM_KINDS, k)}</Tag> },
          { title: t('res.headcount'), dataIndex: 'headcount', align: 'right' },
          { title: t('res.skills'), dataIndex: 'skills', render: (s: string[]) => (s.length ? s.map((x) => <Tag key={x}>{x}</Tag>) : '—') },
          { title: t('res.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]} data-testid="team-status">{label(TEAM_STATUSES, s)}</Tag> },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
          { title: t('res.contactName'), dataIndex: 'contactName', render: (s: string, r) => (s ? `${s} ${r.contactPhone}` : '—') },
        ]} />
      <RegisterForm<V, TeamBody, TeamDto> dialog={dialog} title={t('res.create.teams')} onDone={list.reload} testId="team-form"
        initial={{ jurisdictionCode: user.jurisdiction.code, status: 'standby', headcount: 10 }}
        toForm={(d) => ({
          name: d.name, kind: d.kind, headcount: d.headcount, skills: d.skills.join('、'), equipment: d.equipment, status: d.status, jurisdictionCode: d.jurisdictionCode,
          contactName: d.contactName, contactPhone: d.contactPhone, ...coords(d.location),
        })}
        toBody={({ lat, lon, skills, ...v }) => ({ ...v, skills: words(skills), location: at({ lat, lon }) })} create={api.createTeam} patch={api.patchTeam}>
        {text('name', t('res.name'), { required: true, max: 100 })}
        <Space wrap>
          <Form.Item name="kind" label={t('res.kind')} rules={[{ required: true }]}><Select options={options(TEAM_KINDS)} style={{ width: 160 }} data-testid="res-kind" /></Form.Item>
          <Form.Item name="headcount" label={t('res.headcount')} rules={[{ required: true }]}><InputNumber min={0} max={100_000} precision={0} data-testid="res-headcount" /></Form.Item>
          <Form.Item name="status" label={t('res.status')}><Select options={options(TEAM_STATUSES)} style={{ width: 120 }} data-testid="res-status" /></Form.Item>
        </Space>
        {text('skills', t('res.skills'), { max: 500, extra: t('res.skillsHint') })}
        {text('equipment', t('res.equipmentText'), { max: 1000 })}
        <PlaceFields />
        {text('contactName', t('res.contactName'), { max: 40 })}
        {text('contactPhone', t('res.contactPhone'), { max: 40 })}
      </RegisterForm>
    </>
  );
}

export function ExpertsRegister({ list, canManage }: { list: List<ExpertDto>; canManage: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  const dialog = useDialog<ExpertDto>();
  type V = { name: string; field: string; title?: string; employer?: string; phone?: string; jurisdictionCode: string };
  return (
    <>
      <RegisterCard<ExpertDto> kind="experts" title={t('res.tab.experts')} createLabel={t('res.create.experts')} list={list} canManage={canManage} dialog={dialog} remove={api.deleteExpert}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.field'), dataIndex: 'field' },
          { title: t('res.expertTitle'), dataIndex: 'title', render: (s: string) => s || '—' },
          { title: t('res.employer'), dataIndex: 'employer', render: (s: string) => s || '—' },
          { title: t('res.phone'), dataIndex: 'phone', render: (s: string) => s || '—' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
        ]} />
      <RegisterForm<V, ExpertBody, ExpertDto> dialog={dialog} title={t('res.create.experts')} onDone={list.reload} testId="expert-form"
        initial={{ jurisdictionCode: user.jurisdiction.code }}
        toForm={(d) => ({ name: d.name, field: d.field, title: d.title, employer: d.employer, phone: d.phone, jurisdictionCode: d.jurisdictionCode })}
        toBody={(v) => v} create={api.createExpert} patch={api.patchExpert}>
        {text('name', t('res.name'), { required: true, max: 40 })}
        {text('field', t('res.field'), { required: true, max: 100 })}
        {text('title', t('res.expertTitle'), { max: 60 })}
        {text('employer', t('res.employer'), { max: 100 })}
        {text('phone', t('res.phone'), { max: 40 })}
        <Form.Item name="jurisdictionCode" label={t('res.jurisdiction')} rules={[{ required: true }]}>
          <JurisdictionSelect style={{ width: '100%' }} />
        </Form.Item>
      </RegisterForm>
    </>
  );
}

export function EquipmentRegister({ list, canManage, depots, teams }: { list: List<EquipmentDto>; canManage: boolean; depots: DepotDto[]; teams: TeamDto[] }) {
  const { t } = useI18n();
  const user = useUser();
  const label = useLabel();
  const options = useOptions();
  const depotName = new Map(depots.map((d) => [d.id, d.name]));
  const teamName = new Map(teams.map((d) => [d.id, d.name]));
  const dialog = useDialog<EquipmentDto>();
  type V = { name: string; kind: keyof typeof EQUIPMENT_KINDS; model?: string; plate?: string; status: keyof typeof EQUIPMENT_STATUSES; depotId?: string | null; teamId?: string | null; jurisdictionCode: string } & Located;
  return (
    <>
      <RegisterCard<EquipmentDto> kind="equipment" title={t('res.tab.equipment')} createLabel={t('res.create.equipment')} list={list} canManage={canManage} dialog={dialog} remove={api.deleteEquipment}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{label(EQUIPMENT_KINDS, k)}</Tag> },
          { title: t('res.model'), dataIndex: 'model', render: (s: string) => s || '—' },
          { title: t('res.plate'), dataIndex: 'plate', render: (s: string) => s || '—' },
          { title: t('res.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{label(EQUIPMENT_STATUSES, s)}</Tag> },
          { title: `${t('res.depot')} / ${t('res.req.team')}`, render: (_, r) => (r.depotId ? depotName.get(r.depotId) : r.teamId ? teamName.get(r.teamId) : null) ?? '—' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
        ]} />
      <RegisterForm<V, EquipmentBody, EquipmentDto> dialog={dialog} title={t('res.create.equipment')} onDone={list.reload} testId="equipment-form"
        initial={{ jurisdictionCode: user.jurisdiction.code, status: 'available' }}
        toForm={(d) => ({
          name: d.name, kind: d.kind, model: d.model, plate: d.plate, status: d.status, depotId: d.depotId ?? undefined, teamId: d.teamId ?? undefined, jurisdictionCode: d.jurisdictionCode, ...coords(d.location),
        })}
        toBody={({ lat, lon, ...v }) => ({ ...v, depotId: v.depotId ?? null, teamId: v.teamId ?? null, location: at({ lat, lon }) })}
        create={api.createEquipment} patch={api.patchEquipment}>
        {text('name', t('res.name'), { required: true, max: 100 })}
        <Space wrap>
          <Form.Item name="kind" label={t('res.kind')} rules={[{ required: true }]}><Select options={options(EQUIPMENT_KINDS)} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="status" label={t('res.status')}><Select options={options(EQUIPMENT_STATUSES)} style={{ width: 120 }} /></Form.Item>
        </Space>
        {text('model', t('res.model'), { max: 100 })}
        {text('plate', t('res.plate'), { max: 20 })}
        <Space wrap>
          <Form.Item name="depotId" label={t('res.depot')}><Select allowClear style={{ width: 180 }} options={depots.map((d) => ({ value: d.id, label: d.name }))} /></Form.Item>
          <Form.Item name="teamId" label={t('res.req.team')}><Select allowClear style={{ width: 180 }} options={teams.map((d) => ({ value: d.id, label: d.name }))} /></Form.Item>
        </Space>
        <PlaceFields />
      </RegisterForm>
    </>
  );
}

export function SheltersRegister({ list, canManage }: { list: List<ShelterDto>; canManage: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  const label = useLabel();
  const options = useOptions();
  const dialog = useDialog<ShelterDto>();
  type V = { name: string; kind: keyof typeof SHELTER_KINDS; capacity: number; occupancy?: number; areaM2?: number | null; facilities?: string; address?: string; status: keyof typeof SHELTER_STATUSES; jurisdictionCode: string } & Located;
  return (
    <>
      <RegisterCard<ShelterDto> kind="shelters" title={t('res.tab.shelters')} createLabel={t('res.create.shelters')} list={list} canManage={canManage} dialog={dialog} remove={api.deleteShelter}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{label(SHELTER_KINDS, k)}</Tag> },
          {
            title: `${t('res.occupancy')} / ${t('res.capacity')}`, key: 'occupancy', width: 220,
            render: (_, r) => (
              <div data-testid="shelter-occupancy">
                <Progress size="small" percent={r.capacity > 0 ? Math.round((r.occupancy / r.capacity) * 100) : 0}
                  status={r.capacity > 0 && r.occupancy >= r.capacity ? 'exception' : 'normal'} format={() => t('res.occupancyOf', { n: r.occupancy, of: r.capacity })} />
              </div>
            ),
          },
          { title: t('res.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{label(SHELTER_STATUSES, s)}</Tag> },
          { title: t('res.facilities'), dataIndex: 'facilities', render: (s: string[]) => (s.length ? s.map((x) => <Tag key={x}>{x}</Tag>) : '—') },
          { title: t('res.address'), dataIndex: 'address', render: (s: string) => s || '—' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
        ]} />
      <RegisterForm<V, ShelterBody, ShelterDto> dialog={dialog} title={t('res.create.shelters')} onDone={list.reload} testId="shelter-form"
        initial={{ jurisdictionCode: user.jurisdiction.code, status: 'open', occupancy: 0 }}
        toForm={(d) => ({
          name: d.name, kind: d.kind, capacity: d.capacity, occupancy: d.occupancy, areaM2: d.areaM2, facilities: d.facilities.join('、'), address: d.address, status: d.status,
          jurisdictionCode: d.jurisdictionCode, ...coords(d.location),
        })}
        toBody={({ lat, lon, facilities, ...v }) => ({ ...v, areaM2: v.areaM2 ?? null, facilities: words(facilities), location: at({ lat, lon }) })}
        create={api.createShelter} patch={api.patchShelter}>
        {text('name', t('res.name'), { required: true, max: 100 })}
        <Space wrap>
          <Form.Item name="kind" label={t('res.kind')} rules={[{ required: true }]}><Select options={options(SHELTER_KINDS)} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="status" label={t('res.status')}><Select options={options(SHELTER_STATUSES)} style={{ width: 120 }} data-testid="res-status" /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="capacity" label={t('res.capacity')} rules={[{ required: true }]}><InputNumber min={0} precision={0} data-testid="res-capacity" /></Form.Item>
          <Form.Item name="occupancy" label={t('res.occupancy')}><InputNumber min={0} precision={0} data-testid="res-occupancy" /></Form.Item>
          <Form.Item name="areaM2" label={t('res.area')}><InputNumber min={0} /></Form.Item>
        </Space>
        {text('facilities', t('res.facilities'), { max: 500, extra: t('res.skillsHint') })}
        {text('address', t('res.address'), { max: 200 })}
        <PlaceFields />
      </RegisterForm>
    </>
  );
}
