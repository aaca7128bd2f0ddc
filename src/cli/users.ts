// create-user and create-token: the operator's way in before anybody can log in.
import { v7 as uuidv7 } from 'uuid';
import { isRole, ROLES, type Role } from '../domain/access/permissions';
import { levelOfCode, ROOT_JURISDICTION_CODE } from '../domain/shared/jurisdiction';
import type { Config } from '../server/config';
import type { Db } from '../server/db';
import { AuthService } from '../server/modules/auth/auth.service';
import { hashPassword } from '../server/modules/auth/passwords';
import { importDivisions } from '../server/modules/jurisdictions/import-divisions';

type Args = { username?: string; password?: string; role?: string[]; jurisdiction?: string; org?: string; name?: string };

/**
 * The package's own code of a division (省 2, 市 4, 县 6, 乡镇 9, 村 12 digits): every division below it
 * starts with it, so importDivisions keeps exactly its ancestors and its whole subtree. (Passing the
 * padded code, 511800 for 雅安市, matched only the ancestors: its counties start with 5118, not 511800.)
 */
const BRANCH_DIGITS = { province: 2, city: 4, county: 6, township: 9, village: 12 } as const;

/**
 * Finds a jurisdiction, importing its branch of the national tree on first use. With `subtree` the
 * branch is imported even when the division is already there: a city first imported only as the
 * ancestor of one county would otherwise lack its other counties. 全国 imports only itself (the whole
 * country is `shouwang import-divisions`).
 */
export async function ensureJurisdiction(db: Db, code: string, opts: { subtree?: boolean } = {}) {
  const find = () => db.selectFrom('jurisdictions').selectAll().where('code', '=', code).executeTakeFirst();
  let j = await find();
  if (!j || opts.subtree) {
    const level = levelOfCode(code);
    if (level && level !== 'country') await importDivisions(db, { county: code.slice(0, BRANCH_DIGITS[level]) });
    else if (!j && code === ROOT_JURISDICTION_CODE) await importDivisions(db, { county: '000000' });
    j = await find();
  }
  return j;
}

export async function ensureOrganisation(db: Db, jurisdiction: { code: string; path: string; name: string }, name: string, kind = 'government') {
  const existing = await db.selectFrom('organisations').selectAll().where('jurisdiction_code', '=', jurisdiction.code).where('name', '=', name).executeTakeFirst();
  if (existing) return existing;
  const row = { id: uuidv7(), name, kind, jurisdiction_code: jurisdiction.code, scope_path: jurisdiction.path, contact_phone: '', created_at: new Date().toISOString() };
  await db.insertInto('organisations').values(row).execute();
  return row;
}

export async function createUserCommand(db: Db, a: Args): Promise<number> {
  const problems: string[] = [];
  const roles = (a.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (!a.username || !/^[A-Za-z0-9_.-]{3,64}$/.test(a.username)) problems.push('--username 为 3–64 位字母、数字、点、下划线或连字符');
  if (!a.password || a.password.length < 10) problems.push('--password 至少 10 位');
  if (!roles.length || !roles.every(isRole)) problems.push(`--role 须为 ${ROLES.join(' / ')} 之一（可逗号分隔多个）`);
  if (!a.jurisdiction || !levelOfCode(a.jurisdiction)) problems.push('--jurisdiction 须为行政区划代码，如 511826');
  if (problems.length) {
    console.error(`无法创建用户 / cannot create user:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 2;
  }
  // The user's scope is the whole subtree, so all of it must exist (upserts: re-running is harmless).
  const j = await ensureJurisdiction(db, a.jurisdiction!, { subtree: true });
  if (!j) {
    console.error(`未知的行政区划代码 / unknown jurisdiction: ${a.jurisdiction}`);
    return 2;
  }
  if (await db.selectFrom('users').select('id').where('username', '=', a.username!).executeTakeFirst()) {
    console.error(`用户名已存在 / username taken: ${a.username}`);
    return 2;
  }
  const org = await ensureOrganisation(db, j, a.org ?? `${j.name}应急管理部门`);
  await db.insertInto('users').values({
    id: uuidv7(), username: a.username!, display_name: a.name ?? a.username!, password_hash: await hashPassword(a.password!),
    roles: JSON.stringify(roles as Role[]), organisation_id: org.id, phone: '', disabled: 0, created_at: new Date().toISOString(),
  }).execute();
  console.log(`已创建用户 / created user ${a.username} (${roles.join(',')}) @ ${j.name} ${j.code}, ${org.name}`);
  return 0;
}

export async function createTokenCommand(db: Db, config: Config, a: Args): Promise<number> {
  const u = a.username ? await db.selectFrom('users').select(['id', 'disabled']).where('username', '=', a.username).executeTakeFirst() : undefined;
  if (!u || u.disabled) {
    console.error(`用户不存在或已停用 / no such active user: ${a.username ?? '(missing --username)'}`);
    return 2;
  }
  const token = await new AuthService(db, config.sessionHours).createApiToken(u.id, `cli ${new Date().toISOString()}`);
  console.log(`API 令牌（请妥善保存，只显示一次）/ API token (shown once):`);
  console.log(token);
  return 0;
}
