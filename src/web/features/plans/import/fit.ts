// An imported draft is cut from running text, so a paragraph may be longer than a field allows (a task
// name is at most 1 000 characters). Shorten such texts, and say which: the full text stays in the document
// structure (sections), so nothing is lost.
import type { PlanContent } from '../../../../domain/plans/model';

/** Field limits of contracts/plans.ts PlanContent. */
const LIMITS = {
  title: 200, scope: 4000, levelName: 30, startText: 4000, roleTitle: 50, duties: 2000, taskTitle: 1000, checklistItem: 200, lift: 500, resourceType: 100,
} as const;

export interface Shortened {
  /** API-style path, e.g. "content.levels.1.tasks.12.title". */
  path: string;
  length: number;
  limit: number;
}

export function fitToLimits(c: PlanContent): { content: PlanContent; shortened: Shortened[] } {
  const shortened: Shortened[] = [];
  const fit = (s: string, limit: number, path: string) => {
    // The API counts UTF-16 units; cut between characters, never inside one.
    if (s.length <= limit) return s;
    shortened.push({ path, length: s.length, limit });
    let out = '';
    for (const ch of s) {
      if (out.length + ch.length > limit - 1) break;
      out += ch;
    }
    return `${out}…`;
  };
  const content: PlanContent = {
    ...c,
    title: fit(c.title, LIMITS.title, 'content.title'),
    scope: fit(c.scope, LIMITS.scope, 'content.scope'),
    levels: c.levels.map((l, li) => {
      const at = `content.levels.${li}`;
      return {
        ...l,
        name: fit(l.name, LIMITS.levelName, `${at}.name`),
        startConditions: { ...l.startConditions, text: fit(l.startConditions.text, LIMITS.startText, `${at}.startConditions.text`) },
        roles: l.roles.map((r, i) => ({ ...r, title: fit(r.title, LIMITS.roleTitle, `${at}.roles.${i}.title`), duties: fit(r.duties, LIMITS.duties, `${at}.roles.${i}.duties`) })),
        tasks: l.tasks.map((t, i) => ({
          ...t,
          title: fit(t.title, LIMITS.taskTitle, `${at}.tasks.${i}.title`),
          checklist: t.checklist.map((x, j) => fit(x, LIMITS.checklistItem, `${at}.tasks.${i}.checklist.${j}`)),
        })),
        resources: l.resources.map((r, i) => ({ ...r, type: fit(r.type, LIMITS.resourceType, `${at}.resources.${i}.type`) })),
      };
    }),
    liftConditions: c.liftConditions.map((x, i) => fit(x, LIMITS.lift, `content.liftConditions.${i}`)),
  };
  return { content, shortened };
}
