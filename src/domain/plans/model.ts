// 应急预案 as structured data that activates. Names follow docs/GLOSSARY.md.
// Kinds: 生产安全事故应急预案管理办法（88号令，应急管理部令第2号修正）第六条、第十九条;
// structure: GB/T 29639-2020 §5–§8.
import type { Category, Grade, Impact } from '../incidents/model';

/** 综合应急预案 / 专项应急预案 / 现场处置方案 / 应急处置卡. */
export const PLAN_KINDS = ['comprehensive', 'specific', 'onsite', 'card'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** Who owns the plan, which decides its drill and evaluation cycles (REFERENCE.md §4.5). */
export const PLAN_OWNER_TYPES = ['government', 'township', 'enterprise', 'enterprise_high_risk'] as const;
export type PlanOwnerType = (typeof PLAN_OWNER_TYPES)[number];

/** 预警级别: 一级–四级 = 红橙黄蓝 (突发事件应对法 第六十三条). */
export const WARNING_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** A measure an incident or warning carries: the impact figures, or any sensor/warning figure by name. */
export type Measure = keyof Impact | (string & {});
export const COMPARATORS = ['>=', '>', '<=', '<', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** A condition on a figure, e.g. 水位 ≥ 4.5 m or 死亡 ≥ 3. */
export interface FigureCondition {
  measure: Measure;
  op: Comparator;
  value: number;
  unit?: string;
}

/** When a plan applies (适用范围 / 启动条件). Empty lists mean "any". */
export interface PlanTriggers {
  categories: Category[];
  typeCodes: string[];
  /** The least grade that calls for this plan; null = any grade, graded or not. */
  minGrade: Grade | null;
  /** Jurisdictions the plan covers (their subtrees); empty = the owning jurisdiction's subtree. */
  jurisdictionCodes: string[];
  /** A warning of these types at or above this level also calls for the plan. */
  warning: { types: string[]; minLevel: WarningLevel } | null;
  /** All must hold (on the incident's figures). */
  conditions: FigureCondition[];
}

/** Who fills a role in the command structure: an organisation or a person (a user, or a named person). */
export type Filler =
  | { kind: 'organisation'; organisationId: string; name: string }
  | { kind: 'person'; userId: string | null; name: string; phone?: string | null };

/** A post in the command structure (指挥部): 总指挥, 副总指挥, 综合协调组… */
export interface CommandRole {
  key: string;
  title: string;
  /** The role it reports to (the tree of the 指挥部); null for the top. */
  parentKey: string | null;
  duties: string;
  filledBy: Filler | null;
}

/** A task the response creates: due `offsetMinutes` after activation (or after the level is reached). */
export interface TaskTemplate {
  key: string;
  title: string;
  /** The responsible role (CommandRole.key); null = nobody yet, which the gap check reports. */
  roleKey: string | null;
  offsetMinutes: number;
  checklist: string[];
  feedbackRequired: boolean;
}

export type NotifyTarget =
  | { kind: 'role'; roleKey: string }
  | { kind: 'organisation'; organisationId: string; name: string }
  | { kind: 'user'; userId: string; name: string };

export interface ResourceNeed {
  kind: 'item' | 'team';
  /** An item or team type code (the resources catalogue), or free text until that exists. */
  type: string;
  quantity: number;
  unit: string;
}

/** 应急响应级别: 一级…四级, or a local name such as 关注级. `rank` 1 is the most severe. */
export interface ResponseLevel {
  key: string;
  name: string;
  rank: number;
  /** 启动条件 in words, plus what can be checked automatically. */
  startConditions: { text: string; minGrade: Grade | null; conditions: FigureCondition[] };
  roles: CommandRole[];
  tasks: TaskTemplate[];
  notify: NotifyTarget[];
  resources: ResourceNeed[];
}

/** A node of the document's section tree (一、 （一） 1. （1） or Word heading levels). */
export interface PlanSection {
  number: string;
  heading: string;
  text: string;
  children: PlanSection[];
}

/** The content of one version of a plan. Issued versions never change. */
export interface PlanContent {
  title: string;
  kind: PlanKind;
  ownerType: PlanOwnerType;
  /** 适用范围 in words. */
  scope: string;
  triggers: PlanTriggers;
  levels: ResponseLevel[];
  /** 响应终止/解除 conditions (突发事件应对法 第八十六条). */
  liftConditions: string[];
  sections: PlanSection[];
}

export const EMPTY_TRIGGERS: PlanTriggers = {
  categories: [], typeCodes: [], minGrade: null, jurisdictionCodes: [], warning: null, conditions: [],
};

export const PLAN_KIND_LABELS: Record<PlanKind, { zh: string; en: string }> = {
  comprehensive: { zh: '综合应急预案', en: 'Comprehensive plan' },
  specific: { zh: '专项应急预案', en: 'Specific plan' },
  onsite: { zh: '现场处置方案', en: 'On-site response scheme' },
  card: { zh: '应急处置卡', en: 'Response card' },
};

export const WARNING_LEVEL_LABELS: Record<WarningLevel, { zh: string; en: string; rank: number }> = {
  red: { zh: '红色（一级）', en: 'Red (level 1)', rank: 1 },
  orange: { zh: '橙色（二级）', en: 'Orange (level 2)', rank: 2 },
  yellow: { zh: '黄色（三级）', en: 'Yellow (level 3)', rank: 3 },
  blue: { zh: '蓝色（四级）', en: 'Blue (level 4)', rank: 4 },
};
