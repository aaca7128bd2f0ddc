// Local rules: each jurisdiction may change the national defaults for its own subtree; the clocks and
// grading of an incident use the defaults merged with the settings of every jurisdiction on its path.
import type { z } from 'zod';
import { effectiveRules, overriddenSettings, DEFAULT_RULES, type EffectiveRules, type RuleSettings } from '../../../domain/incidents/rule-settings';
import type { RuleSettings as RuleSettingsSchema } from '../../../contracts/rules';
import type { Db, Tx } from '../../db';
import type { Bus } from '../../events/bus';
import { inTransaction, type Outbox } from '../../events/outbox';
import { invalid } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';

// Stored settings were validated by the contract schema when written; the domain reads them as partial rules.
type Stored = z.output<typeof RuleSettingsSchema>;
const asDomain = (s: Stored) => s as RuleSettings;

const codesOf = (path: string) => path.split('/').filter(Boolean);

/** Runs inside the transaction that changed the rules of the jurisdiction at `scopePath`. */
export type RulesChangedHook = (out: Outbox, scopePath: string) => Promise<void>;

export class RulesService {
  private readonly hooks: RulesChangedHook[] = [];

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly base: EffectiveRules = DEFAULT_RULES) {}

  /** What depends on the rules (the incidents' reporting clocks) follows a change in the same transaction. */
  onChanged(hook: RulesChangedHook): void {
    this.hooks.push(hook);
  }

  private async layers(db: Db | Tx, path: string) {
    const codes = codesOf(path);
    const rows = await db
      .selectFrom('rule_settings as r')
      .innerJoin('jurisdictions as j', 'j.code', 'r.jurisdiction_code')
      .select(['r.jurisdiction_code', 'r.settings', 'r.updated_at', 'r.updated_by', 'j.name'])
      .where('r.jurisdiction_code', 'in', codes)
      .execute();
    return rows
      .sort((a, b) => codes.indexOf(a.jurisdiction_code) - codes.indexOf(b.jurisdiction_code))
      .map((r) => ({ ...r, settings: JSON.parse(r.settings) as Stored }));
  }

  /** The rules in force for a record at `path` (its jurisdiction's materialised path). */
  async forPath(db: Db | Tx, path: string): Promise<EffectiveRules> {
    return effectiveRules((await this.layers(db, path)).map((l) => asDomain(l.settings)), this.base);
  }

  async view(p: Principal, code = p.jurisdictionCode) {
    const j = await JurisdictionService.inScope(this.db, p, code, 'jurisdiction');
    const layers = await this.layers(this.db, j.path);
    const own = layers.find((l) => l.jurisdiction_code === j.code);
    return {
      jurisdictionCode: j.code,
      own: own?.settings ?? {},
      inherited: layers.filter((l) => l !== own).map((l) => ({ jurisdictionCode: l.jurisdiction_code, name: l.name, settings: l.settings })),
      effective: effectiveRules(layers.map((l) => asDomain(l.settings)), this.base) as unknown as { reporting: Record<string, unknown>; grading: Record<string, unknown>; plans: Record<string, unknown> },
      notApplied: own ? overriddenSettings(layers.filter((l) => l !== own).map((l) => asDomain(l.settings)), asDomain(own.settings), this.base) : [],
      updatedAt: own?.updated_at ?? null,
      updatedBy: own?.updated_by ?? null,
    };
  }

  /** Replaces a jurisdiction's own settings ({} = back to what it inherits); recorded on the timeline. */
  async set(p: Principal, code: string, settings: z.output<typeof RuleSettingsSchema>) {
    const now = new Date().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await JurisdictionService.inScope(out.tx, p, code, 'jurisdiction');
      // Compared with the statute and the ancestors' own settings, not with its own earlier settings (relaxing
      // those is allowed) nor with national defaults that no statute fixes.
      const ancestors = (await this.layers(out.tx, j.path)).filter((l) => l.jurisdiction_code !== j.code).map((l) => asDomain(l.settings));
      const looser = overriddenSettings(ancestors, asDomain(settings), this.base);
      if (looser.length) throw invalid(looser, '本地规则只能比上级规定更严格');
      await out.tx.deleteFrom('rule_settings').where('jurisdiction_code', '=', j.code).execute();
      if (Object.keys(settings).length)
        await out.tx.insertInto('rule_settings').values({ jurisdiction_code: j.code, settings: JSON.stringify(settings), updated_at: now, updated_by: p.name }).execute();
      await out.append({
        incidentId: null, type: 'rules.updated', actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path,
        summary: `${p.name} 修改了${j.name}的本地规则（报告时限/定级口径）`, data: { settings },
      });
      for (const hook of this.hooks) await hook(out, j.path);
    });
    return this.view(p, code);
  }
}
