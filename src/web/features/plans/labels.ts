// Label keys and colours of the plan vocabulary (kinds come from the domain's PLAN_KIND_LABELS).
import type { MessageKey } from '../../app/i18n';
import type { PlanSummaryDto } from '../../../contracts/client';
import { IMPACT_FIELDS } from '../../../domain/incidents/model';
import type { Comparator, PlanOwnerType } from '../../../domain/plans/model';

export type Obligation = PlanSummaryDto['obligations'][number];
export type ObligationKind = Obligation['kind'];
export type ObligationStatus = Obligation['status'];
export type Health = PlanSummaryDto['health'];

// Records so that a value added to the contract fails the type check here until labelled.
export const OWNER_TYPE_KEYS: Record<PlanOwnerType, MessageKey> = {
  government: 'plans.owner.government',
  township: 'plans.owner.township',
  enterprise: 'plans.owner.enterprise',
  enterprise_high_risk: 'plans.owner.enterprise_high_risk',
};

export const OBLIGATION_KIND_KEYS: Record<ObligationKind, MessageKey> = {
  filing: 'plans.obligation.filing',
  drill: 'plans.obligation.drill',
  evaluation: 'plans.obligation.evaluation',
};

export const HEALTH_KEYS: Record<Health, MessageKey> = {
  overdue: 'plans.health.overdue',
  due_soon: 'plans.health.due_soon',
  ok: 'plans.health.ok',
  done: 'plans.health.done',
  not_issued: 'plans.health.not_issued',
};

/** antd Tag colours: overdue red, due soon orange, in order green. */
export const HEALTH_COLORS: Record<Health, string> = {
  overdue: 'error',
  due_soon: 'orange',
  ok: 'success',
  done: 'success',
  not_issued: 'default',
};

/** The impact figures a condition can test, labelled with the incident form's own words. */
export const MEASURE_KEYS: Record<(typeof IMPACT_FIELDS)[number], MessageKey> = {
  deaths: 'impact.deaths',
  missing: 'impact.missing',
  seriousInjuries: 'impact.seriousInjuries',
  minorInjuries: 'impact.minorInjuries',
  directLossYuan: 'impact.directLossYuan',
  affected: 'impact.affected',
  evacuated: 'impact.evacuated',
};

export const COMPARATOR_TEXT: Record<Comparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export const GAP_KIND_KEYS: Record<string, MessageKey> = {
  role_unfilled: 'plans.gaps.kind.role_unfilled',
  task_without_role: 'plans.gaps.kind.task_without_role',
  task_role_missing: 'plans.gaps.kind.task_role_missing',
  org_without_contact: 'plans.gaps.kind.org_without_contact',
  notice_reaches_nobody: 'plans.gaps.kind.notice_reaches_nobody',
};
