// Emergency resources as data: the classification of 应急物资, kinds of teams, equipment and shelters, and the
// movements of the stock ledger.

/**
 * Item categories, after the three classes of 《应急保障重点物资分类目录（2015年）》 (国家发展改革委;
 * title, year and sub-classes from memory: UNVERIFIED). Codes are ours and stable; a jurisdiction adds items freely.
 */
export const ITEM_CATEGORIES = {
  monitoring: { zh: '现场监测', en: 'Field monitoring', group: 'site' },
  site_safety: { zh: '现场安全', en: 'Site safety', group: 'site' },
  communications: { zh: '应急通信', en: 'Emergency communications', group: 'site' },
  command: { zh: '应急指挥', en: 'Command support', group: 'site' },
  power_lighting: { zh: '动力与照明', en: 'Power and lighting', group: 'site' },
  transport: { zh: '紧急运输', en: 'Emergency transport', group: 'site' },
  protection: { zh: '人员防护', en: 'Personal protection', group: 'life' },
  search_rescue: { zh: '生命搜救', en: 'Search and rescue', group: 'life' },
  medical: { zh: '医疗救治', en: 'Medical care', group: 'life' },
  epidemic: { zh: '卫生防疫', en: 'Disease control', group: 'life' },
  relief: { zh: '生活救助（帐篷、被褥、食品、饮用水）', en: 'Relief (tents, bedding, food, water)', group: 'life' },
  flood_drought: { zh: '防汛抗旱', en: 'Flood and drought', group: 'engineering' },
  firefighting: { zh: '消防灭火', en: 'Firefighting', group: 'engineering' },
  hazmat: { zh: '危化品与污染处置', en: 'Hazardous materials and pollution', group: 'engineering' },
  repair: { zh: '工程抢修', en: 'Engineering repair', group: 'engineering' },
} as const;
export type ItemCategory = keyof typeof ITEM_CATEGORIES;

/** What can be found near a point (GET /api/resources/nearest). */
export const RESOURCE_KINDS = ['depot', 'team', 'shelter', 'expert', 'equipment'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const ITEM_GROUPS = {
  site: { zh: '现场管理与保障', en: 'Site management and support' },
  life: { zh: '生命救援与生活救助', en: 'Life rescue and relief' },
  engineering: { zh: '工程抢险与专业处置', en: 'Engineering and specialist response' },
} as const;

/** 救援队伍 by who forms them (突发事件应对法 第三十九条: full-time, part-time, enterprise and volunteer teams). */
export const TEAM_KINDS = {
  comprehensive: { zh: '综合性', en: 'Comprehensive' },
  professional: { zh: '专业', en: 'Professional' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
} as const;
export const TEAM_STATUSES = {
  standby: { zh: '待命', en: 'Standby' },
  deployed: { zh: '出动', en: 'Deployed' },
  resting: { zh: '休整', en: 'Resting' },
} as const;

export const EQUIPMENT_KINDS = {
  vehicle: { zh: '车辆', en: 'Vehicle' },
  machine: { zh: '工程机械', en: 'Machinery' },
  device: { zh: '设备器材', en: 'Device' },
} as const;
export const EQUIPMENT_STATUSES = {
  available: { zh: '可用', en: 'Available' },
  in_use: { zh: '使用中', en: 'In use' },
  maintenance: { zh: '维修', en: 'Maintenance' },
} as const;

/** 避难场所 kinds (indoor/outdoor; by the time people can stay). */
export const SHELTER_KINDS = {
  emergency: { zh: '紧急避难场所', en: 'Immediate shelter' },
  fixed: { zh: '固定避难场所', en: 'Fixed shelter' },
  central: { zh: '中心避难场所', en: 'Central shelter' },
  indoor: { zh: '室内避难场所（学校、体育馆等）', en: 'Indoor shelter' },
} as const;
export const SHELTER_STATUSES = {
  open: { zh: '开放', en: 'Open' },
  closed: { zh: '关闭', en: 'Closed' },
  full: { zh: '已满', en: 'Full' },
} as const;
