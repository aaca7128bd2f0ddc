// Frozen history. Boundaries of jurisdictions for the tile-free map, imported from a GeoJSON file the
// installation has (shouwang import-boundaries). Kept apart from `jurisdictions`, whose rows every scope
// check reads: a village boundary can be tens of kilobytes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jurisdiction_boundaries')
    .addColumn('code', 'text', (c) => c.primaryKey().references('jurisdictions.code'))
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
