import { sql } from 'kysely';
import type { Db, Tx } from '../../db';
import type { JurisdictionRow } from '../../db/schema';

/** Jurisdictions with `has_children`, so a tree UI knows which nodes can be opened. */
const withChildFlag = (db: Db | Tx) =>
  db
    .selectFrom('jurisdictions as j')
    .selectAll('j')
    .select(sql<number>`exists(select 1 from jurisdictions c where c.parent_code = j.code)`.as('has_children'));

export const jurisdictionsRepository = (db: Db | Tx) => ({
  byCode(code: string): Promise<JurisdictionRow | undefined> {
    return db.selectFrom('jurisdictions').selectAll().where('code', '=', code).executeTakeFirst();
  },
  children(parentCode: string) {
    return withChildFlag(db).where('j.parent_code', '=', parentCode).orderBy('j.code').execute();
  },
  withFlag(code: string) {
    return withChildFlag(db).where('j.code', '=', code).execute();
  },
  /** The stored outlines of `code` and of its children. */
  boundaries(code: string) {
    return db
      .selectFrom('jurisdiction_boundaries as b')
      .innerJoin('jurisdictions as j', 'j.code', 'b.code')
      .select(['j.code', 'j.name', 'j.level', 'b.geometry'])
      .where((eb) => eb.or([eb('j.code', '=', code), eb('j.parent_code', '=', code)]))
      .orderBy('j.code')
      .execute();
  },
  /** Inserts or renames jurisdictions in batches (the national tree has ~700 000 entries). */
  async upsertMany(rows: JurisdictionRow[]) {
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('jurisdictions')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute();
    }
  },
});
