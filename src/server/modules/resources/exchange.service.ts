// Excel in and out for the resource registers. An import is checked whole — every cell by its column, then every
// row against the database (jurisdiction in the caller's area, depot and item known, code not taken) — and written
// in ONE transaction: all rows or none, unless the person chose to import the valid rows and have the rest listed.
// Stock rows become 入库 movements on the ledger ("库存导入"), so stock still changes only through it.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db } from '../../db';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { AppError } from '../../errors';
import type { Principal } from '../auth/principal';
import type { ResourceService } from './resources.service';
import { addStock, type StockLine, type StockService } from './stock.service';
import { SHEETS, type SheetKind } from './sheets';
import { columnLetter, exportRows, parseSheet, template, type CellError, type ParsedRow } from './xlsx';

type Row = Record<string, string | number | boolean | null>;
/** read: unpacking and parsing the sheet; check: every row against the database; write: the transaction. */
export type ImportPhase = 'read' | 'check' | 'write';
type ImportProgress = (phase: ImportPhase, fraction: number) => void;
/** Each phase's share of the bar, from measuring 50 000 rows: reading dominates. */
const PHASE_SPAN: Record<ImportPhase, [number, number]> = { read: [0, 60], check: [60, 70], write: [70, 100] };
const PROGRESS_EVERY_MS = 200;
const CHUNK = 500;
const list = (s: unknown) => (typeof s === 'string' ? s.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean) : []);

export class ExchangeService {
  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly resources: ResourceService,
    private readonly stock: StockService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  template(kind: SheetKind) {
    const s = SHEETS[kind];
    return template(s.columns, { title: s.title, notes: ['带 * 的列必须填写；一行一条记录。', '导入时逐格检查：有任何错误时不导入任何数据（也可选择只导入无误的行）。'] });
  }

  async export(p: Principal, kind: SheetKind) {
    const s = SHEETS[kind];
    return exportRows(s.columns, await this.rowsFor(p, kind), { title: s.title });
  }

  private async rowsFor(p: Principal, kind: SheetKind): Promise<Record<string, unknown>[]> {
    const at = (l: { lat: number; lon: number } | null) => ({ lat: l?.lat ?? null, lon: l?.lon ?? null });
    switch (kind) {
      case 'items': return (await this.resources.items()).map((x) => ({ ...x }));
      case 'depots': return (await this.resources.depots(p)).map((x) => ({ ...x, ...at(x.location) }));
      case 'teams': return (await this.resources.teams(p)).map((x) => ({ ...x, skills: x.skills.join('、'), ...at(x.location) }));
      case 'experts': return (await this.resources.experts(p)).map((x) => ({ ...x }));
      case 'equipment': return (await this.resources.equipment(p)).map((x) => ({ ...x, ...at(x.location) }));
      case 'shelters': return (await this.resources.shelters(p)).map((x) => ({ ...x, facilities: x.facilities.join('、'), ...at(x.location) }));
      case 'stock': return (await this.stock.list(p, {})).map((x) => ({ depot: x.depotName, itemCode: x.itemCode, batch: x.batch, expiresOn: x.expiresOn, quantity: x.quantity }));
    }
  }

