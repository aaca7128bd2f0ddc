// The registers: 物资目录, 仓库, 救援队伍, 专家, 装备, 避难场所 — a list each with its create form and Excel buttons.
import { useState, type ReactNode } from 'react';
import { Button, Card, Empty, Form, Input, InputNumber, Progress, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DepotDto, EquipmentDto, ExpertDto, ItemDto, SheetKindT, ShelterDto, TeamDto } from '../../../contracts/client';
import {
  EQUIPMENT_KINDS, EQUIPMENT_STATUSES, ITEM_CATEGORIES, SHELTER_KINDS, SHELTER_STATUSES, TEAM_KINDS, TEAM_STATUSES,
} from '../../../domain/resources/model';
import { api, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { LoadError } from '../../app/status';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import { CreateModal } from '../admin/AdminListCard';
import type { useAdminList } from '../admin/useAdminList';
import { ExcelButtons } from './ExcelButtons';
import { useLabel, useOptions } from './labels';

type List<T> = ReturnType<typeof useAdminList<T>>;
type Located = { lat?: number | null; lon?: number | null };
const at = (v: Located) => (v.lat !== undefined && v.lat !== null && v.lon !== undefined && v.lon !== null ? { lat: v.lat, lon: v.lon } : null);
const words = (s?: string) => (s ?? '').split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);
const STATUS_COLOURS: Record<string, string> = { standby: 'success', deployed: 'processing', resting: 'default', available: 'success', in_use: 'processing', maintenance: 'warning', open: 'success', closed: 'default', full: 'error' };

