import { describe, expect, it } from 'vitest';
import { canTransition, isReopen, REPORT_KIND_LABELS, STATUS_LABELS, TRANSITIONS } from './lifecycle';
import { REPORT_KINDS, STATUSES } from './model';

describe('lifecycle', () => {
  it('labels every status and report kind', () => {
    expect(STATUSES.map((s) => STATUS_LABELS[s].zh)).toEqual(['接报', '核实', '处置中', '恢复', '结束']);
    expect(REPORT_KINDS.map((k) => REPORT_KIND_LABELS[k].zh)).toEqual(['初报', '续报', '核报', '补报', '终报']);
  });

  it('allows every forward step, including skips', () => {
    STATUSES.forEach((from, i) => {
      for (const to of STATUSES.slice(i + 1)) expect(canTransition(from, to), `${from}→${to}`).toBe(true);
    });
    expect(canTransition('reported', 'responding')).toBe(true);
  });

  it('allows only flare-up and reopen backwards', () => {
    expect(canTransition('recovering', 'responding')).toBe(true);
    expect(canTransition('closed', 'responding')).toBe(true);
    expect(isReopen('closed', 'responding')).toBe(true);
    expect(canTransition('responding', 'verified')).toBe(false);
    expect(canTransition('closed', 'reported')).toBe(false);
    expect(canTransition('closed', 'recovering')).toBe(false);
    expect(canTransition('recovering', 'verified')).toBe(false);
  });

  it('never allows staying in place', () => {
    for (const s of STATUSES) expect(TRANSITIONS[s]).not.toContain(s);
  });
});
