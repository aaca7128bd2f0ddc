// The docs that other systems rely on stay in step with the code they describe.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INCIDENT_TYPES } from './domain/incidents/types';

const glossary = fs.readFileSync(new URL('../docs/GLOSSARY.md', import.meta.url), 'utf8');

describe('docs/GLOSSARY.md', () => {
  it('lists every incident type code with its label and category, and no other', () => {
    const section = glossary.slice(glossary.indexOf('## 事件类型代码'));
    const rows = section.split('\n').filter((l) => /^\| .*`[a-z_]+` \|/.test(l));
    const documented = rows.map((l) => l.split('|').map((c) => c.trim())).map((c) => ({ category: c[1]!, zh: c[2]!, code: c[4]!.replaceAll('`', '') }));
    expect(documented.map((d) => d.code)).toEqual(INCIDENT_TYPES.map((t) => t.code));
    for (const t of INCIDENT_TYPES) {
      const d = documented.find((x) => x.code === t.code)!;
      expect(d.zh).toBe(t.zh);
      expect(d.category).toContain(`\`${t.category}\``);
    }
  });
});