/** A register: title bar with Excel buttons and (resource.manage) a create button, then the list. */
function RegisterCard<T extends { id: string }>({ kind, title, createLabel, list, columns, canManage, onCreate }: {
  kind: SheetKindT; title: string; createLabel: string; list: List<T>; columns: TableColumnsType<T>; canManage: boolean; onCreate: () => void;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid={`register-${kind}`}
      title={<ExcelButtons kind={kind} title={title} canImport={canManage} onImported={list.reload} />}
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={`${kind}-create`}>{createLabel}</Button>}>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<T>
          rowKey="id" size="middle" loading={list.loading} dataSource={list.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.empty')} /> }}
          onRow={(r) => ({ 'data-testid': `${kind}-row`, 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={columns}
        />
      )}
    </Card>
  );
}

/** The create dialog of a register: a vertical form, submitted through useFormSubmit; the list reloads after. */
function RegisterForm<V extends object, R>({ open, title, onClose, onDone, send, initial, children, testId }: {
  open: boolean; title: string; onClose: () => void; onDone: () => void; send: (v: V) => Promise<R>; initial?: Partial<V>; children: ReactNode; testId: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const { submit, busy } = useFormSubmit(form, send, { success: t('res.created'), onDone: () => { onDone(); onClose(); } });
  return (
    <CreateModal open={open} title={title} busy={busy} onOk={submit} onClose={onClose}>
      <Form<V> form={form} layout="vertical" preserve={false} initialValues={initial} data-testid={testId}>{children}</Form>
    </CreateModal>
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
  const [open, setOpen] = useState(false);
  type V = { code: string; name: string; category: keyof typeof ITEM_CATEGORIES; unit: string; spec?: string };
  return (
    <>
      <RegisterCard<ItemDto> kind="items" title={t('res.tab.items')} createLabel={t('res.create.items')} list={list} canManage={canManage} onCreate={() => setOpen(true)}
        columns={[
          { title: t('res.code'), dataIndex: 'code' },
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.category'), dataIndex: 'categoryLabel', render: (c: string) => <Tag>{c}</Tag> },
          { title: t('res.unit'), dataIndex: 'unit' },
          { title: t('res.spec'), dataIndex: 'spec', render: (s: string) => s || '—' },
        ]} />
      <RegisterForm<V, ItemDto> open={open} title={t('res.create.items')} onClose={() => setOpen(false)} onDone={list.reload} testId="item-form"
        send={(v) => api.createItem({ ...v, spec: v.spec ?? '' })}>
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
  const [open, setOpen] = useState(false);
  type V = { name: string; address?: string; jurisdictionCode: string; contactName?: string; contactPhone?: string } & Located;
  return (
    <>
      <RegisterCard<DepotDto> kind="depots" title={t('res.tab.depots')} createLabel={t('res.create.depots')} list={list} canManage={canManage} onCreate={() => setOpen(true)}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
          { title: t('res.address'), dataIndex: 'address', render: (s: string) => s || '—' },
          { title: t('res.contactName'), dataIndex: 'contactName', render: (s: string, r) => (s ? `${s} ${r.contactPhone}` : '—') },
          { title: t('res.location'), dataIndex: 'location', render: (l: DepotDto['location']) => (l ? `${l.lat}, ${l.lon}` : '—') },
        ]} />
      <RegisterForm<V, DepotDto> open={open} title={t('res.create.depots')} onClose={() => setOpen(false)} onDone={list.reload} testId="depot-form"
        initial={{ jurisdictionCode: user.jurisdiction.code }}
        send={({ lat, lon, ...v }) => api.createDepot({ ...v, location: at({ lat, lon }) })}>
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
  const [open, setOpen] = useState(false);
  type V = { name: string; kind: keyof typeof TEAM_KINDS; headcount: number; skills?: string; equipment?: string; status: keyof typeof TEAM_STATUSES; jurisdictionCode: string; contactName?: string; contactPhone?: string } & Located;
  return (
    <>
      <RegisterCard<TeamDto> kind="teams" title={t('res.tab.teams')} createLabel={t('res.create.teams')} list={list} canManage={canManage} onCreate={() => setOpen(true)}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{label(TEAM_KINDS, k)}</Tag> },
          { title: t('res.headcount'), dataIndex: 'headcount', align: 'right' },
          { title: t('res.skills'), dataIndex: 'skills', render: (s: string[]) => (s.length ? s.map((x) => <Tag key={x}>{x}</Tag>) : '—') },
          { title: t('res.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]} data-testid="team-status">{label(TEAM_STATUSES, s)}</Tag> },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
          { title: t('res.contactName'), dataIndex: 'contactName', render: (s: string, r) => (s ? `${s} ${r.contactPhone}` : '—') },
        ]} />
      <RegisterForm<V, TeamDto> open={open} title={t('res.create.teams')} onClose={() => setOpen(false)} onDone={list.reload} testId="team-form"
        initial={{ jurisdictionCode: user.jurisdiction.code, status: 'standby', headcount: 10 }}
        send={({ lat, lon, skills, ...v }) => api.createTeam({ ...v, skills: words(skills), location: at({ lat, lon }) })}>
        {text('name', t('res.name'), { required: true, max: 100 })}
        <Space wrap>
          <Form.Item name="kind" label={t('res.kind')} rules={[{ required: true }]}><Select options={options(TEAM_KINDS)} style={{ width: 160 }} data-testid="res-kind" /></Form.Item>
          <Form.Item name="headcount" label={t('res.headcount')} rules={[{ required: true }]}><InputNumber min={0} max={100_000} precision={0} data-testid="res-headcount" /></Form.Item>
          <Form.Item name="status" label={t('res.status')}><Select options={options(TEAM_STATUSES)} style={{ width: 120 }} /></Form.Item>
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
  const [open, setOpen] = useState(false);
  type V = { name: string; field: string; title?: string; employer?: string; phone?: string; jurisdictionCode: string };
  return (
    <>
      <RegisterCard<ExpertDto> kind="experts" title={t('res.tab.experts')} createLabel={t('res.create.experts')} list={list} canManage={canManage} onCreate={() => setOpen(true)}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.field'), dataIndex: 'field' },
          { title: t('res.expertTitle'), dataIndex: 'title', render: (s: string) => s || '—' },
          { title: t('res.employer'), dataIndex: 'employer', render: (s: string) => s || '—' },
          { title: t('res.phone'), dataIndex: 'phone', render: (s: string) => s || '—' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
        ]} />
      <RegisterForm<V, ExpertDto> open={open} title={t('res.create.experts')} onClose={() => setOpen(false)} onDone={list.reload} testId="expert-form"
        initial={{ jurisdictionCode: user.jurisdiction.code }} send={(v) => api.createExpert(v)}>
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
  const [open, setOpen] = useState(false);
  const depotName = new Map(depots.map((d) => [d.id, d.name]));
  const teamName = new Map(teams.map((d) => [d.id, d.name]));
  type V = { name: string; kind: keyof typeof EQUIPMENT_KINDS; model?: string; plate?: string; status: keyof typeof EQUIPMENT_STATUSES; depotId?: string | null; teamId?: string | null; jurisdictionCode: string } & Located;
  return (
    <>
      <RegisterCard<EquipmentDto> kind="equipment" title={t('res.tab.equipment')} createLabel={t('res.create.equipment')} list={list} canManage={canManage} onCreate={() => setOpen(true)}
        columns={[
          { title: t('res.name'), dataIndex: 'name' },
          { title: t('res.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{label(EQUIPMENT_KINDS, k)}</Tag> },
          { title: t('res.model'), dataIndex: 'model', render: (s: string) => s || '—' },
          { title: t('res.plate'), dataIndex: 'plate', render: (s: string) => s || '—' },
          { title: t('res.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{label(EQUIPMENT_STATUSES, s)}</Tag> },
          { title: `${t('res.depot')} / ${t('res.req.team')}`, render: (_, r) => (r.depotId ? depotName.get(r.depotId) : r.teamId ? teamName.get(r.teamId) : null) ?? '—' },
          { title: t('res.jurisdiction'), dataIndex: 'jurisdictionName' },
        ]} />
      <RegisterForm<V, EquipmentDto> open={open} title={t('res.create.equipment')} onClose={() => setOpen(false)} onDone={list.reload} testId="equipment-form"
        initial={{ jurisdictionCode: user.jurisdiction.code, status: 'available' }}
        send={({ lat, lon, ...v }) => api.createEquipment({ ...v, depotId: v.depotId ?? null, teamId: v.teamId ?? null, location: at({ lat, lon }) })}>
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
  const [open, setOpen] = useState(false);
  type V = { name: string; kind: keyof typeof SHELTER_KINDS; capacity: number; occupancy?: number; areaM2?: number | null; facilities?: string; address?: string; status: keyof typeof SHELTER_STATUSES; jurisdictionCode: string } & Located;
  return (
    <>
      <RegisterCard<ShelterDto> kind="shelters" title={t('res.tab.shelters')} createLabel={t('res.create.shelters')} list={list} canManage={canManage} onCreate={() => setOpen(true)}
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
      <RegisterForm<V, ShelterDto> open={open} title={t('res.create.shelters')} onClose={() => setOpen(false)} onDone={list.reload} testId="shelter-form"
        initial={{ jurisdictionCode: user.jurisdiction.code, status: 'open', occupancy: 0 }}
        send={({ lat, lon, facilities, ...v }) => api.createShelter({ ...v, areaM2: v.areaM2 ?? null, facilities: words(facilities), location: at({ lat, lon }) })}>
        {text('name', t('res.name'), { required: true, max: 100 })}
        <Space wrap>
          <Form.Item name="kind" label={t('res.kind')} rules={[{ required: true }]}><Select options={options(SHELTER_KINDS)} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="status" label={t('res.status')}><Select options={options(SHELTER_STATUSES)} style={{ width: 120 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="capacity" label={t('res.capacity')} rules={[{ required: true }]}><InputNumber min={0} precision={0} data-testid="res-capacity" /></Form.Item>
          <Form.Item name="occupancy" label={t('res.occupancy')}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name="areaM2" label={t('res.area')}><InputNumber min={0} /></Form.Item>
        </Space>
        {text('facilities', t('res.facilities'), { max: 500, extra: t('res.skillsHint') })}
        {text('address', t('res.address'), { max: 200 })}
        <PlaceFields />
      </RegisterForm>
    </>
  );
}
