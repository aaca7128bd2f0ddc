// Which upgrade notice an incident shows, worded by what raised the grade: new figures (the rules' grade rose and is
// in force), new figures the rules would grade higher than a person's grade (that person should decide again), or a
// person raising it by hand.
import type { Incident } from '../../../contracts/incidents';
import { isUpgrade } from '../../../domain/incidents/grading';

export type UpgradeNotice = 'figures' | 'hidden' | 'manual';

export function upgradeNotice(i: Pick<Incident, 'upgradeFlaggedAt' | 'upgradeCause' | 'grade' | 'computedGrade'>): UpgradeNotice | null {
  if (!i.upgradeFlaggedAt) return null;
  if (i.upgradeCause === 'manual') return 'manual';
  return i.grade !== null && i.computedGrade !== null && isUpgrade(i.grade, i.computedGrade) ? 'hidden' : 'figures';
}
