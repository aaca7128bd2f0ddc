// 预警规则: the rules in scope, and a new rule from a national template bound to sensors of the kinds it reads,
// with its numbers adjustable (only the changed ones are sent as `overrides`).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleTemplateDto, SensorDto, WarningRuleDto } from '../../../contracts/client';
import { SENSOR_KINDS } from '../../../contracts/monitoring';
import { WARNING_LEVEL_LABELS } from '../../../domain/warnings/model';
import { describeCondition, LEVELS_ASCENDING } from '../../../domain/warnings/rules';
import { api, useApiError, useFetched, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useCan, useUser } from '../../app/session';
import { LoadError } from '../../app/status';
import { formatTime } from '../../app/time';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';
import { useAdminList } from '../admin/useAdminList';
import { useJurisdictionNames } from '../plans/useJurisdictionNames';
import { buildOverrides, defaultValues, templateFields, type LeafRow, type NumberField } from './ruleOverrides';
import { LEVEL_COLOURS } from './WarningsPage';

type Values = { template: string; name?: string; sensorIds: string[]; sites?: { sensors?: Record<string, string | undefined> }[]; jurisdictionCode: string; autoIssue: boolean; overrides?: unknown };
const kindsText = (kinds: readonly string[]) => kinds.map((k) => SENSOR_KINDS[k as keyof typeof SENSOR_KINDS]?.zh ?? k).join('、');

function UnverifiedTag({ note }: { note: string | null }) {
  const { t } = useI18n();
  if (note === null) return null;
  return <Tooltip title={note || t('wrule.unverifiedTip')}><Tag color="warning" data-testid="rule-unverified">{t('wrule.unverified')}</Tag></Tooltip>;
}

function NumberItem({ f }: { f: NumberField }) {
  const { t } = useI18n();
  return (
    <Form.Item name={f.name} label={<Space size={4}>{t(`wrule.key.${f.key}`)}<UnverifiedTag note={f.unverified} /></Space>} style={{ marginBottom: 8 }}>
      <InputNumber placeholder={String(f.value)} min={f.key === 'threshold' ? undefined : 0} style={{ width: 130 }} data-testid={`rule-num-${f.name.slice(1).join('.')}`} />
    </Form.Item>
  );
}

/** The template as people read it: source, each level's condition in words, 回差 and hold, notes, unverified items. */
function TemplateInfo({ tpl, fields }: { tpl: RuleTemplateDto; fields: ReturnType<typeof templateFields> }) {
  const { t, pick } = useI18n();
  const flagged = (fs: NumberField[]) => (fs.some((f) => f.unverified !== null) ? '' : null);
  return (
    <Alert
      type="info" style={{ marginBottom: 16 }} data-testid="rule-template-info"
      message={<Space wrap>{tpl.name}<Tag>{t('wrule.reads')}：{kindsText(tpl.sensorKinds)}</Tag></Space>}
      description={
        <div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('wrule.source')}：{tpl.source}</Typography.Paragraph>
          {LEVELS_ASCENDING.filter((l) => tpl.levels[l]).map((l) => (
            <div key={l}>
              <Tag color={LEVEL_COLOURS[l]}>{pick(WARNING_LEVEL_LABELS[l])}</Tag>{describeCondition(tpl.levels[l]!)}{' '}
              <UnverifiedTag note={flagged(fields.leaves.filter((r) => r.level === l).flatMap((r) => r.fields))} />
            </div>
          ))}
          <div style={{ marginTop: 4 }}>{t('wrule.hold', { h: tpl.hysteresis, m: tpl.holdMinutes })} <UnverifiedTag note={flagged(fields.rule)} /></div>
          {tpl.unverified.length > 0 && <Typography.Paragraph type="warning" style={{ fontSize: 12, margin: '4px 0 0' }}>{t('wrule.unverifiedList', { list: tpl.unverified.join('；') })}</Typography.Paragraph>}
          <details style={{ marginTop: 4 }}>
            <summary style={{ cursor: 'pointer' }}>{t('wrule.notes')}</summary>
            <ul style={{ paddingLeft: 20, margin: 0 }}>{tpl.notes.map((n) => <li key={n}>{n}</li>)}</ul>
          </details>
        </div>
      }
    />
  );
}

