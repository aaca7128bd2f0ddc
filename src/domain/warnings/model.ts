// 预警 (warnings) and their exchange form. Fields of 突发事件应对法 第六十四条: 预警类别、级别、起始时间、
// 可能影响的范围、警示事项、应当采取的措施、发布单位和发布时间. Levels 一级–四级 = 红橙黄蓝 (第六十三条).
import type { Category } from '../incidents/model';
import type { WarningLevel } from '../plans/model';
import type { UtcInstant } from '../shared/time';

export type { WarningLevel };
export { WARNING_LEVELS, WARNING_LEVEL_LABELS } from '../plans/model';

/** draft → approved → issued → (updated) → lifted | expired. */
export const WARNING_STATUSES = ['draft', 'approved', 'issued', 'lifted', 'expired'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** Who or what created it. */
export type WarningOrigin = 'rule' | 'person' | 'cap_import';

/**
 * Warning types: the national weather signal types with their GB/T 35965.1 eventType codes
 * (REFERENCE.md §5.3, [V2]: three repos agree), plus non-weather types as stable string codes.
 */
export interface WarningType {
  code: string;
  zh: string;
  en: string;
  category: Category;
  /** GB/T 35965.1 eventType, e.g. 11B03. */
  eventType: string | null;
  /** The colours this signal has (not every hazard has all four, REFERENCE.md §5.1). */
  levels: WarningLevel[];
}

const ALL: WarningLevel[] = ['blue', 'yellow', 'orange', 'red'];
export const WARNING_TYPES: readonly WarningType[] = [
  { code: 'typhoon', zh: '台风', en: 'Typhoon', category: 'natural', eventType: '11B01', levels: ALL },
  { code: 'rainstorm', zh: '暴雨', en: 'Rainstorm', category: 'natural', eventType: '11B03', levels: ALL },
  { code: 'snowstorm', zh: '暴雪', en: 'Snowstorm', category: 'natural', eventType: '11B04', levels: ALL },
  { code: 'cold_wave', zh: '寒潮', en: 'Cold wave', category: 'natural', eventType: '11B05', levels: ALL },
  { code: 'gale', zh: '大风', en: 'Gale', category: 'natural', eventType: '11B06', levels: ALL },
  { code: 'sandstorm', zh: '沙尘暴', en: 'Sandstorm', category: 'natural', eventType: '11B07', levels: ['yellow', 'orange', 'red'] },
  { code: 'heat', zh: '高温', en: 'Heat', category: 'natural', eventType: '11B09', levels: ['yellow', 'orange', 'red'] },
  { code: 'lightning', zh: '雷电', en: 'Lightning', category: 'natural', eventType: '11B14', levels: ['yellow', 'orange', 'red'] },
  { code: 'hail', zh: '冰雹', en: 'Hail', category: 'natural', eventType: '11B15', levels: ['orange', 'red'] },
  { code: 'frost', zh: '霜冻', en: 'Frost', category: 'natural', eventType: '11B16', levels: ['blue', 'yellow', 'orange'] },
  { code: 'fog', zh: '大雾', en: 'Fog', category: 'natural', eventType: '11B17', levels: ['yellow', 'orange', 'red'] },
  { code: 'haze', zh: '霾', en: 'Haze', category: 'natural', eventType: '11B19', levels: ['yellow', 'orange'] },
  { code: 'road_icing', zh: '道路结冰', en: 'Road icing', category: 'natural', eventType: '11B21', levels: ['yellow', 'orange', 'red'] },
  { code: 'drought', zh: '干旱', en: 'Drought', category: 'natural', eventType: '11B22', levels: ['orange', 'red'] },
  { code: 'geohazard', zh: '地质灾害', en: 'Geological hazard', category: 'natural', eventType: null, levels: ALL },
  { code: 'flood', zh: '洪水', en: 'Flood', category: 'natural', eventType: null, levels: ALL },
  { code: 'air_pollution', zh: '重污染天气', en: 'Heavy air pollution', category: 'public_health', eventType: null, levels: ['yellow', 'orange', 'red'] },
  { code: 'gas_leak', zh: '可燃气体泄漏', en: 'Combustible gas leak', category: 'accident', eventType: null, levels: ALL },
  { code: 'other', zh: '其他', en: 'Other', category: 'natural', eventType: null, levels: ALL },
];

export const findWarningType = (code: string) => WARNING_TYPES.find((t) => t.code === code);

/** A warning as the platform keeps it (第六十四条 fields first). */
export interface Warning {
  id: string;
  typeCode: string;
  category: Category;
  level: WarningLevel;
  status: WarningStatus;
  origin: WarningOrigin;
  /** 起始时间 / 预计结束. */
  onset: UtcInstant;
  expires: UtcInstant | null;
  /** 可能影响的范围: words, jurisdictions and optional shapes. */
  areaDesc: string;
  jurisdictionCodes: string[];
  /** 警示事项. */
  headline: string;
  description: string;
  /** 应当采取的措施. */
  instruction: string;
  /** 发布单位 / 发布时间. */
  issuer: string;
  issuedAt: UtcInstant | null;
}
