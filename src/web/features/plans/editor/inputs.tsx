// Form controls for the plan's own value shapes: who fills a role, whom to notify, a deadline in hours
// and minutes, the measure of a figure condition, a list of jurisdictions. Each takes value/onChange,
// so a Form.Item holds exactly the PlanContent value (and API field errors land on it).
import { useMemo, useState } from 'react';
import { Button, Col, Input, InputNumber, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { IMPACT_FIELDS } from '../../../../domain/incidents/model';
import type { Filler, NotifyTarget } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { JurisdictionSelect } from '../../../components/JurisdictionSelect';
import { MEASURE_KEYS } from '../labels';
import { useJurisdictionNames } from '../useJurisdictionNames';
import { useEditor } from './context';

type FillerKind = 'none' | Filler['kind'];

function useOrganisationOptions(current: { id: string; name: string } | null) {
  const { organisations } = useEditor();
  return useMemo(() => {
    const opts = (organisations ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.jurisdictionName}`, name: o.name }));
    // A plan may name an organisation the user cannot list (a higher jurisdiction's): keep showing it.
    if (current && !opts.some((o) => o.value === current.id)) opts.unshift({ value: current.id, label: current.name, name: current.name });
    return opts;
  }, [organisations, current]);
}

export function FillerInput({ value, onChange, id }: { value?: Filler | null; onChange?: (v: Filler | null) => void; id?: string }) {
  const { t } = useI18n();
  const { readOnly, users, organisations } = useEditor();
  const kind: FillerKind = value?.kind ?? 'none';
  const org = value?.kind === 'organisation' ? { id: value.organisationId, name: value.name } : null;
  const orgOptions = useOrganisationOptions(org);
  const person = value?.kind === 'person' ? value : null;

  const setKind = (k: FillerKind) => {
    if (k === 'none') onChange?.(null);
    else if (k === 'organisation') onChange?.(value?.kind === 'organisation' ? value : { kind: 'organisation', organisationId: '', name: '' });
    else onChange?.({ kind: 'person', userId: null, name: person?.name ?? '', phone: person?.phone ?? null });
  };

  return (
    <div id={id} data-testid="filler-input">
      <Segmented<FillerKind>
        size="small"
        disabled={readOnly}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'none', label: t('plans.filler.none') },
          { value: 'organisation', label: t('plans.filler.organisation') },
          { value: 'person', label: t('plans.filler.person') },
        ]}
        style={{ marginBottom: kind === 'none' ? 0 : 8 }}
      />
      {kind === 'organisation' && (
        <Select
          style={{ width: '100%' }}
          disabled={readOnly}
          loading={organisations === null}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('plans.filler.pickOrganisation')}
          value={org?.id || undefined}
          options={orgOptions}
          onChange={(oid: string) => {
            const o = orgOptions.find((x) => x.value === oid);
            onChange?.({ kind: 'organisation', organisationId: oid, name: o?.name ?? '' });
          }}
          data-testid="filler-organisation"
        />
      )}
      {kind === 'person' && person && (
        <Row gutter={[8, 8]}>
          <Col xs={24} sm={12}>
            <Input
              disabled={readOnly}
              placeholder={t('plans.filler.name')}
              maxLength={50}
              value={person.name}
              onChange={(e) => onChange?.({ ...person, name: e.target.value })}
              data-testid="filler-name"
            />
          </Col>
          <Col xs={24} sm={12}>
            <Input
              disabled={readOnly}
              placeholder={t('plans.filler.phone')}
              maxLength={30}
              inputMode="tel"
              value={person.phone ?? ''}
              onChange={(e) => onChange?.({ ...person, phone: e.target.value })}
              data-testid="filler-phone"
            />
          </Col>
          {users && (
            <Col span={24}>
              <Select
                allowClear
                style={{ width: '100%' }}
                disabled={readOnly}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('plans.filler.linkUser')}
                value={person.userId ?? undefined}
                options={users.filter((u) => !u.disabled || u.id === person.userId).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）· ${u.organisationName}` }))}
                onChange={(uid?: string) => {
                  const u = users.find((x) => x.id === uid);
                  onChange?.({ ...person, userId: uid ?? null, name: u && !person.name.trim() ? u.displayName : person.name, phone: u && !person.phone ? u.phone || null : person.phone ?? null });
                }}
              />
            </Col>
          )}
        </Row>
      )}
    </div>
  );
}

/** A filler is complete: an organisation chosen, or a person named. */
export function fillerProblem(f: Filler | null | undefined, t: ReturnType<typeof useI18n>['t']): string | null {
  if (!f) return null;
  if (f.kind === 'organisation' && !f.organisationId) return t('plans.filler.pickOrganisation');
  if (f.kind === 'person' && !f.name.trim()) return t('plans.filler.nameRequired');
  return null;
}

type NotifyKind = NotifyTarget['kind'];