function CreateRuleModal({ open, templates, sensors, onClose, onDone }: { open: boolean; templates: RuleTemplateDto[]; sensors: SensorDto[]; onClose: () => void; onDone: () => void }) {
  const { t, pick } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const templateId = Form.useWatch('template', form);
  const tpl = templates.find((x) => x.id === templateId);
  const fields = useMemo(() => (tpl ? templateFields(tpl) : null), [tpl]);
  const matching = sensors.filter((s) => tpl?.sensorKinds.includes(s.kind as never));
  // After the fields of the new template mount (and those of the old one are gone): its numbers, no sensors.
  useEffect(() => {
    if (tpl) form.setFieldsValue({ ...defaultValues(tpl), sensorIds: [], sites: [] });
  }, [tpl, form]);
  // A site: the sensors of one place, one per quantity the template reads (寒潮: temperature and wind together).
  const sites = (v: Values) => (v.sites ?? []).map((x) => ({ sensors: Object.fromEntries(Object.entries(x.sensors ?? {}).filter((e): e is [string, string] => !!e[1])) }));
  const { submit, busy } = useFormSubmit(form, (v) => api.createWarningRule({
    name: v.name?.trim() || undefined, template: v.template, sensorIds: v.sensorIds ?? [], sites: sites(v), jurisdictionCode: v.jurisdictionCode, autoIssue: v.autoIssue,
    overrides: tpl ? buildOverrides(tpl, v) : {},
  }), { success: t('wrule.created'), onDone: () => { onDone(); onClose(); } });
  return (
    <Modal open={open} title={t('wrule.create')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden width={900}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ jurisdictionCode: user.jurisdiction.code, autoIssue: false, sensorIds: [] }} data-testid="rule-form">
        <Form.Item name="template" label={t('wrule.template')} rules={[{ required: true }]}>
          <Select data-testid="rule-template" options={templates.map((x) => ({ value: x.id, label: x.name }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        {tpl && fields && <TemplateInfo tpl={tpl} fields={fields} />}
        <Form.Item name="sensorIds" label={t('wrule.sensors')}
          extra={tpl && matching.length === 0 ? <Typography.Text type="warning">{t('wrule.noSensors', { kinds: kindsText(tpl.sensorKinds) })}</Typography.Text> : undefined}>
          <Select mode="multiple" disabled={!tpl} data-testid="rule-sensors" optionFilterProp="label"
            options={matching.map((s) => ({ value: s.id, label: `${s.name}（${s.kindLabel} · ${s.jurisdictionName}）` }))} />
        </Form.Item>
        {tpl && tpl.sensorKinds.length > 1 && (
          <Form.List name="sites">
            {(items, { add, remove }) => (
              <Form.Item label={t('wrule.sites')} extra={t('wrule.sitesHint')} data-testid="rule-sites">
                {items.map((item, i) => (
                  <Space key={item.key} align="baseline" wrap data-testid="rule-site">
                    <Typography.Text type="secondary">{t('wrule.site', { n: i + 1 })}</Typography.Text>
                    {tpl.sensorKinds.map((k) => (
                      <Form.Item key={k} name={[item.name, 'sensors', k]} style={{ marginBottom: 8 }}>
                        <Select allowClear placeholder={kindsText([k])} style={{ width: 220 }} optionFilterProp="label" data-testid={`rule-site-${k}`}
                          options={sensors.filter((s) => s.kind === k).map((s) => ({ value: s.id, label: `${s.name}（${s.jurisdictionName}）` }))} />
                      </Form.Item>
                    ))}
                    <MinusCircleOutlined onClick={() => remove(item.name)} aria-label={t('wrule.removeSite')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ sensors: {} })} data-testid="rule-site-add">{t('wrule.addSite')}</Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="name" label={t('wrule.name')} style={{ flex: 1 }}><Input maxLength={100} placeholder={tpl?.name ?? t('wrule.namePlaceholder')} /></Form.Item>
          <Form.Item name="jurisdictionCode" label={t('warn.jurisdictions')} rules={[{ required: true }]} style={{ flex: 1 }}><JurisdictionSelect style={{ width: '100%' }} /></Form.Item>
        </Space.Compact>
        <Form.Item name="autoIssue" label={t('wrule.autoIssue')} valuePropName="checked" extra={t('wrule.autoIssueHint')}><Switch data-testid="rule-autoissue" /></Form.Item>
        {fields && (
          <>
            <Typography.Title level={5}>{t('wrule.overrides')}</Typography.Title>
            <Space wrap data-testid="rule-overrides">{fields.rule.map((f) => <NumberItem key={f.key} f={f} />)}</Space>
            <Table<LeafRow>
              size="small" pagination={false} rowKey={(r) => r.fields[0]?.name.join('.') ?? r.level} dataSource={fields.leaves} scroll={{ x: true }}
              columns={[
                { title: t('wrule.level'), dataIndex: 'level', render: (l: LeafRow['level']) => <Tag color={LEVEL_COLOURS[l]}>{pick(WARNING_LEVEL_LABELS[l])}</Tag> },
                { title: t('wrule.condition'), render: (_, r) => describeCondition(r.condition) },
                { title: t('wrule.numbers'), render: (_, r) => <Space wrap align="end">{r.fields.map((f) => <NumberItem key={f.key} f={f} />)}</Space> },
              ]}
            />
          </>
        )}
      </Form>
    </Modal>
  );
}

export function WarningRulesPage() {
  const { t } = useI18n();
  const can = useCan();
  const list = useAdminList(api.warningRules);
  const templates = useFetched(api.warningRuleTemplates, []);
  const sensors = useFetched(api.sensors, []);
  const names = useJurisdictionNames((list.items ?? []).map((r) => r.jurisdictionCode));
  const [open, setOpen] = useState(false);
  const onError = useApiError();
  const toggle = (call: () => Promise<unknown>) => call().then(list.reload, (e: unknown) => onError(e));
  if (list.error) return <div className="sw-page"><LoadError error={list.error} onRetry={list.reload} /></div>;
  const sensorName = (id: string) => sensors?.find((s) => s.id === id)?.name ?? id;
  return (
    <div className="sw-page" data-testid="warning-rules-page">
      <Card title={t('wrule.title')} extra={can('sensor.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} disabled={!templates || !sensors} data-testid="rule-create">{t('wrule.create')}</Button>}>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('wrule.hint')} />
        <Table<WarningRuleDto>
          rowKey="id" loading={list.loading} dataSource={list.items ?? []} size="small" scroll={{ x: true }} locale={{ emptyText: t('wrule.empty') }}
          onRow={(r) => ({ 'data-testid': 'rule-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('wrule.name'), dataIndex: 'name', render: (n: string, r) => <Space wrap>{n}{!r.enabled && <Tag>{t('wrule.disabled')}</Tag>}{Object.keys(r.overrides).length > 0 && <Tag color="processing">{t('wrule.adjusted')}</Tag>}</Space> },
            { title: t('wrule.template'), dataIndex: 'template', render: (id: string) => templates?.find((x) => x.id === id)?.name ?? id },
            { title: t('wrule.sensors'), dataIndex: 'sensorIds', render: (ids: string[], r) => [
              ...ids.map((id) => <Tag key={id}>{sensorName(id)}</Tag>),
              ...r.sites.map((x) => <Tag key={x.siteKey} color="purple">{t('wrule.siteOf', { names: Object.values(x.sensors).map(sensorName).join(' + ') })}</Tag>),
            ] },
            { title: t('wrule.autoIssue'), dataIndex: 'autoIssue', render: (a: boolean) => <Tag color={a ? 'error' : 'default'}>{a ? t('wrule.auto') : t('wrule.draft')}</Tag> },
            { title: t('warn.jurisdictions'), dataIndex: 'jurisdictionCode', render: (c: string) => names.get(c) ?? c },
            { title: t('wrule.createdBy'), render: (_, r) => `${r.createdBy} · ${formatTime(r.createdAt)}` },
            { title: t('wrule.enabled'), dataIndex: 'enabled', render: (on: boolean, r) => (
              <Switch size="small" checked={on} disabled={!can('sensor.manage')} onChange={(v) => toggle(() => api.setWarningRuleEnabled(r.id, v))} data-testid="rule-enabled" />
            ) },
          ]}
        />
      </Card>
      {templates && sensors && <CreateRuleModal open={open} templates={templates} sensors={sensors} onClose={() => setOpen(false)} onDone={list.reload} />}
    </div>
  );
}
