// 预案与预案健康度: every plan the user can see (own jurisdiction and below, plus higher ones to use),
// with its 备案 / 演练 / 评估 deadlines. The counters on top are filters too.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Grid, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { PlanSummaryDto } from '../../../../contracts/client';
import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanKind } from '../../../../domain/plans/model';
import { api } from '../../../app/api';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { useCan } from '../../../app/session';
import { LoadError } from '../../../app/status';
import { ObligationTags, PlanStatusTags } from '../HealthTags';
import { OWNER_TYPE_KEYS } from '../labels';
import { NewPlanModal } from './NewPlanModal';

/** The health filter: a plan's worst duty status, or a pending draft. */
export const HEALTH_FILTERS = ['overdue', 'due_soon', 'ok', 'done', 'not_issued', 'pending_draft'] as const;
export type HealthFilter = (typeof HEALTH_FILTERS)[number];

const HEALTH_FILTER_KEYS: Record<HealthFilter, MessageKey> = {
  overdue: 'plans.health.overdue',
  due_soon: 'plans.health.due_soon',
  ok: 'plans.health.ok',
  done: 'plans.health.done',
  not_issued: 'plans.health.not_issued',
  pending_draft: 'plans.status.pendingDraft',
};

export function matchesHealth(p: PlanSummaryDto, h: HealthFilter): boolean {
  if (h === 'pending_draft') return p.status === 'issued' && p.hasDraft;
  return p.health === h;
}

function Counter({ label, n, color, active, onClick, testId }: { label: string; n: number; color: string; active: boolean; onClick: () => void; testId: string }) {
  return (
    <Card
      size="small"
      hoverable
      onClick={onClick}
      data-testid={testId}
      data-count={n}
      style={{ borderColor: active ? color : undefined, boxShadow: active ? `0 0 0 1px ${color}` : undefined, cursor: 'pointer' }}
    >
      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.55)' }}>{label}</div>
      <div style={{ fontSize: 24, fontWeight: 600, color: n > 0 ? color : 'rgba(0,0,0,0.35)' }}>{n}</div>
    </Card>
  );
}

