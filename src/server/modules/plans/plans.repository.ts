import { ancestorPaths, subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { PlanRecordRow, PlanRow, PlanVersionRow } from '../../db/schema';

export type PlanWithNames = PlanRow & { jurisdiction_name: string; org_name: string | null };

const withNames = (db: Db | Tx) =>
  db
    .selectFrom('plans as p')
    .innerJoin('jurisdictions as j', 'j.code', 'p.jurisdiction_code')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .selectAll('p')
    .select(['j.name as jurisdiction_name', 'o.name as org_name']);

/**
 * A user sees the plans of their own subtree and those of the jurisdictions above them (a township
 * works under its county's plans), never a sibling's.
 */
export const plansRepository = (db: Db | Tx) => ({
  visible(scopePath: string): Promise<PlanWithNames[]> {
    const r = subtreeRange(scopePath);
    return withNames(db)
      .where((eb) => eb.or([eb.and([eb('p.scope_path', '>=', r.from), eb('p.scope_path', '<', r.to)]), eb('p.scope_path', 'in', ancestorPaths(scopePath))]))
      .orderBy('p.scope_path')
      .orderBy('p.title')
      .execute();
  },
  async get(id: string, scopePath: string): Promise<PlanWithNames | undefined> {
    const r = subtreeRange(scopePath);
    return withNames(db)
      .where('p.id', '=', id)
      .where((eb) => eb.or([eb.and([eb('p.scope_path', '>=', r.from), eb('p.scope_path', '<', r.to)]), eb('p.scope_path', 'in', ancestorPaths(scopePath))]))
      .executeTakeFirst();
  },
  /** Plans that may apply to a record at `path`: owned by its jurisdiction or one above it. */
  applicableTo(path: string): Promise<PlanWithNames[]> {
    return withNames(db).where('p.scope_path', 'in', ancestorPaths(path)).where('p.current_version_id', 'is not', null).execute();
  },
  insert(row: PlanRow) {
    return db.insertInto('plans').values(row).execute();
  },
  async update(id: string, version: number, changes: Partial<PlanRow>): Promise<boolean> {
    const r = await db.updateTable('plans').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  versions(planId: string): Promise<PlanVersionRow[]> {
    return db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).orderBy('no', 'desc').execute();
  },
  version(id: string): Promise<PlanVersionRow | undefined> {
    return db.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  versionsById(ids: string[]): Promise<PlanVersionRow[]> {
    return ids.length ? db.selectFrom('plan_versions').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
  },
  insertVersion(row: PlanVersionRow) {
    return db.insertInto('plan_versions').values(row).execute();
  },
  records(planIds: string[]): Promise<PlanRecordRow[]> {
    return planIds.length ? db.selectFrom('plan_records').selectAll().where('plan_id', 'in', planIds).orderBy('on_date', 'desc').execute() : Promise.resolve([]);
  },
  insertRecord(row: PlanRecordRow) {
    return db.insertInto('plan_records').values(row).execute();
  },
  /** Organisations with their contact and how many active users they have (for the gap check). */
  organisationReach(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('organisations as o')
      .leftJoin('users as u', (j) => j.onRef('u.organisation_id', '=', 'o.id').on('u.disabled', '=', 0))
      .select(['o.id', 'o.name', 'o.contact_phone'])
      .select((eb) => eb.fn.count<number>('u.id').as('users'))
      .where('o.id', 'in', ids)
      .groupBy(['o.id', 'o.name', 'o.contact_phone'])
      .execute();
  },
  activeUsers(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('users').select('id').where('id', 'in', ids).where('disabled', '=', 0).execute();
  },
});
