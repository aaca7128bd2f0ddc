// 本地规则: what a jurisdiction changes of the national defaults for its own subtree — reporting time
// limits, how 下落不明 counts, plan drill/evaluation cycles and the holiday calendar. An empty field
// inherits; the placeholder shows the value in force.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import type { RuleSettings, RulesView } from '../../../contracts/rules';
import { CATEGORIES } from '../../../domain/incidents/model';
import { CATEGORY_LABELS } from '../../../domain/incidents/types';
import { PLAN_KINDS, PLAN_KIND_LABELS, PLAN_OWNER_TYPES } from '../../../domain/plans/model';
import { api, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUser } from '../../app/session';
import { FullPageSpin, LoadError } from '../../app/status';
import { dayjs } from '../../app/time';
import { JurisdictionSelect } from '../../components/JurisdictionSelect';

type Tree = { [k: string]: Tree | unknown };
const HOPS = ['city', 'province', 'national'] as const;
const OWNER_LABELS: Record<(typeof PLAN_OWNER_TYPES)[number], { zh: string; en: string }> = {
  government: { zh: '政府及部门', en: 'Government' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  enterprise: { zh: '一般生产经营单位', en: 'Enterprise' },
  enterprise_high_risk: { zh: '高危及人员密集场所单位', en: 'High-risk enterprise' },
};

/** Drops empty leaves and the objects left empty, so only what the jurisdiction states is sent. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v : undefined;
  if (v && typeof v === 'object') {
    const out: Tree = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null || v === '' || v === undefined ? undefined : v;
}

const get = (o: unknown, path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Tree)[k] : undefined), o);

export default function RulesPage() {
  const { t, pick } = useI18n();
  const user = useUser();
  const [code, setCode] = useState(user.jurisdiction.code);
  const [view, setView] = useState<RulesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    setView(null);
    api.rules(code).then(
      (v) => {
        setView(v);
        const own = v.own as Tree;
        const dates = (xs: unknown) => ((xs as string[] | undefined) ?? []).map((d) => dayjs(d));
        form.resetFields();
        form.setFieldsValue({
          ...own,
          grading: { missingCountsAsDeaths: get(own, ['grading', 'missingCountsAsDeaths']) ?? '' },
          plans: { ...(own.plans as Tree | undefined), holidays: dates(get(own, ['plans', 'holidays'])), workingWeekendDays: dates(get(own, ['plans', 'workingWeekendDays'])) },
        });
      },
      setError,
    );
  }, [code, form]);
  useEffect(load, [load]);

  const { submit, busy } = useFormSubmit(
    form,
    (values: Tree) => {
      const plans = (values.plans ?? {}) as Tree;
      const days = (xs: unknown) => ((xs as dayjs.Dayjs[] | undefined) ?? []).map((d) => d.format('YYYY-MM-DD'));
      const grading = get(values, ['grading', 'missingCountsAsDeaths']);
      const settings = prune({
        ...values,
        grading: { missingCountsAsDeaths: grading === '' ? undefined : grading },
        plans: { ...plans, holidays: days(plans.holidays), workingWeekendDays: days(plans.workingWeekendDays) },
      }) ?? {};
      return api.setRules(code, settings as RuleSettings);
    },
    { success: t('common.saved'), onDone: (v) => setView(v) },
  );

  if (error) return <div className="sw-page"><LoadError error={error} onRetry={load} /></div>;
  const eff = view?.effective ?? null;
  const num = (path: string[], min = 0, max?: number) => (
    <Form.Item name={path} noStyle>
      <InputNumber min={min} max={max} placeholder={String(get(eff, path) ?? '—')} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <div className="sw-page" data-testid="rules-page">
      <Card
        title={t('rules.title')}
        extra={<Space><JurisdictionSelect value={code} onChange={(c) => c && setCode(c)} style={{ minWidth: 220 }} /><Button type="primary" loading={busy} onClick={submit} data-testid="rules-save">{t('common.save')}</Button></Space>}
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('rules.hint')}
          description={view?.inherited.length ? t('rules.inherited', { list: view.inherited.map((i) => i.name).join('、') }) : undefined} />
        {view && view.notApplied.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('rules.notApplied')} data-testid="rules-not-applied"
            description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{view.notApplied.map((n) => <li key={n.path}><code>{n.path}</code>：{n.message}</li>)}</ul>} />
        )}
        {!view ? <FullPageSpin /> : (
          <Form form={form} layout="vertical">
            <Typography.Title level={5}>{t('rules.reporting')}</Typography.Title>
            <Table
              size="small" pagination={false} rowKey="c" scroll={{ x: true }}
              dataSource={CATEGORIES.map((c) => ({ c }))}
              columns={[
                { title: t('rules.category'), dataIndex: 'c', render: (c: (typeof CATEGORIES)[number]) => pick(CATEGORY_LABELS[c]) },
                { title: t('rules.initialHours'), render: (_: unknown, r: { c: string }) => num(['reporting', 'byCategory', r.c, 'initialHours'], 0.1, 2160) },
                ...HOPS.map((h) => ({ title: t(`rules.hop.${h}`), render: (_: unknown, r: { c: string }) => num(['reporting', 'byCategory', r.c, 'hopHours', h], 0.1, 2160) })),
                { title: t('rules.supplementaryDays'), render: (_: unknown, r: { c: string }) => num(['reporting', 'byCategory', r.c, 'supplementaryWindowDays'], 1, 365) },
              ]}
            />
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={24} md={12}>
                <Form.Item name={['grading', 'missingCountsAsDeaths']} label={t('rules.missing')}>
                  <Select options={[
                    { value: '', label: t('rules.inherit', { v: get(eff, ['grading', 'missingCountsAsDeaths']) ? t('rules.yes') : t('rules.no') }) },
                    { value: true, label: t('rules.yes') }, { value: false, label: t('rules.no') },
                  ]} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('rules.plans')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={12} md={6}><Form.Item label={t('rules.filingDays')}>{num(['plans', 'filingWorkingDays'], 1, 365)}</Form.Item></Col>
              <Col xs={12} md={6}><Form.Item label={t('rules.dueSoonDays')}>{num(['plans', 'dueSoonDays'], 0, 365)}</Form.Item></Col>
            </Row>
            <Table
              size="small" pagination={false} rowKey="o" scroll={{ x: true }}
              dataSource={PLAN_OWNER_TYPES.map((o) => ({ o }))}
              columns={[
                { title: t('rules.owner'), dataIndex: 'o', render: (o: (typeof PLAN_OWNER_TYPES)[number]) => pick(OWNER_LABELS[o]) },
                ...PLAN_KINDS.map((k) => ({ title: `${pick(PLAN_KIND_LABELS[k])}${t('rules.drillMonths')}`, render: (_: unknown, r: { o: string }) => num(['plans', 'drillMonths', r.o, k], 1, 120) })),
                { title: t('rules.evaluationMonths'), render: (_: unknown, r: { o: string }) => num(['plans', 'evaluationMonths', r.o], 1, 120) },
              ]}
            />
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={24} md={12}>
                <Form.Item name={['plans', 'holidays']} label={t('rules.holidays')} extra={t('rules.holidaysHint')}>
                  <DatePicker multiple style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['plans', 'workingWeekendDays']} label={t('rules.workdays')}>
                  <DatePicker multiple style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {view.updatedAt && <Typography.Text type="secondary">{t('rules.updated', { by: view.updatedBy ?? '', at: view.updatedAt.slice(0, 16).replace('T', ' ') })}</Typography.Text>}
          </Form>
        )}
      </Card>
    </div>
  );
}