export default function PlansPage() {
  const { t, pick } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<PlanSummaryDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [creating, setCreating] = useState(false);

  const kind = (PLAN_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as PlanKind) : undefined;
  const health = (HEALTH_FILTERS as readonly string[]).includes(params.get('health') ?? '') ? (params.get('health') as HealthFilter) : undefined;
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);

  const setFilter = useCallback(
    (key: 'kind' | 'health' | 'q', value: string | undefined) => {
      const next = new URLSearchParams(params);
      if (value) next.set(key, value);
      else next.delete(key);
      setParams(next, { replace: true });
    },
    [params, setParams],
  );

  useEffect(() => {
    document.title = `${t('plans.list.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    let alive = true;
    setError(null);
    api
      .plans()
      .then((x) => alive && setItems(x))
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [reloadKey]);

  const counts = useMemo(() => {
    const all = items ?? [];
    const n = (h: HealthFilter) => all.filter((p) => matchesHealth(p, h)).length;
    return { overdue: n('overdue'), due_soon: n('due_soon'), not_issued: n('not_issued'), pending_draft: n('pending_draft'), all: all.length };
  }, [items]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (items ?? []).filter(
      (p) =>
        (!kind || p.kind === kind) &&
        (!health || matchesHealth(p, health)) &&
        (!needle || `${p.title} ${p.jurisdictionName} ${p.organisationName ?? ''}`.toLowerCase().includes(needle)),
    );
  }, [items, kind, health, q]);

  const columns: TableColumnsType<PlanSummaryDto> = [
    {
      title: t('plans.field.title'),
      key: 'title',
      width: 300,
      render: (_: unknown, p) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/plans/${p.id}`} data-testid="plan-link">
            {p.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(OWNER_TYPE_KEYS[p.ownerType])}
            {p.organisationName ? ` · ${p.organisationName}` : ''}
            {!p.editable && ` · ${t('plans.list.readOnly')}`}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('plans.field.kind'), key: 'kind', render: (_: unknown, p) => <Tag>{pick(PLAN_KIND_LABELS[p.kind])}</Tag> },
    { title: t('plans.field.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction' },
    {
      title: t('plans.list.version'),
      key: 'version',
      render: (_: unknown, p) =>
        p.currentVersion ? (
          <Space orientation="vertical" size={0}>
            <span>{p.currentVersion.label}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('plans.list.issuedOn', { date: p.currentVersion.issuedOn })}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('plans.list.status'), key: 'status', render: (_: unknown, p) => <PlanStatusTags plan={p} /> },
    { title: t('plans.list.health'), key: 'health', render: (_: unknown, p) => <ObligationTags plan={p} /> },
  ];

  /** Phone width: one column with everything stacked. */
  const compact: TableColumnsType<PlanSummaryDto> = [
    {
      title: t('plans.list.title'),
      key: 'plan',
      render: (_: unknown, p) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Link to={`/plans/${p.id}`} data-testid="plan-link" style={{ fontWeight: 500 }}>
            {p.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pick(PLAN_KIND_LABELS[p.kind])} · {p.jurisdictionName}
            {p.currentVersion ? ` · ${p.currentVersion.label}（${t('plans.list.issuedOn', { date: p.currentVersion.issuedOn })}）` : ''}
          </Typography.Text>
          <PlanStatusTags plan={p} />
          <ObligationTags plan={p} />
        </Space>
      ),
    },
  ];

  const actions = (
    <Space wrap>
      <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((n) => n + 1)} aria-label={t('common.refresh')} />
      {can('plan.manage') && (
        <>
          <Button icon={<ImportOutlined />} onClick={() => navigate('/plans/import')} data-testid="plans-import">
            {t('plans.list.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plans-create">
            {t('plans.list.create')}
          </Button>
        </>
      )}
    </Space>
  );

  const toggle = (h: HealthFilter) => setFilter('health', health === h ? undefined : h);

  return (
    <div className="sw-page" data-testid="plans-page">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Counter label={t('plans.health.overdue')} n={counts.overdue} color="#cf1322" active={health === 'overdue'} onClick={() => toggle('overdue')} testId="plans-count-overdue" />
        </Col>
        <Col xs={12} md={6}>
          <Counter label={t('plans.health.due_soon')} n={counts.due_soon} color="#d46b08" active={health === 'due_soon'} onClick={() => toggle('due_soon')} testId="plans-count-due-soon" />
        </Col>
        <Col xs={12} md={6}>
          <Counter label={t('plans.health.not_issued')} n={counts.not_issued} color="#1677ff" active={health === 'not_issued'} onClick={() => toggle('not_issued')} testId="plans-count-not-issued" />
        </Col>
        <Col xs={12} md={6}>
          <Counter label={t('plans.status.pendingDraft')} n={counts.pending_draft} color="#d48806" active={health === 'pending_draft'} onClick={() => toggle('pending_draft')} testId="plans-count-pending" />
        </Col>
      </Row>
      <Card
        size={isPhone ? 'small' : undefined}
        title={isPhone ? undefined : t('plans.list.title')}
        extra={isPhone ? undefined : actions}
      >
        {isPhone && (
          <div style={{ marginBottom: 12 }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('plans.list.title')}
            </Typography.Title>
            {actions}
          </div>
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<PlanKind>
            allowClear
            placeholder={t('plans.field.kind')}
            style={{ minWidth: 160 }}
            value={kind}
            onChange={(v) => setFilter('kind', v)}
            options={PLAN_KINDS.map((k) => ({ value: k, label: pick(PLAN_KIND_LABELS[k]) }))}
            data-testid="plans-filter-kind"
          />
          <Select<HealthFilter>
            allowClear
            placeholder={t('plans.list.health')}
            style={{ minWidth: 160 }}
            value={health}
            onChange={(v) => setFilter('health', v)}
            options={HEALTH_FILTERS.map((h) => ({ value: h, label: t(HEALTH_FILTER_KEYS[h]) }))}
            data-testid="plans-filter-health"
          />
          <Input.Search
            allowClear
            placeholder={t('plans.list.search')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setFilter('q', undefined);
            }}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            style={{ width: isPhone ? '100%' : 240 }}
            data-testid="plans-search"
          />
          {(kind || health || q) && (
            <Button
              type="link"
              onClick={() => {
                setQInput('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.reset')}
            </Button>
          )}
          <Typography.Text type="secondary">{t('plans.list.count', { n: shown.length, total: counts.all })}</Typography.Text>
        </Space>
        {error ? (
          <LoadError error={error} onRetry={() => setReloadKey((n) => n + 1)} />
        ) : (
          <Table<PlanSummaryDto>
            rowKey="id"
            size="middle"
            loading={items === null}
            dataSource={shown}
            columns={isPhone ? compact : columns}
            showHeader={!isPhone}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={isPhone ? undefined : { x: 'max-content' }}
            onRow={(p) => ({ 'data-testid': 'plan-row', 'data-id': p.id }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={items?.length ? t('plans.list.noMatch') : t('plans.list.empty')} /> }}
          />
        )}
      </Card>
      <NewPlanModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(d) => {
          setCreating(false);
          navigate(`/plans/${d.id}`);
        }}
      />
    </div>
  );
}