export function NotifyTargetInput({ value, onChange, roles, id }: { value?: NotifyTarget; onChange?: (v: NotifyTarget) => void; roles: { key: string; title: string }[]; id?: string }) {
  const { t } = useI18n();
  const { readOnly, users, organisations } = useEditor();
  const kind: NotifyKind = value?.kind ?? 'role';
  const org = value?.kind === 'organisation' ? { id: value.organisationId, name: value.name } : null;
  const orgOptions = useOrganisationOptions(org);
  const kinds: { value: NotifyKind; label: string }[] = [
    { value: 'role', label: t('plans.notify.role') },
    { value: 'organisation', label: t('plans.notify.organisation') },
  ];
  if (users || kind === 'user') kinds.push({ value: 'user', label: t('plans.notify.user') });

  return (
    <Space.Compact id={id} style={{ width: '100%' }}>
      <Select<NotifyKind>
        disabled={readOnly}
        style={{ width: 110, flex: 'none' }}
        value={kind}
        options={kinds}
        onChange={(k) =>
          onChange?.(k === 'role' ? { kind: 'role', roleKey: '' } : k === 'organisation' ? { kind: 'organisation', organisationId: '', name: '' } : { kind: 'user', userId: '', name: '' })
        }
      />
      {kind === 'role' && (
        <Select
          disabled={readOnly}
          style={{ flex: 1, minWidth: 0 }}
          placeholder={t('plans.notify.pickRole')}
          value={value?.kind === 'role' && value.roleKey ? value.roleKey : undefined}
          options={roles.map((r) => ({ value: r.key, label: r.title || r.key }))}
          onChange={(roleKey: string) => onChange?.({ kind: 'role', roleKey })}
        />
      )}
      {kind === 'organisation' && (
        <Select
          disabled={readOnly}
          style={{ flex: 1, minWidth: 0 }}
          loading={organisations === null}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('plans.filler.pickOrganisation')}
          value={org?.id || undefined}
          options={orgOptions}
          onChange={(oid: string) => onChange?.({ kind: 'organisation', organisationId: oid, name: orgOptions.find((o) => o.value === oid)?.name ?? '' })}
        />
      )}
      {kind === 'user' && (
        <Select
          disabled={readOnly || !users}
          style={{ flex: 1, minWidth: 0 }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('plans.notify.pickUser')}
          value={value?.kind === 'user' && value.userId ? value.userId : undefined}
          options={
            users
              ? users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))
              : value?.kind === 'user'
                ? [{ value: value.userId, label: value.name }]
                : []
          }
          onChange={(uid: string) => onChange?.({ kind: 'user', userId: uid, name: users?.find((u) => u.id === uid)?.displayName ?? '' })}
        />
      )}
    </Space.Compact>
  );
}

export function notifyProblem(n: NotifyTarget | undefined, t: ReturnType<typeof useI18n>['t']): string | null {
  if (!n) return t('plans.notify.pickRole');
  if (n.kind === 'role' && !n.roleKey) return t('plans.notify.pickRole');
  if (n.kind === 'organisation' && !n.organisationId) return t('plans.filler.pickOrganisation');
  if (n.kind === 'user' && !n.userId) return t('plans.notify.pickUser');
  return null;
}

/** A deadline after activation, stored as minutes, edited as hours + minutes. */
export function DeadlineInput({ value, onChange, id }: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  const total = typeof value === 'number' && Number.isFinite(value) ? value : null;
  const h = total === null ? null : Math.floor(total / 60);
  const m = total === null ? null : total % 60;
  const set = (hours: number | null, minutes: number | null) => {
    if (hours === null && minutes === null) onChange?.(null);
    else onChange?.(Math.round((hours ?? 0) * 60 + (minutes ?? 0)));
  };
  return (
    <Space.Compact id={id} style={{ width: '100%' }} data-testid="deadline-input">
      <InputNumber<number>
        disabled={readOnly}
        min={0}
        max={720}
        precision={0}
        value={h}
        onChange={(v) => set(v, m)}
        suffix={t('plans.task.hours')}
        style={{ width: '50%' }}
        aria-label={t('plans.task.hours')}
        data-testid="deadline-hours"
      />
      <InputNumber<number>
        disabled={readOnly}
        min={0}
        max={59}
        precision={0}
        value={m}
        onChange={(v) => set(h, v)}
        suffix={t('plans.task.minutes')}
        style={{ width: '50%' }}
        aria-label={t('plans.task.minutes')}
        data-testid="deadline-minutes"
      />
    </Space.Compact>
  );
}

/** An impact figure (死亡, 重伤…) picked from the list, or any other measure typed in (水位, 降雨量…). */
export function MeasureInput({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  return (
    <Select
      id={id}
      mode="tags"
      maxCount={1}
      disabled={readOnly}
      style={{ width: '100%' }}
      placeholder={t('plans.condition.measurePlaceholder')}
      value={value ? [value] : []}
      onChange={(v: string[]) => onChange?.(v.at(-1) ?? '')}
      options={IMPACT_FIELDS.map((f) => ({ value: f, label: t(MEASURE_KEYS[f]) }))}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="condition-measure"
    />
  );
}

/** Jurisdictions (codes) shown by name; add with the usual picker. */
export function JurisdictionCodesInput({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  const codes = value ?? [];
  const names = useJurisdictionNames(codes);
  const [pick, setPick] = useState<string | undefined>();
  return (
    <div id={id}>
      <div style={{ marginBottom: codes.length ? 8 : 0 }}>
        {codes.map((c) => (
          <Tag key={c} closable={!readOnly} onClose={() => onChange?.(codes.filter((x) => x !== c))} style={{ marginBottom: 4 }}>
            {names.get(c) ?? c}
          </Tag>
        ))}
        {codes.length === 0 && <Typography.Text type="secondary">{t('plans.triggers.jurisdictionsAll')}</Typography.Text>}
      </div>
      {!readOnly && (
        <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
          <JurisdictionSelect value={pick ?? null} onChange={setPick} style={{ flex: 1 }} placeholder={t('plans.triggers.pickJurisdiction')} />
          <Button
            icon={<PlusOutlined />}
            disabled={!pick || codes.includes(pick)}
            onClick={() => {
              if (pick && !codes.includes(pick)) onChange?.([...codes, pick]);
              setPick(undefined);
            }}
          >
            {t('plans.common.add')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
