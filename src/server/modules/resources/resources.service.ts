// The resource registers: the item catalogue (shared by every jurisdiction), and depots, teams, experts, equipment
// and shelters, each in a jurisdiction and seen only within the caller's subtree. Every registration is on the
// timeline of its jurisdiction.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { DepotCreate, EquipmentCreate, ExpertCreate, ItemCreate, ShelterCreate, TeamCreate } from '../../../contracts/resources';
import type { ResourceNeed } from '../../../domain/plans/model';
import { ITEM_CATEGORIES, TEAM_KINDS, type ItemCategory } from '../../../domain/resources/model';
import { matchNeed } from '../../../domain/resources/requests';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { Database } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction, type Outbox } from '../../events/outbox';
import { conflict, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';

type ScopedTable = 'depots' | 'teams' | 'experts' | 'equipment' | 'shelters';
const LABEL: Record<ScopedTable, string> = { depots: '仓库', teams: '救援队伍', experts: '专家', equipment: '装备', shelters: '避难场所' };
const loc = (r: { lat: number | null; lon: number | null }) => (r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon });
const at = (l: { lat: number; lon: number } | null) => ({ lat: l?.lat ?? null, lon: l?.lon ?? null });

export class ResourceService {
  private readonly hooks: (() => void)[] = [];

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly clock: () => Date = () => new Date()) {}

  /** Called after a register changed on this node (the nearest index reloads). */
  onChange(hook: () => void) {
    this.hooks.push(hook);
  }

  /** A register changed here (one entry, or an import). */
  changed() {
    for (const h of this.hooks) h();
  }

  // ── items ──
  async items() {
    const rows = await this.db.selectFrom('items').selectAll().orderBy('category').orderBy('code').execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, category: r.category as ItemCategory, categoryLabel: ITEM_CATEGORIES[r.category as ItemCategory]?.zh ?? r.category, unit: r.unit, spec: r.spec, createdAt: r.created_at }));
  }

  async createItem(_p: Principal, input: z.output<typeof ItemCreate>) {
    const id = uuidv7();
    await inTransaction(this.db, this.bus, async (out) => {
      if (await out.tx.selectFrom('items').select('id').where('code', '=', input.code).executeTakeFirst()) throw conflict('物资编码已存在', [{ path: 'code', message: '编码重复' }]);
      await out.tx.insertInto('items').values({ id, ...input, created_at: this.clock().toISOString() }).execute();
    });
    return (await this.items()).find((x) => x.id === id)!;
  }

  // ── scoped registers ──
  private async scoped<T extends ScopedTable>(p: Principal, table: T) {
    const r = subtreeRange(p.scopePath);
    // Typed as depots: every register has the same name, jurisdiction and scope columns this query reads.
    return this.db.selectFrom(`${table} as x` as 'depots as x').innerJoin('jurisdictions as j', 'j.code', 'x.jurisdiction_code')
      .selectAll('x').select('j.name as j_name').where('x.scope_path', '>=', r.from).where('x.scope_path', '<', r.to)
      .orderBy('x.scope_path').orderBy('x.name').limit(5000).execute() as unknown as Promise<(Database[T] & { j_name: string })[]>;
  }

  /** Inserts a row in the caller's scope with its timeline event; `check` validates references inside the transaction. */
  private async register<T extends ScopedTable>(p: Principal, table: T, jurisdictionCode: string, name: string, row: (j: { code: string; path: string }) => Omit<Database[T], 'id' | 'created_at'>, check?: (tx: Tx) => Promise<void>) {
    const id = uuidv7();
    await inTransaction(this.db, this.bus, async (out: Outbox) => {
      const j = await JurisdictionService.inScope(out.tx, p, jurisdictionCode);
      await check?.(out.tx);
      await out.tx.insertInto(table).values({ id, ...row(j), created_at: this.clock().toISOString() } as never).execute();
      await out.append({ incidentId: null, type: `resource.${table}.created`, actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path,
        summary: `${p.name} 登记${LABEL[table]}：${name}`, data: { id } });
    });
    this.changed();
    return id;
  }

  private async inScopeRef(tx: Tx, p: Principal, table: 'depots' | 'teams' | 'organisations', id: string | null, path: string) {
    if (!id) return;
    const r = await tx.selectFrom(table).select('scope_path').where('id', '=', id).executeTakeFirst();
    if (!r || !isWithinScope(r.scope_path, p.scopePath)) throw invalid([{ path, message: '不存在或不在管辖范围内' }]);
  }

  async depots(p: Principal) {
    return (await this.scoped(p, 'depots')).map((r) => ({
      id: r.id, name: r.name, address: r.address, location: loc(r), jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name,
      organisationId: r.organisation_id, contactName: r.contact_name, contactPhone: r.contact_phone, createdAt: r.created_at,
    }));
  }

  async createDepot(p: Principal, v: z.output<typeof DepotCreate>) {
    const id = await this.register(p, 'depots', v.jurisdictionCode, v.name, (j) => ({
      name: v.name, address: v.address, ...at(v.location), jurisdiction_code: j.code, scope_path: j.path, organisation_id: v.organisationId,
      contact_name: v.contactName, contact_phone: v.contactPhone,
    }), (tx) => this.inScopeRef(tx, p, 'organisations', v.organisationId, 'organisationId'));
    return this.one(await this.depots(p), id);
  }

  async teams(p: Principal) {
    return (await this.scoped(p, 'teams')).map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'professional', headcount: r.headcount, skills: JSON.parse(r.skills) as string[], equipment: r.equipment,
      status: r.status as 'standby', location: loc(r), contactName: r.contact_name, contactPhone: r.contact_phone, jurisdictionCode: r.jurisdiction_code,
      jurisdictionName: r.j_name, organisationId: r.organisation_id, createdAt: r.created_at,
    }));
  }

  async createTeam(p: Principal, v: z.output<typeof TeamCreate>) {
    const id = await this.register(p, 'teams', v.jurisdictionCode, v.name, (j) => ({
      name: v.name, kind: v.kind, headcount: v.headcount, skills: JSON.stringify(v.skills), equipment: v.equipment, status: v.status, ...at(v.location),
      contact_name: v.contactName, contact_phone: v.contactPhone, jurisdiction_code: j.code, scope_path: j.path, organisation_id: v.organisationId,
    }), (tx) => this.inScopeRef(tx, p, 'organisations', v.organisationId, 'organisationId'));
    return this.one(await this.teams(p), id);
  }

  async experts(p: Principal) {
    return (await this.scoped(p, 'experts')).map((r) => ({
      id: r.id, name: r.name, field: r.field, title: r.title, employer: r.employer, phone: r.phone, jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, createdAt: r.created_at,
    }));
  }

  async createExpert(p: Principal, v: z.output<typeof ExpertCreate>) {
    const id = await this.register(p, 'experts', v.jurisdictionCode, v.name, (j) => ({
      name: v.name, field: v.field, title: v.title, employer: v.employer, phone: v.phone, jurisdiction_code: j.code, scope_path: j.path,
    }));
    return this.one(await this.experts(p), id);
  }

  async equipment(p: Principal) {
    return (await this.scoped(p, 'equipment')).map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'vehicle', model: r.model, plate: r.plate, status: r.status as 'available', depotId: r.depot_id, teamId: r.team_id,
      location: loc(r), jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, createdAt: r.created_at,
    }));
  }

  async createEquipment(p: Principal, v: z.output<typeof EquipmentCreate>) {
    const id = await this.register(p, 'equipment', v.jurisdictionCode, v.name, (j) => ({
      name: v.name, kind: v.kind, model: v.model, plate: v.plate, status: v.status, depot_id: v.depotId, team_id: v.teamId, ...at(v.location),
      jurisdiction_code: j.code, scope_path: j.path,
    }), async (tx) => {
      await this.inScopeRef(tx, p, 'depots', v.depotId, 'depotId');
      await this.inScopeRef(tx, p, 'teams', v.teamId, 'teamId');
    });
    return this.one(await this.equipment(p), id);
  }

  async shelters(p: Principal) {
    return (await this.scoped(p, 'shelters')).map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'fixed', capacity: r.capacity, occupancy: r.occupancy, areaM2: r.area_m2, facilities: JSON.parse(r.facilities) as string[],
      address: r.address, status: r.status as 'open', location: loc(r), jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, createdAt: r.created_at,
    }));
  }

  async createShelter(p: Principal, v: z.output<typeof ShelterCreate>) {
    const id = await this.register(p, 'shelters', v.jurisdictionCode, v.name, (j) => ({
      name: v.name, kind: v.kind, capacity: v.capacity, occupancy: v.occupancy, area_m2: v.areaM2, facilities: JSON.stringify(v.facilities), address: v.address,
      ...at(v.location), status: v.status, jurisdiction_code: j.code, scope_path: j.path,
    }));
    return this.one(await this.shelters(p), id);
  }

  /**
   * 资源缺口: each need of a plan level against what the plan's area holds — an item's stock in its depots, a team
   * kind's teams on standby. A need that names nothing in the catalogue is all gap, said so.
   */
  async gaps(scopePath: string, needs: readonly ResourceNeed[]) {
    const r = subtreeRange(scopePath);
    const items = await this.db.selectFrom('items').select(['id', 'code', 'name']).execute();
    const out = [];
    for (const need of needs) {
      const { item, teamKind } = matchNeed(need, items);
      let held: number | null = null;
      if (item)
        held = Number((await this.db.selectFrom('stock').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('n'))
          .where('item_id', '=', item.id).where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirstOrThrow()).n);
      if (teamKind)
        held = Number((await this.db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', teamKind).where('status', '=', 'standby').where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirstOrThrow()).n);
      out.push({
        kind: need.kind, type: need.type, unit: need.unit, required: need.quantity, held, gap: Math.max(0, need.quantity - (held ?? 0)),
        matched: item ? { itemId: item.id, name: item.name } : teamKind ? { teamKind, name: TEAM_KINDS[teamKind].zh } : null,
        note: held === null ? '未对应资源目录，无法核对' : null,
      });
    }
    return out;
  }

  private one<T extends { id: string }>(rows: T[], id: string): T {
    const r = rows.find((x) => x.id === id);
    if (!r) throw notFound();
    return r;
  }
}
