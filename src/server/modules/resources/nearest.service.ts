// Nearest teams, depots, shelters and equipment to a point, from an in-memory index fed by the registers. The index
// is rebuilt from the database when this node registered something, and at most a minute after another node did
// (a register changes by the few a day; a query must take well under a millisecond).
import type { GeoPoint } from '../../../domain/resources/travel';
import type { Db } from '../../db';
import type { Principal } from '../auth/principal';
import { NearestIndex, type LocatedResource, type ResourceKind } from './nearest-index';

const FRESH_MS = 60_000;

export class NearestService {
  private index: NearestIndex | null = null;
  private loadedAt = 0;
  private loading: Promise<NearestIndex> | null = null;

  constructor(private readonly db: Db, private readonly clock: () => Date = () => new Date()) {}

  /** This node changed a register: the next query reloads. */
  changed() {
    this.index = null;
  }

  private async load(): Promise<NearestIndex> {
    const located = <T extends { id: string; lat: number | null; lon: number | null; scope_path: string }>(kind: ResourceKind, rows: T[]): LocatedResource[] =>
      rows.filter((r) => r.lat !== null && r.lon !== null).map((r) => ({ id: r.id, kind, lat: r.lat!, lon: r.lon!, scopePath: r.scope_path }));
    const cols = ['id', 'lat', 'lon', 'scope_path'] as const;
    const [depots, teams, shelters, equipment] = await Promise.all([
      this.db.selectFrom('depots').select(cols).execute(),
      this.db.selectFrom('teams').select(cols).execute(),
      this.db.selectFrom('shelters').select(cols).execute(),
      this.db.selectFrom('equipment').select(cols).execute(),
    ]);
    return new NearestIndex([...located('depot', depots), ...located('team', teams), ...located('shelter', shelters), ...located('equipment', equipment)]);
  }

  private async current() {
    const now = this.clock().getTime();
    if (!this.index || now - this.loadedAt > FRESH_MS) {
      this.loading ??= this.load().finally(() => (this.loading = null));
      this.index = await this.loading;
      this.loadedAt = now;
    }
    return this.index;
  }

  /** The nearest resources in the caller's area, with their names and road distance and time. */
  async nearest(p: Principal, point: GeoPoint, q: { kind?: ResourceKind; limit: number }) {
    const hits = (await this.current()).nearest(point, { kind: q.kind, limit: q.limit, scopePath: p.scopePath });
    const ids = (kind: ResourceKind) => hits.filter((h) => h.kind === kind).map((h) => h.id);
    const names = new Map<string, string>();
    for (const [kind, table] of [['depot', 'depots'], ['team', 'teams'], ['shelter', 'shelters'], ['equipment', 'equipment']] as const) {
      const wanted = ids(kind);
      if (wanted.length) for (const r of await this.db.selectFrom(table).select(['id', 'name']).where('id', 'in', wanted).execute()) names.set(r.id, r.name);
    }
    return hits.filter((h) => names.has(h.id)).map((h) => ({ ...h, name: names.get(h.id)!, km: Math.round(h.km * 100) / 100, minutes: Math.round(h.minutes * 10) / 10 }));
  }
}
