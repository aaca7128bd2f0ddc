import { describe, expect, it } from 'vitest';
import { ACTIONS, can, isRole, PERMISSIONS, ROLE_LABELS, ROLES, type Action, type Role } from './permissions';

const table: Record<Role, Action[]> = {
  admin: [...ACTIONS],
  commander: ['incident.read', 'incident.create', 'incident.update', 'incident.transition', 'incident.grade_override', 'report.file', 'jurisdiction.read',
    'plan.read', 'plan.manage', 'response.activate', 'task.work', 'warning.create', 'warning.issue', 'warning.ack', 'resource.read', 'resource.request', 'resource.dispatch'],
  duty_officer: ['incident.read', 'incident.create', 'incident.update', 'incident.transition', 'report.file', 'jurisdiction.read', 'plan.read', 'plan.manage', 'task.work', 'sensor.manage', 'warning.create', 'warning.ack',
    'resource.read', 'resource.manage', 'resource.request'],
  reporter: ['incident.read', 'incident.create', 'report.file', 'jurisdiction.read', 'plan.read', 'task.work', 'warning.ack', 'resource.read'],
  inspector: ['incident.read', 'incident.create', 'jurisdiction.read', 'plan.read', 'task.work', 'warning.ack', 'resource.read'],
  viewer: ['incident.read', 'jurisdiction.read', 'plan.read', 'resource.read'],
};

describe('permissions', () => {
  it.each(ROLES)('%s has exactly its row of the table', (role) => {
    for (const action of ACTIONS) expect(can([role], action), `${role} ${action}`).toBe(table[role].includes(action));
    expect([...PERMISSIONS[role]].sort()).toEqual([...table[role]].sort());
  });

  it('roles combine; no roles grant nothing', () => {
    expect(can(['viewer', 'reporter'], 'report.file')).toBe(true);
    expect(can(['duty_officer'], 'incident.grade_override')).toBe(false);
    expect(can([], 'incident.read')).toBe(false);
    expect(can(['duty_officer'], 'response.activate')).toBe(false); // activation is the commander's call
    expect(can(['viewer'], 'task.work')).toBe(false);
    expect(can(['commander'], 'resource.manage')).toBe(false); // the ledger is kept by the duty desk
  });

  it('labels and guards', () => {
    expect(ROLES.map((r) => ROLE_LABELS[r].zh)).toEqual(['管理员', '指挥长', '值班员', '信息报告员', '检查员', '只读']);
    expect(isRole('commander')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});
