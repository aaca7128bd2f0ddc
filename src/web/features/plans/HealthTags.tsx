// Plan health at a glance: one tag per duty (备案 / 演练 / 评估) coloured by how close it is, and the
// draft / issued status of the plan.
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { PlanSummaryDto } from '../../../contracts/client';
import { useI18n } from '../../app/i18n';
import { HEALTH_COLORS, HEALTH_KEYS, OBLIGATION_KIND_KEYS, type Obligation } from './labels';

export function ObligationTag({ o }: { o: Obligation }) {
  const { t } = useI18n();
  const kind = t(OBLIGATION_KIND_KEYS[o.kind]);
  const text =
    o.status === 'done'
      ? t('plans.obligation.doneOn', { kind, date: o.lastOn ?? o.dueOn })
      : o.status === 'overdue'
        ? t('plans.obligation.overdueSince', { kind, date: o.dueOn })
        : t('plans.obligation.dueOn', { kind, date: o.dueOn });
  return (
    <Tooltip
      title={
        <>
          <div>{t(HEALTH_KEYS[o.status])}</div>
          {o.lastOn && <div>{t('plans.obligation.last', { date: o.lastOn })}</div>}
          <div>{o.basis}</div>
        </>
      }
    >
      <Tag color={HEALTH_COLORS[o.status]} data-testid="plan-obligation" data-kind={o.kind} data-status={o.status}>
        {text}
      </Tag>
    </Tooltip>
  );
}

export function ObligationTags({ plan }: { plan: Pick<PlanSummaryDto, 'obligations' | 'health'> }) {
  const { t } = useI18n();
  if (plan.health === 'not_issued') return <Typography.Text type="secondary">{t('plans.health.notIssuedHint')}</Typography.Text>;
  if (plan.obligations.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {plan.obligations.map((o) => (
        <ObligationTag key={o.kind} o={o} />
      ))}
    </Space>
  );
}

export function PlanStatusTags({ plan }: { plan: Pick<PlanSummaryDto, 'status' | 'hasDraft'> }) {
  const { t } = useI18n();
  return (
    <Space size={[0, 4]} wrap>
      {plan.status === 'issued' ? <Tag color="green">{t('plans.status.issued')}</Tag> : <Tag>{t('plans.status.draft')}</Tag>}
      {plan.status === 'issued' && plan.hasDraft && <Tag color="orange">{t('plans.status.pendingDraft')}</Tag>}
    </Space>
  );
}
