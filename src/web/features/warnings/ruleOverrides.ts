// The numbers of a rule template a jurisdiction may change, as form fields, and the `overrides` of
// POST /api/warning-rules built from them: only what differs from the template, in bindTemplate's shape
// (levels.<level>.threshold …, combinations by position: of: { "1": {…} }). Field names follow the server's
// error paths ("overrides.levels.red.of[1].threshold"), so its field errors land on the right input.
import { LEVELS_ASCENDING, type Condition, type RuleTemplate, type TemplateOverrides, type WarningLevel } from '../../../domain/warnings/rules';

const LEAF_KEYS = ['threshold', 'minutes', 'days', 'hysteresis', 'toleranceMinutes'] as const;
export type LeafKey = (typeof LEAF_KEYS)[number];

/** One adjustable number: its form name, the template's value, and the template's unverified note ('' without one; null when verified). */
export interface NumberField {
  name: (string | number)[];
  key: LeafKey | 'hysteresis' | 'holdMinutes';
  value: number;
  unverified: string | null;
}
/** A leaf condition of a level with its adjustable numbers. */
export interface LeafRow {
  level: WarningLevel;
  condition: Condition;
  fields: NumberField[];
}

const ROOT = 'overrides';
const toName = (path: string) => [ROOT, ...path.split('.')];

/** `levels.*.of[*].threshold（说明）` → a test of field paths, with the note. */
function unverifiedMatchers(t: RuleTemplate): { test: (path: string) => boolean; note: string }[] {
  return t.unverified.map((u) => {
    const [pattern = '', ...note] = u.split('（');
    const re = new RegExp(`^${pattern.trim().replace(/[.[\]()+?^$|\\]/g, '\\$&').replace(/\*/g, '[^.\\[\\]]+')}$`);
    return { test: (p: string) => re.test(p), note: note.join('（').replace(/）$/, '') };
  });
}

function leafRows(level: WarningLevel, c: Condition, path: string, check: (p: string) => string | null): LeafRow[] {
  if (c.kind === 'all' || c.kind === 'any') return c.of.flatMap((x, i) => leafRows(level, x, `${path}.of[${i}]`, check));
  const leaf = c as unknown as Record<string, unknown>;
  const fields = LEAF_KEYS.filter((k) => typeof leaf[k] === 'number').map((key) => ({
    name: toName(`${path}.${key}`), key, value: leaf[key] as number, unverified: check(`${path}.${key}`),
  }));
  return [{ level, condition: c, fields }];
}

/** The template's numbers: rule-wide 回差 and hold, then per level (lowest first) each leaf condition. */
export function templateFields(t: RuleTemplate): { rule: NumberField[]; leaves: LeafRow[] } {
  const matchers = unverifiedMatchers(t);
  const check = (p: string) => matchers.find((m) => m.test(p))?.note ?? null;
  return {
    rule: (['hysteresis', 'holdMinutes'] as const).map((key) => ({ name: toName(key), key, value: t[key], unverified: check(key) })),
    leaves: LEVELS_ASCENDING.flatMap((l) => (t.levels[l] ? leafRows(l, t.levels[l], `levels.${l}`, check) : [])),
  };
}

/** Initial form values: the template's numbers under their field names. */
export function defaultValues(t: RuleTemplate): Record<string, unknown> {
  const { rule, leaves } = templateFields(t);
  const out: Record<string, unknown> = {};
  for (const f of [...rule, ...leaves.flatMap((r) => r.fields)]) setIn(out, f.name.map(String), f.value);
  return out;
}

function setIn(o: Record<string, unknown>, keys: string[], v: unknown) {
  let cur = o;
  keys.slice(0, -1).forEach((k) => (cur = (cur[k] ??= {}) as Record<string, unknown>));
  cur[keys.at(-1)!] = v;
}

const getIn = (o: unknown, keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

/** The changed numbers of the form values (an empty field keeps the template's value). */
export function buildOverrides(t: RuleTemplate, values: unknown): TemplateOverrides {
  const { rule, leaves } = templateFields(t);
  const out: Record<string, unknown> = {};
  for (const f of [...rule, ...leaves.flatMap((r) => r.fields)]) {
    const v = getIn(values, f.name);
    if (typeof v !== 'number' || v === f.value) continue;
    // "overrides.levels.red.of[1].threshold" → levels → red → of → "1" → threshold
    setIn(out, f.name.slice(1).flatMap((k) => String(k).match(/[^[\]]+/g) ?? []), v);
  }
  return out as TemplateOverrides;
}
