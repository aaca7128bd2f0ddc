import { describe, expect, it } from 'vitest';
import { bindTemplate, GALE, RAINSTORM } from '../../../domain/warnings/rules';
import { buildOverrides, defaultValues, templateFields } from './ruleOverrides';

describe('rule template overrides as form fields', () => {
  it('lists rule-wide and per-level numbers with their unverified notes', () => {
    const { rule, leaves } = templateFields(GALE);
    expect(rule.map((f) => [f.name.join('.'), f.value, f.unverified])).toEqual([['overrides.hysteresis', 1, ''], ['overrides.holdMinutes', 60, '']]);
    expect(leaves.map((l) => l.level)).toEqual(['blue', 'blue', 'yellow', 'yellow', 'orange', 'orange', 'red', 'red']);
    const gust = leaves[1]!.fields[0]!;
    expect(gust.name).toEqual(['overrides', 'levels', 'blue', 'of[1]', 'threshold']);
    expect(gust.value).toBe(13.9);
    expect(gust.unverified).toBe('风力等级→m/s 换算');
    expect(templateFields(RAINSTORM).leaves[0]!.fields.map((f) => [f.key, f.unverified])).toEqual([['threshold', null], ['minutes', null]]);
  });

  it('sends only the changed numbers, in the shape bindTemplate accepts', () => {
    const values = defaultValues(GALE);
    expect(buildOverrides(GALE, values)).toEqual({});
    const form = values.overrides as Record<string, unknown>;
    (form.levels as Record<string, Record<string, Record<string, number>>>).red!['of[1]']!.threshold = 40;
    form.holdMinutes = null; // cleared: keeps the template's
    form.hysteresis = 2;
    const o = buildOverrides(GALE, values);
    expect(o).toEqual({ hysteresis: 2, levels: { red: { of: { 1: { threshold: 40 } } } } });
    const bound = bindTemplate(GALE, o);
    expect(bound.ok).toBe(true);
    if (bound.ok) expect(bound.value.rule.levels.red).toMatchObject({ of: [{ threshold: 32.7 }, { threshold: 40 }] });
  });
});
