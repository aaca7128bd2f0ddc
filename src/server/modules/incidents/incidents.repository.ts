import { subtreeRange } from '../../../domain/shared/jurisdiction';
import { sql } from 'kysely';
import { isSqlite, type Db, type Tx } from '../../db';
import type { IncidentRow, ReportRow } from '../../db/schema';

export interface ListFilter {
  scopePath: string;
  category?: string;
  grade?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
  limit: number;
  after?: { occurredAt: string; id: string };
}


const withNames = (db: Db | Tx) =>
  db
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.code', 'i.jurisdiction_code')
    .leftJoin('organisations as o', 'o.id', 'i.reporting_org_id')
    .selectAll('i')
    .select(['j.name as jurisdiction_name', 'o.name as org_name']);

export type IncidentWithNames = IncidentRow & { jurisdiction_name: string; org_name: string | null };

export const incidentsRepository = (db: Db | Tx) => ({
  async get(id: string, scopePath: string): Promise<IncidentWithNames | undefined> {
    return withNames(db)
      .where('i.id', '=', id)
      .where('i.scope_path', '>=', subtreeRange(scopePath).from)
      .where('i.scope_path', '<', subtreeRange(scopePath).to)
      .executeTakeFirst();
  },

  async list(f: ListFilter): Promise<IncidentWithNames[]> {
    const range = subtreeRange(f.scopePath);
    let q = withNames(db).where('i.scope_path', '>=', range.from).where('i.scope_path', '<', range.to);
    if (f.category) q = q.where('i.category', '=', f.category);
    if (f.grade === 'none') q = q.where('i.grade', 'is', null);
    else if (f.grade) q = q.where('i.grade', '=', f.grade);
    if (f.status === 'open') q = q.where('i.status', '!=', 'closed');
    else if (f.status) q = q.where('i.status', '=', f.status);
    if (f.from) q = q.where('i.occurred_at', '>=', f.from);
    if (f.to) q = q.where('i.occurred_at', '<=', f.to);
    if (f.q) {
      // A literal substring, ignoring case as the web's live filter does: % _ \ typed by a person are
      // characters, not wildcards (SQLite's LIKE has no escape character unless told; PostgreSQL's LIKE
      // is case-sensitive, ILIKE is not).
      const pattern = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
      q = q.where(sql<boolean>`${sql.ref('i.title')} ${sql.raw(isSqlite(db) ? 'like' : 'ilike')} ${pattern} escape ${'\\'}`);
    }
    if (f.after) {
      const a = f.after;
      q = q.where((eb) =>
        eb.or([eb('i.occurred_at', '<', a.occurredAt), eb.and([eb('i.occurred_at', '=', a.occurredAt), eb('i.id', '<', a.id)])]),
      );
    }
    return q.orderBy('i.occurred_at', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute();
  },

  insert(row: IncidentRow) {
    return db.insertInto('incidents').values(row).execute();
  },

  /** Optimistic update: succeeds only if nobody changed the incident since `version` was read. */
  async update(id: string, version: number, changes: Partial<IncidentRow>): Promise<boolean> {
    const r = await db
      .updateTable('incidents')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  idempotency(userId: string, key: string) {
    return db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  },
  /** The key's primary key refused a second row: a concurrent submission with the same key got there first. */
  isDuplicateKey(e: unknown): boolean {
    const err = e as { code?: unknown; table?: unknown; message?: unknown };
    if (err?.code === '23505') return err.table === 'idempotency_keys'; // PostgreSQL unique_violation
    return typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT') && String(err.message).includes('idempotency_keys');
  },
  saveIdempotency(row: { user_id: string; key: string; incident_id: string; request_hash: string; created_at: string }) {
    return db.insertInto('idempotency_keys').values(row).execute();
  },

  event(id: string) {
    return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  },
  events(incidentId: string) {
    return db.selectFrom('events').selectAll().where('incident_id', '=', incidentId).orderBy('id', 'asc').execute();
  },

  reports(incidentId: string) {
    return db.selectFrom('reports').selectAll().where('incident_id', '=', incidentId).orderBy('filed_at', 'asc').execute();
  },
  insertReport(row: ReportRow) {
    return db.insertInto('reports').values(row).execute();
  },
  userName(id: string) {
    return db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  },

  /** Incidents whose earliest pending report is due by `now` (the scheduled check's work list). */
  dueBy(now: string, limit: number) {
    return db.selectFrom('incidents').selectAll().where('next_due_at', '<=', now).orderBy('next_due_at').limit(limit).execute();
  },
  /** Incidents below `scopePath` whose clocks still run: open ones, and closed ones still owing a report. */
  withClocks(scopePath: string) {
    const range = subtreeRange(scopePath);
    return db.selectFrom('incidents').selectAll().where('scope_path', '>=', range.from).where('scope_path', '<', range.to)
      .where((eb) => eb.or([eb('status', '!=', 'closed'), eb('next_due_at', 'is not', null)])).execute();
  },
  /** Active users of the organisations at exactly these jurisdictions, and the given user wherever they are. */
  activeUsers(scopePaths: string[], userId: string | null) {
    return db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.roles', 'o.scope_path']).where('u.disabled', '=', 0)
      .where((eb) => eb.or([eb('o.scope_path', 'in', scopePaths), ...(userId ? [eb('u.id', '=', userId)] : [])])).execute();
  },
  overdueNoticed(incidentId: string) {
    return db.selectFrom('report_overdue_notices').select('requirement_key').where('incident_id', '=', incidentId).execute();
  },
  noticeOverdue(row: { incident_id: string; requirement_key: string; noticed_at: string }) {
    return db.insertInto('report_overdue_notices').values(row).onConflict((oc) => oc.doNothing()).execute();
  },
});