  /**
   * The caller's live stream gets `progress` events for `progressId` (a new phase at once, otherwise at most every
   * 200 ms), so a person importing 50 000 rows sees where it is.
   */
  private reporter(p: Principal, id: string): ImportProgress {
    let last = { phase: '', at: 0, percent: -1 };
    return (phase, fraction) => {
      const [from, to] = PHASE_SPAN[phase];
      const percent = Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction)));
      const now = performance.now();
      if (phase === last.phase && (percent === last.percent || (now - last.at < PROGRESS_EVERY_MS && percent < 100))) return;
      last = { phase, at: now, percent };
      this.bus.publish({ name: 'progress', scopePath: p.scopePath, userIds: [p.userId], payload: { id, phase, percent } });
    };
  }

  /** `onlyValid`: import the rows without errors and list the others; otherwise nothing while any row is wrong. */
  async import(p: Principal, kind: SheetKind, bytes: Buffer, opts: { onlyValid: boolean; progressId?: string }) {
    const { onlyValid } = opts;
    const progress: ImportProgress = opts.progressId ? this.reporter(p, opts.progressId) : () => {};
    const spec = SHEETS[kind].columns;
    const parsed = await parseSheet(bytes, spec, { onProgress: (f) => progress('read', f) });
    progress('check', 0);
    const errors: CellError[] = [...parsed.errors];
    const bad = new Set(parsed.invalidRows);
    const col = (key: string) => {
      const i = spec.findIndex((c) => c.key === key);
      return { column: columnLetter(i + 1), header: spec[i]!.header };
    };
    const fail = (row: number, key: string, what: string) => {
      const c = col(key);
      errors.push({ row, ...c, message: `第 ${row} 行 ${c.column} 列（${c.header}）：${what}` });
      bad.add(row);
    };

    // Against the database and the file itself.
    const range = subtreeRange(p.scopePath);
    const rows = parsed.rows as ParsedRow[];
    const areas = kind !== 'items' && kind !== 'stock'
      ? new Map((await this.db.selectFrom('jurisdictions').select(['code', 'path']).where('path', '>=', range.from).where('path', '<', range.to).execute()).map((j) => [j.code, j.path]))
      : new Map<string, string>();
    const depots = kind === 'stock' ? new Map((await this.resources.depots(p)).map((d) => [d.name, d])) : new Map();
    const items = kind === 'stock' || kind === 'items' ? new Map((await this.resources.items()).map((i) => [i.code, i])) : new Map();
    const seen = new Set<string>();
    for (const [i, r] of rows.entries()) {
      if (i % 5000 === 0) progress('check', i / rows.length);
      const v = r.values as Row;
      if ('jurisdictionCode' in v && !areas.has(String(v.jurisdictionCode))) fail(r.rowNumber, 'jurisdictionCode', `行政区划“${String(v.jurisdictionCode)}”不存在或不在管辖范围内`);
      if (kind === 'items') {
        if (items.has(String(v.code))) fail(r.rowNumber, 'code', `物资编码“${String(v.code)}”已登记`);
        else if (seen.has(String(v.code))) fail(r.rowNumber, 'code', `物资编码“${String(v.code)}”在表中重复`);
        seen.add(String(v.code));
      }
      if (kind === 'stock') {
        if (!depots.has(String(v.depot))) fail(r.rowNumber, 'depot', `未找到仓库“${String(v.depot)}”（须已登记且在管辖范围内）`);
        if (!items.has(String(v.itemCode))) fail(r.rowNumber, 'itemCode', `物资目录中没有编码“${String(v.itemCode)}”`);
      }
      if (kind === 'shelters' && Number(v.occupancy ?? 0) > Number(v.capacity)) fail(r.rowNumber, 'occupancy', '现有人数不能超过容纳人数');
    }
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const invalidRows = [...bad].sort((a, b) => a - b);
    const good = rows.filter((r) => !bad.has(r.rowNumber));
    const report = { rowCount: parsed.rowCount, errors: errors.slice(0, 1000), errorCount: errors.length - parsed.errors.length + parsed.errorCount, invalidRows };
    if ((errors.length && !onlyValid) || (!good.length && errors.length)) {
      throw new AppError('invalid', 'invalid_rows', `表格中有 ${report.errorCount} 处错误，未导入任何数据`,
        report.errors.map((e) => ({ path: e.row && e.column ? `${e.column}${e.row}` : '', message: e.message })));
    }

    const at = this.clock().toISOString();
    progress('write', 0);
    await inTransaction(this.db, this.bus, async (out) => {
      // SQLite's statements resolve without a turn of the event loop: each step gives the progress events a chance to leave.
      const written = async (fraction: number) => {
        progress('write', fraction);
        await nextTurn();
      };
      // share: this table's part of the write phase (stock also updates its lines afterwards).
      const write = async (table: 'items' | 'depots' | 'teams' | 'experts' | 'equipment' | 'shelters' | 'stock_movements', values: Record<string, unknown>[], share = 1) => {
        for (let i = 0; i < values.length; i += CHUNK) {
          await out.tx.insertInto(table).values(values.slice(i, i + CHUNK) as never).execute();
          await written((share * Math.min(values.length, i + CHUNK)) / values.length);
        }
      };
      const place = (v: Row) => ({ jurisdiction_code: String(v.jurisdictionCode), scope_path: areas.get(String(v.jurisdictionCode))! });
      const base = (v: Row) => ({ id: uuidv7(), created_at: at, name: String(v.name) });
      const s = (x: unknown) => (x === null || x === undefined ? '' : String(x));
      const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
      const vals = good.map((r) => r.values as Row);
      switch (kind) {
        case 'items': await write('items', vals.map((v) => ({ ...base(v), code: s(v.code), category: s(v.category), unit: s(v.unit), spec: s(v.spec) }))); break;
        case 'depots': await write('depots', vals.map((v) => ({ ...base(v), ...place(v), address: s(v.address), lat: n(v.lat), lon: n(v.lon), organisation_id: null, contact_name: s(v.contactName), contact_phone: s(v.contactPhone) }))); break;
        case 'teams': await write('teams', vals.map((v) => ({ ...base(v), ...place(v), kind: s(v.kind), headcount: Number(v.headcount), skills: JSON.stringify(list(v.skills)), equipment: s(v.equipment),
          status: s(v.status) || 'standby', lat: n(v.lat), lon: n(v.lon), contact_name: s(v.contactName), contact_phone: s(v.contactPhone), organisation_id: null }))); break;
        case 'experts': await write('experts', vals.map((v) => ({ ...base(v), ...place(v), field: s(v.field), title: s(v.title), employer: s(v.employer), phone: s(v.phone) }))); break;
        case 'equipment': await write('equipment', vals.map((v) => ({ ...base(v), ...place(v), kind: s(v.kind), model: s(v.model), plate: s(v.plate), status: s(v.status) || 'available',
          depot_id: null, team_id: null, lat: n(v.lat), lon: n(v.lon) }))); break;
        case 'shelters': await write('shelters', vals.map((v) => ({ ...base(v), ...place(v), kind: s(v.kind), capacity: Number(v.capacity), occupancy: Number(v.occupancy ?? 0), area_m2: n(v.areaM2),
          facilities: JSON.stringify(list(v.facilities)), address: s(v.address), status: s(v.status) || 'open', lat: n(v.lat), lon: n(v.lon) }))); break;
        case 'stock': {
          // Each row is an 入库 on the ledger; the stock lines take the sums.
          const movements = vals.map((v) => {
            const depot = depots.get(String(v.depot))!;
            return { id: uuidv7(), kind: 'in', item_id: items.get(String(v.itemCode))!.id, batch: s(v.batch).trim(), from_depot_id: null, to_depot_id: depot.id, quantity: Number(v.quantity),
              reason: '库存导入', incident_id: null, actor_id: p.userId, actor_name: p.name, at, scope_path: '', expires: s(v.expiresOn) || null };
          });
          const depotPaths = new Map((await out.tx.selectFrom('depots').select(['id', 'scope_path']).where('id', 'in', [...new Set(movements.map((m) => m.to_depot_id))]).execute()).map((d) => [d.id, d.scope_path]));
          for (const m of movements) m.scope_path = depotPaths.get(m.to_depot_id)!;
          await write('stock_movements', movements.map(({ expires: _e, ...m }) => m), 0.5);
          const lines = new Map<string, StockLine>();
          for (const m of movements) {
            const key = `${m.to_depot_id}|${m.item_id}|${m.batch}`;
            const l = lines.get(key) ?? { depotId: m.to_depot_id, itemId: m.item_id, batch: m.batch, quantity: 0, expiresOn: null, scopePath: m.scope_path };
            l.quantity += m.quantity;
            l.expiresOn = m.expires ?? l.expiresOn;
            lines.set(key, l);
          }
          await addStock(out.tx, [...lines.values()], at, (done) => written(0.5 + (0.5 * done) / lines.size));
          break;
        }
      }
      const home = await out.tx.selectFrom('jurisdictions').select(['code', 'path']).where('path', '=', p.scopePath).executeTakeFirstOrThrow();
      await out.append({ incidentId: null, type: `resource.${kind}.imported`, actor: { id: p.userId, name: p.name }, jurisdictionCode: home.code, scopePath: home.path,
        summary: `${p.name} 从表格导入${SHEETS[kind].title} ${good.length} 条${invalidRows.length ? `（${invalidRows.length} 行有误未导入）` : ''}`, data: { kind, imported: good.length, skipped: invalidRows.length } });
    });
    this.resources.changed();
    progress('write', 1);
    return { imported: good.length, ...report };
  }
}
