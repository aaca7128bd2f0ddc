import { isWithinScope } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { JurisdictionRow } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import type { BoundaryCollection } from '../../../contracts/jurisdictions';
import { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import type { Principal } from '../auth/principal';
import { applyBoundaries, parseBoundaries, type BoundaryImport } from './boundaries';
import { jurisdictionsRepository } from './jurisdictions.repository';

const dto = (r: JurisdictionRow & { has_children: number | boolean }) => ({
  code: r.code,
  name: r.name,
  level: r.level as 'county',
  parentCode: r.parent_code,
  lat: r.lat,
  lon: r.lon,
  hasChildren: Boolean(r.has_children),
});

export class JurisdictionService {
  constructor(
    private readonly db: Db,
    private readonly bus: Bus = new Bus(),
  ) {}

  /** Children of `parent` (default: the caller's own jurisdiction itself). Outside the caller's subtree: 404. */
  async list(p: Principal, parent?: string) {
    const repo = jurisdictionsRepository(this.db);
    if (!parent) return (await repo.withFlag(p.jurisdictionCode)).map(dto);
    const j = await repo.byCode(parent);
    if (!j || !isWithinScope(j.path, p.scopePath)) throw notFound('行政区划');
    return (await repo.children(parent)).map(dto);
  }

  /** Outlines of `code` (default: the caller's own) and its children, for the map. Outside the subtree: 404. */
  async boundaries(p: Principal, code = p.jurisdictionCode): Promise<BoundaryCollection> {
    const repo = jurisdictionsRepository(this.db);
    const j = await repo.byCode(code);
    if (!j || !isWithinScope(j.path, p.scopePath)) throw notFound('行政区划');
    const rows = await repo.boundaries(code);
    return {
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature' as const,
        properties: { code: r.code, name: r.name, level: r.level as 'county', own: r.code === code },
        geometry: JSON.parse(r.geometry) as BoundaryCollection['features'][number]['geometry'],
      })),
    };
  }

  /**
   * An admin's upload of outlines: only their own subtree changes, all or nothing, and the import is said
   * on their jurisdiction's timeline (who, how many, what was left out).
   */
  async importBoundaries(p: Principal, text: string, codeProperty?: string): Promise<BoundaryImport> {
    const parsed = parseBoundaries(text, codeProperty);
    return inTransaction(this.db, this.bus, async (out) => {
      const r = await applyBoundaries(out.tx, parsed, { now: new Date().toISOString(), scopePath: p.scopePath });
      if (r.matched === 0)
        throw invalid([{ path: 'file', message: `文件中没有本辖区的行政区划（未知代码 ${r.unknown.length} 个，辖区外 ${r.outOfScope.length} 个，无代码 ${r.withoutCode.length} 个）` }]);
      await out.append({
        incidentId: null, type: 'jurisdiction.boundaries_imported', actor: { id: p.userId, name: p.name },
        jurisdictionCode: p.jurisdictionCode, scopePath: p.scopePath,
        summary: `${p.name} 导入行政区划边界 ${r.matched} 个`,
        data: { matched: r.matched, unknown: r.unknown.length, outOfScope: r.outOfScope.length, withoutCode: r.withoutCode.length },
      });
      return r;
    });
  }

  /** A jurisdiction the caller may act in, or a field error naming `field`. */
  static async inScope(db: Db | Tx, p: Principal, code: string, field = 'jurisdictionCode'): Promise<JurisdictionRow> {
    const j = await jurisdictionsRepository(db).byCode(code);
    if (!j) throw invalid([{ path: field, message: `未知的行政区划代码：${code}` }]);
    if (!isWithinScope(j.path, p.scopePath))
      throw invalid([{ path: field, message: '该行政区划不在您的管辖范围内' }], '超出管辖范围');
    return j;
  }
}
