// Role-based permissions as a table. Scope (which jurisdiction a user may see) is checked
// separately with isWithinScope in shared/jurisdiction.

export const ROLES = ['admin', 'commander', 'duty_officer', 'reporter', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  commander: { zh: '指挥长', en: 'Commander' },
  duty_officer: { zh: '值班员', en: 'Duty officer' },
  reporter: { zh: '信息报告员', en: 'Information reporter' },
  inspector: { zh: '检查员', en: 'Inspector' },
  viewer: { zh: '只读', en: 'Viewer' },
};

export const ACTIONS = [
  'incident.read',
  'incident.create',
  'incident.update',
  'incident.transition',
  'incident.grade_override',
  'report.file',
  'user.manage',
  'org.manage',
  'jurisdiction.read',
  'jurisdiction.manage',
  'rules.manage',
  'plan.read',
  'plan.manage',
  'response.activate',
  'task.work',
  'sensor.manage',
  'warning.create',
  'warning.issue',
  'warning.ack',
  'resource.read',
  'resource.manage',
  'resource.request',
  'resource.dispatch',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, { zh: string; en: string }> = {
  'incident.read': { zh: '查看事件', en: 'View incidents' },
  'incident.create': { zh: '登记事件', en: 'Register incidents' },
  'incident.update': { zh: '更新事件', en: 'Update incidents' },
  'incident.transition': { zh: '变更事件状态', en: 'Change incident status' },
  'incident.grade_override': { zh: '人工定级', en: 'Override incident grade' },
  'report.file': { zh: '报送信息', en: 'File reports' },
  'user.manage': { zh: '管理用户', en: 'Manage users' },
  'org.manage': { zh: '管理单位', en: 'Manage organisations' },
  'jurisdiction.read': { zh: '查看辖区', en: 'View jurisdictions' },
  'jurisdiction.manage': { zh: '导入本辖区的行政区划边界', en: 'Import jurisdiction boundaries' },
  'rules.manage': { zh: '设置本辖区规则（时限、定级口径）', en: 'Set local rules (time limits, grading)' },
  'plan.read': { zh: '查看应急预案', en: 'View emergency plans' },
  'plan.manage': { zh: '编制、发布应急预案，登记演练与评估', en: 'Author and issue plans; record drills and evaluations' },
  'response.activate': { zh: '启动、调整、解除应急响应', en: 'Activate, change and lift responses' },
  'task.work': { zh: '签收并反馈处置任务', en: 'Sign for tasks and report progress' },
  'sensor.manage': { zh: '登记监测设备、设置预警规则', en: 'Register sensors and set warning rules' },
  'warning.create': { zh: '起草预警', en: 'Draft warnings' },
  'warning.issue': { zh: '审核、发布、解除预警', en: 'Approve, issue and lift warnings' },
  'warning.ack': { zh: '签收预警', en: 'Acknowledge warnings' },
  'resource.read': { zh: '查看应急资源（物资、队伍、专家、装备、避难场所）', en: 'View emergency resources' },
  'resource.manage': { zh: '登记应急资源，办理出入库与调拨单的发出、接收、归还', en: 'Register resources; record stock movements and dispatch handovers' },
  'resource.request': { zh: '提出事件的物资、队伍需求', en: 'Request resources for an incident' },
  'resource.dispatch': { zh: '审批需求，下达调拨单，采纳优化调配方案', en: 'Approve requests, order dispatches, accept allocation proposals' },
};

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  // Leads the response, so owns every incident decision including the grade.
  commander: [
    'incident.read', 'incident.create', 'incident.update', 'incident.transition', 'incident.grade_override',
    'report.file', 'jurisdiction.read', 'plan.read', 'plan.manage', 'response.activate', 'task.work',
    'warning.create', 'warning.issue', 'warning.ack', 'resource.read', 'resource.request', 'resource.dispatch',
  ],
  // Runs the duty desk: takes calls, keeps the record current and files reports; no grade override.
  // Keeps plans current between incidents; activation is the commander's decision (突发事件应对法 第七十二条).
  duty_officer: [
    'incident.read', 'incident.create', 'incident.update', 'incident.transition', 'report.file', 'jurisdiction.read',
    'plan.read', 'plan.manage', 'task.work', 'sensor.manage', 'warning.create', 'warning.ack', 'resource.read', 'resource.manage',
    'resource.request',
  ],
  // 信息报告员 (突发事件应对法 第六十条) report what they find.
  reporter: ['incident.read', 'incident.create', 'report.file', 'jurisdiction.read', 'plan.read', 'task.work', 'warning.ack', 'resource.read'],
  // Field inspectors may raise an incident when they find one; hazard actions come later.
  inspector: ['incident.read', 'incident.create', 'jurisdiction.read', 'plan.read', 'task.work', 'warning.ack', 'resource.read'],
  viewer: ['incident.read', 'jurisdiction.read', 'plan.read', 'resource.read'],
};

export function can(roles: readonly Role[], action: Action): boolean {
  return roles.some((r) => PERMISSIONS[r].includes(action));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
