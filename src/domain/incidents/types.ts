// Catalogue of incident type codes (事件类型) per category, with zh-CN / English labels.
import type { Category, Grade } from './model';

export interface IncidentType {
  code: string;
  category: Category;
  zh: string;
  en: string;
  /**
   * 'production_safety_493': graded automatically by 生产安全事故报告和调查处理条例 第三条.
   * 'manual': graded by a person under the specific plan (专项预案) for that type, or — for
   * social_safety — not graded at all (突发事件应对法 第三条).
   */
  grading: 'production_safety_493' | 'manual';
}

// 突发事件应对法 第二条 (four categories)
export const CATEGORY_LABELS: Record<Category, { zh: string; en: string }> = {
  natural: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  public_health: { zh: '公共卫生事件', en: 'Public health incident' },
  social_safety: { zh: '社会安全事件', en: 'Social safety incident' },
};

// 突发事件应对法 第三条 (four grades); roman numerals per the 2006 national master plan §1.3
export const GRADE_LABELS: Record<Grade, { zh: string; en: string; roman: string }> = {
  I: { zh: '特别重大', en: 'Extraordinarily serious', roman: 'Ⅰ级' },
  II: { zh: '重大', en: 'Major', roman: 'Ⅱ级' },
  III: { zh: '较大', en: 'Serious', roman: 'Ⅲ级' },
  IV: { zh: '一般', en: 'Ordinary', roman: 'Ⅳ级' },
};

const P493 = 'production_safety_493' as const;
const MANUAL = 'manual' as const;

export const INCIDENT_TYPES: readonly IncidentType[] = [
  // 自然灾害 — sub-types named in 国家突发事件总体应急预案 (2025) §1.3:
  // 水旱、气象、地震、地质、海洋、生物灾害和森林草原火灾. Grading comes from each specific plan.
  { code: 'flood', category: 'natural', zh: '水旱灾害（洪涝）', en: 'Flood', grading: MANUAL },
  { code: 'drought', category: 'natural', zh: '水旱灾害（干旱）', en: 'Drought', grading: MANUAL },
  { code: 'meteorological', category: 'natural', zh: '气象灾害', en: 'Meteorological disaster', grading: MANUAL },
  { code: 'earthquake', category: 'natural', zh: '地震灾害', en: 'Earthquake', grading: MANUAL },
  { code: 'geological', category: 'natural', zh: '地质灾害', en: 'Geological disaster', grading: MANUAL },
  { code: 'marine', category: 'natural', zh: '海洋灾害', en: 'Marine disaster', grading: MANUAL },
  { code: 'biological', category: 'natural', zh: '生物灾害', en: 'Biological disaster', grading: MANUAL },
  { code: 'forest_grassland_fire', category: 'natural', zh: '森林草原火灾', en: 'Forest or grassland fire', grading: MANUAL },

  // 事故灾难. These five are 生产安全事故 within 生产安全事故报告和调查处理条例 第二条, so 第三条
  // grades them (第十三条 names 道路交通事故 and 火灾事故 explicitly).
  { code: 'production_safety', category: 'accident', zh: '工矿商贸生产安全事故', en: 'Industrial and commercial production-safety accident', grading: P493 },
  { code: 'road_traffic', category: 'accident', zh: '道路交通事故', en: 'Road traffic accident', grading: P493 },
  { code: 'fire', category: 'accident', zh: '火灾事故', en: 'Fire accident', grading: P493 },
  { code: 'hazardous_chemicals', category: 'accident', zh: '危险化学品事故', en: 'Hazardous chemicals accident', grading: P493 },
  { code: 'public_facility', category: 'accident', zh: '公共设施和设备事故', en: 'Public facility and equipment accident', grading: P493 },
  // 生产安全事故报告和调查处理条例 第二条 excludes 环境污染事故 and 核设施事故 from that regulation,
  // so these two are graded manually under their own specific plans.
  { code: 'environmental_pollution', category: 'accident', zh: '环境污染和生态破坏事件', en: 'Environmental pollution and ecological damage', grading: MANUAL },
  { code: 'nuclear_radiation', category: 'accident', zh: '核与辐射事故', en: 'Nuclear and radiation accident', grading: MANUAL },

  // 公共卫生事件 (cf. 突发公共卫生事件应急条例 第二条)
  { code: 'infectious_disease', category: 'public_health', zh: '传染病疫情', en: 'Infectious disease outbreak', grading: MANUAL },
  { code: 'unexplained_illness', category: 'public_health', zh: '群体性不明原因疾病', en: 'Cluster of unexplained illness', grading: MANUAL },
  { code: 'food_poisoning', category: 'public_health', zh: '食品安全和职业中毒', en: 'Food safety incident and occupational poisoning', grading: MANUAL },
  { code: 'animal_epidemic', category: 'public_health', zh: '动物疫情', en: 'Animal epidemic', grading: MANUAL },

  // 社会安全事件: not graded (突发事件应对法 第三条 grades only the other three categories).
  { code: 'mass_incident', category: 'social_safety', zh: '群体性事件', en: 'Mass incident', grading: MANUAL },
  { code: 'terrorist_attack', category: 'social_safety', zh: '恐怖袭击事件', en: 'Terrorist attack', grading: MANUAL },
  { code: 'economic_security', category: 'social_safety', zh: '经济安全事件', en: 'Economic security incident', grading: MANUAL },
  { code: 'foreign_related', category: 'social_safety', zh: '涉外突发事件', en: 'Foreign-related incident', grading: MANUAL },
  { code: 'cyber_information_security', category: 'social_safety', zh: '网络与信息安全事件', en: 'Cyber and information security incident', grading: MANUAL },
];

const BY_CODE: ReadonlyMap<string, IncidentType> = new Map(INCIDENT_TYPES.map((t) => [t.code, t]));

export function findIncidentType(code: string): IncidentType | undefined {
  return BY_CODE.get(code);
}

export function incidentTypesOf(category: Category): IncidentType[] {
  return INCIDENT_TYPES.filter((t) => t.category === category);
}

/** 突发事件应对法 第三条: only natural, accident and public_health incidents carry a grade. */
export function isGradedCategory(category: Category): boolean {
  return category !== 'social_safety';
}
