// English for timeline summaries. The services write each event's summary in Chinese when it happens (that is what is
// stored, and what zh-CN users see); a caller who asked for English gets it through this catalogue on the way out
// (GET …/events, the live stream). Summaries are matched, in order, against PATTERNS, whose capture groups carry the
// embedded values: names, titles and places stay as they are; labels (grades, statuses, report kinds, warning levels,
// registers) are said in English from the domain tables. A summary the catalogue does not know stays Chinese.
// summaries-en.test.ts scans the services for every summary they write and requires English for each.
import { ARTICLE_493_GRADES, ARTICLE_MANUAL_GRADES, ARTICLE_UNGRADED } from '../../domain/incidents/grading';
import { REPORT_KIND_LABELS, STATUS_LABELS } from '../../domain/incidents/lifecycle';
import { GRADE_LABELS } from '../../domain/incidents/types';
import { WARNING_LEVEL_LABELS } from '../../domain/plans/model';
import { MOVEMENT_KINDS } from '../../domain/resources/ledger';
import { TEAM_KINDS } from '../../domain/resources/model';
import { PRIORITIES } from '../../domain/resources/requests';
import { WARNING_TYPES } from '../../domain/warnings/model';
import { an, CJK, firstMatch, label, list, lower, ORDER_VERBS, type Replacement } from './messages-en';

type Bilingual = { zh: string; en: string };
const table = (t: Record<string | number, Bilingual> | readonly Bilingual[]): ReadonlyMap<string, string> =>
  new Map(Object.values(t).map((v) => [v.zh, v.en]));
/** A regex alternation of the Chinese labels of a table, longest first. */
const alt = (m: ReadonlyMap<string, string>) => [...m.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const from = (m: ReadonlyMap<string, string>) => (zh: string) => m.get(zh.trim()) ?? label(zh);

const STATUS = table(STATUS_LABELS);
const REPORT_KIND = table(REPORT_KIND_LABELS);
const LEVEL = table(WARNING_LEVEL_LABELS);
const WARNING_TYPE = table(WARNING_TYPES);
const PRIORITY = table(PRIORITIES);
const MOVEMENT = table(MOVEMENT_KINDS);
const TEAM_KIND = table(TEAM_KINDS);
const ROMAN: Record<string, string> = { 'Ⅰ': 'I', 'Ⅱ': 'II', 'Ⅲ': 'III', 'Ⅳ': 'IV' };
/** resources.service REGISTER_LABELS, as they are said on the timeline. */
const REGISTER = new Map([['物资', 'item'], ['仓库', 'depot'], ['救援队伍', 'rescue team'], ['专家', 'expert'], ['装备', 'equipment'], ['避难场所', 'shelter']]);
/** exchange sheets' titles (resources/sheets.ts). */
const SHEET = new Map([
  ['物资目录', 'item catalogue'], ['仓库', 'depots'], ['库存', 'stock'], ['救援队伍', 'rescue teams'], ['专家', 'experts'], ['装备与车辆', 'equipment and vehicles'],
  ['避难场所', 'shelters'],
]);
/** incidents.service IMPACT_LABELS. */
const IMPACT = new Map([
  ['死亡', 'deaths'], ['下落不明', 'missing'], ['重伤', 'serious injuries'], ['轻伤', 'minor injuries'], ['直接经济损失(元)', 'direct economic loss (yuan)'],
  ['受影响', 'affected'], ['转移安置', 'evacuated'],
]);
/** resources.service COLUMN_NAMES: what changed in a register entry. */
const COLUMN = new Map([
  ['编码', 'code'], ['名称', 'name'], ['类别', 'category'], ['计量单位', 'unit of measure'], ['规格型号', 'specification'], ['地址', 'address'], ['位置', 'location'],
  ['行政区划', 'jurisdiction'], ['所属单位', 'organisation'], ['联系人', 'contact person'], ['联系电话', 'contact phone'], ['类型', 'type'], ['人数', 'headcount'],
  ['专长', 'specialties'], ['主要装备', 'main equipment'], ['状态', 'status'], ['专业领域', 'field of expertise'], ['职称', 'title'], ['工作单位', 'employer'],
  ['电话', 'phone'], ['型号', 'model'], ['车牌号', 'licence plate'], ['所在仓库', 'depot'], ['所属队伍', 'team'], ['容纳人数', 'capacity'], ['现有人数', 'occupancy'],
  ['面积', 'area'], ['设施', 'facilities'],
]);
/** The statutes summaries cite (grading, reporting deadlines). */
const ARTICLES = new Map([
  [ARTICLE_493_GRADES, 'Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Article 3'],
  [ARTICLE_MANUAL_GRADES, 'Emergency Response Law, Article 3 (grading standards set by the State Council or its designated departments, applied under the specific emergency plan)'],
  [ARTICLE_UNGRADED, 'Emergency Response Law, Article 3 (social safety incidents are not graded)'],
  ['突发事件应对法 第十七条、第六十条（“立即”报告；1 小时为默认值，可配置）', 'Emergency Response Law, Articles 17 and 60 (report “immediately”; 1 hour by default, configurable)'],
  ['突发事件应对法 第十七条（立即向上一级人民政府报告；每级 2 小时为默认值，可配置）',
    'Emergency Response Law, Article 17 (report immediately to the government one level up; 2 hours per level by default, configurable)'],
  ['国家安全监管总局关于进一步加强和改进生产安全事故信息报告和处置工作的通知（续报频次，默认值，可配置）',
    'SAWS notice on improving production safety accident reporting and handling (follow-up frequency; default, configurable)'],
  ['参照生产安全事故报告和调查处理条例 第十三条（30 日，默认值，可配置）',
    'By analogy with the Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Article 13 (30 days; default, configurable)'],
  ['生产安全事故报告和调查处理条例 第九条', 'Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Article 9'],
  ['生产安全事故报告和调查处理条例 第十条、第十一条', 'Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Articles 10 and 11'],
  ['生产安全事故报告和调查处理条例 第十三条', 'Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Article 13'],
  ['突发公共卫生事件应急条例 第二十条', 'Regulation on Public Health Emergencies, Article 20'],
  ['突发公共卫生事件应急条例 第十九条、第二十条', 'Regulation on Public Health Emergencies, Articles 19 and 20'],
  ['终报时限无全国统一规定（24 小时为默认值，可配置）', 'No national deadline for the final report (24 hours by default, configurable)'],
]);

const status = from(STATUS);
const level = from(LEVEL);
const article = (zh: string) => ARTICLES.get(zh.trim()) ?? zh;
const unknown = (v: string) => (v === '未知' ? 'unknown' : v);
/** 特别重大（Ⅰ级） → Extraordinarily serious (Grade I); 未定级 → not graded. */
function grade(zh: string): string {
  const s = zh.trim();
  if (s === '未定级') return 'not graded';
  const m = /^(.+)（(.+)级）$/.exec(s);
  const g = Object.values(GRADE_LABELS).find((x) => x.zh === (m ? m[1] : s));
  return g ? `${g.en}${m ? ` (Grade ${ROMAN[m[2]!] ?? m[2]})` : ''}` : s;
}
/** A warning's type and level as said in a summary: 暴雨 + 红色（一级） → Rainstorm, Red (level 1). */
const warningKind = (type: string, lvl: string) => [type ? (WARNING_TYPE.get(type) ?? type) : '', lvl ? level(lvl) : ''].filter(Boolean).join(', ');
/** Units are the item's own (顶, 箱…) and stay; teams are counted in 支. */
const unit = (u: string) => (u === '支' ? 'team(s)' : u);
/** A request's description: the item's name as it is, or a kind of team. */
const what = (zh: string) => {
  const team = /^(.+)救援队伍$/.exec(zh);
  return team && TEAM_KIND.has(team[1]!) ? `${TEAM_KIND.get(team[1]!)} rescue team` : zh;
};
const count = (n: string, one: string, many: string) => `${n} ${n === '1' ? one : many}`;
/** One line of grading basis (grading.ts): 死亡 12 人（含下落不明 0 人），10 人以上 30 人以下为重大. */
function gradingRule(zh: string): string {
  const amount = (a: string) => {
    const m = /^(.+) (亿元|万元|元)$/.exec(a);
    if (!m) return a.replace(/^(.+) 人$/, '$1');
    const yuan = Number(m[1]) * { 亿元: 1e8, 万元: 1e4, 元: 1 }[m[2] as '元'];
    if (!Number.isFinite(yuan)) return a;
    return yuan >= 1e6 ? `¥${Number((yuan / 1e6).toFixed(6))} million` : `¥${Number(yuan.toFixed(4)).toLocaleString('en-US')}`;
  };
  const band = (b: string) => {
    const both = /^(.+)以上 (.+)以下为(.+)$/.exec(b);
    if (both) return `${amount(both[1]!)} or more and under ${amount(both[2]!)} is ${grade(both[3]!)}`;
    const m = /^(.+)以(上|下)为(.+)$/.exec(b);
    return m ? `${m[2] === '上' ? `${amount(m[1]!)} or more` : `under ${amount(m[1]!)}`} is ${grade(m[3]!)}` : b;
  };
  const measure = (s: string) => {
    let m = /^死亡及下落不明至少 (.+) 人（死亡人数未知，下落不明 (.+) 人）$/.exec(s);
    if (m) return `at least ${m[1]} dead or missing (deaths unknown, ${m[2]} missing)`;
    if ((m = /^死亡 (.+) 人（下落不明人数未知）$/.exec(s))) return `${m[1]} deaths (missing unknown)`;
    if ((m = /^死亡 (.+) 人（含下落不明 (.+) 人）$/.exec(s))) return `${m[1]} deaths (including ${m[2]} missing)`;
    if ((m = /^死亡 (.+) 人$/.exec(s))) return `${m[1]} deaths`;
    if ((m = /^重伤（含急性工业中毒）(.+) 人$/.exec(s))) return `${m[1]} serious injuries (including acute industrial poisoning)`;
    if ((m = /^直接经济损失 (.+)$/.exec(s))) return `direct economic loss ${amount(m[1]!)}`;
    return s;
  };
  const i = zh.lastIndexOf('，');
  return i < 0 ? zh : `${measure(zh.slice(0, i))}: ${band(zh.slice(i + 1))}`;
}
/** A due report as the overdue summary names it (reporting.ts labelZh). */
export function dueReport(zh: string): string {
  let m = /^初报（报(.+)）$/.exec(zh);
  if (m) return `Initial report to ${label(m[1]!)}`;
  if ((m = /^第 (.+) 次续报$/.exec(zh))) return `Follow-up report #${m[1]}`;
  if (zh === '补报（伤亡人数变化）') return 'Supplementary report (casualty change)';
  return REPORT_KIND.get(zh) ?? zh;
}
/** A response level named in a plan: Ⅳ级响应, 四级应急响应 → Level IV response; other names stay. */
export function responseLevel(zh: string): string {
  const m = /^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|一|二|三|四|1|2|3|4)级(应急)?响应$/.exec(zh.trim());
  if (!m) return zh;
  const n = ({ 一: 'I', 二: 'II', 三: 'III', 四: 'IV', 1: 'I', 2: 'II', 3: 'III', 4: 'IV' } as Record<string, string>)[m[1]!] ?? ROMAN[m[1]!];
  return `Level ${n} response`;
}
/** One change to a register entry (resources.service said()): 状态 待命 → 出动, 人数 10 → 12, 地址. */
function change(zh: string): string {
  let m = /^状态 (.*) → (.*)$/.exec(zh);
  if (m) return `status ${label(m[1]!)} → ${label(m[2]!)}`;
  if ((m = /^(\S+) (.*) → (.*)$/.exec(zh))) return `${COLUMN.get(m[1]!) ?? m[1]} ${m[2]} → ${m[3]}`;
  return COLUMN.get(zh) ?? zh;
}

const STATUSES = alt(STATUS);
const LEVELS = alt(LEVEL);
const TYPES = alt(WARNING_TYPE);
const REGISTERS = alt(REGISTER);
const FILE = '(?:至(.+?))?(?:（按上调后的等级(.+)报告）)?';

const PATTERNS: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // incidents
  [/^(.+?) 接报：(.*)（([^（）]*)），报告单位：(.*)$/, '$1 received a report: $2 ($3); reporting organisation: $4'],
  [/^(.+?) 接报：(.*)（([^（）]*)）$/, '$1 received a report: $2 ($3)'],
  [/^社会安全事件不分级（(.*)）$/, (a) => `Not graded: social safety incidents are not graded (${a === '突发事件应对法 第三条' ? 'Emergency Response Law, Article 3' : article(a)})`],
  [/^该类事件需人工定级（(.*)）$/, (a) => `Incidents of this type are graded by hand (${article(a)})`],
  [/^伤亡和损失均未知，暂未定级（(.*)）$/, (a) => `Casualties and losses are all unknown; not graded yet (${article(a)})`],
  [/^按(.*?)定为(.+?)(（部分数据未知，暂定）)?：(.*)$/,
    (a, g, provisional, rules) => `Graded ${grade(g)} under ${article(a)}${provisional ? ' (provisional: some figures are unknown)' : ''}: ${rules.split('；').map(gradingRule).join('; ')}`],
  [/^(.+?) 修改了事件信息$/, '$1 edited the incident details'],
  [/^(.+?) 更新伤亡损失：(.*)$/, (n, changes) => `${n} updated casualties and losses: ${changes.split('，').map((c) => {
    const m = /^(.+) (.*)→(.*)$/.exec(c);
    return m ? `${IMPACT.get(m[1]!) ?? m[1]} ${unknown(m[2]!)} → ${unknown(m[3]!)}` : c;
  }).join('; ')}`],
  [/^(.+?) 取消人工定级，恢复按规则定级，理由：(.*)$/, '$1 cancelled the manual grade and returned to grading by the rules; reason: $2'],
  [/^(.+?) 人工定级为(.+?)，理由：(.*)$/, (n, g, r) => `${n} graded the incident by hand as ${grade(g)}; reason: ${r}`],
  [/^按规则重新定级：(.+?) → (.+?)(?:（现行人工定级(.+)）)?$/,
    (a, b, held) => `Regraded by the rules: ${grade(a)} → ${grade(b)}${held ? ` (manual grade in force: ${grade(held)})` : ''}`],
  [/^(.+?) 人工上调事件等级：(.+?) → (.+)，请按新等级续报$/, (n, a, b) => `${n} raised the incident grade by hand: ${grade(a)} → ${grade(b)}; file a follow-up report at the new grade`],
  [/^(.+?) 已确认事件等级（(.+)），等级上调提示解除$/, (n, g) => `${n} confirmed the incident grade (${grade(g)}); the grade-raised notice is cleared`],
  [/^事件等级上调：(.+?) → (.+)，请按新等级续报$/, (a, b) => `Incident grade raised: ${grade(a)} → ${grade(b)}; file a follow-up report at the new grade`],
  [/^按最新数字应定为(.+?)，高于现行人工定级(.+)，请确认定级$/, (a, b) => `The latest figures call for ${grade(a)}, above the manual grade in force (${grade(b)}); confirm the grade`],
  [new RegExp(`^(.+?) (重新打开事件|变更状态)：(${STATUSES}) → (${STATUSES})(?:（(.*)）)?$`),
    (n, verb, a, b, note) => `${n} ${verb === '重新打开事件' ? 'reopened the incident' : 'changed the status'}: ${status(a)} → ${status(b)}${note ? ` (${note})` : ''}`],
  [new RegExp(`^(.+?) 报送(${alt(REPORT_KIND)})${FILE}$`),
    (n, kind, to, g) => `${n} filed ${an(lower(REPORT_KIND.get(kind)!))}${to ? ` to ${to}` : ''}${g ? ` (at the raised grade, ${grade(g)})` : ''}`],
  [/^(.+?)已超时（应于 (.*) 前报送，(.*)）$/, (r, due, a) => `${dueReport(r)} is overdue (due by ${due}; ${article(a)})`],
  [/^(.+?) 修改了(.*)的本地规则（报告时限\/定级口径）$/, '$1 changed the local rules of $2 (reporting deadlines/grading criteria)'],

  // responses and tasks
  [/^(.+?) 启动《(.*)》(.*?)(?:，预计持续 (.+) 小时)?；创建任务 (.+) 项，通知 (.+) 人(?:，需线下通知：(.*))?$/,
    (n, plan, lvl, hours, tasks, reached, offline) => `${n} activated ${responseLevel(lvl)} of “${plan}”${hours ? `, expected to last ${hours} hours` : ''}; `
      + `${count(tasks, 'task', 'tasks')} created, ${count(reached, 'person', 'people')} notified${offline ? `; to notify offline: ${list(offline, (s) => s)}` : ''}`],
  [new RegExp(`^状态：(${STATUSES}) → (${STATUSES})（启动应急响应）$`), (a, b) => `Status: ${status(a)} → ${status(b)} (emergency response activated)`],
  [/^(.+?) 将《(.*)》响应由(.*?)(提升|降低)为(.*?)；新增任务 (.+) 项，通知 (.+) 人(?:。(.*))?$/,
    (n, plan, a, raised, b, tasks, reached, note) => `${n} ${raised === '提升' ? 'raised' : 'lowered'} the response under “${plan}” from ${responseLevel(a)} to ${responseLevel(b)}; `
      + `${count(tasks, 'task', 'tasks')} added, ${count(reached, 'person', 'people')} notified${note ? `. ${note}` : ''}`],
  [/^(.+?) 解除《(.*)》(.*?)：(?:已满足 (.*?)(?:。|$))?(.*)$/,
    (n, plan, lvl, met, note) => `${n} lifted ${lvl ? responseLevel(lvl) : 'the response'} of “${plan}”${met ? `: conditions met: ${met.split('；').join('; ')}` : ''}${met && note ? '. ' : note ? ': ' : ''}${note}`],
  [/^(.+?) 签收任务：(.*)$/, '$1 signed for the task: $2'],
  [/^(.+?) (完成|反馈)任务“(.*?)”：(.*?)(?:（附件 (.+) 个）)?$/,
    (n, done, t, text, files) => `${n} ${done === '完成' ? 'completed' : 'reported progress on'} the task “${t}”: ${text}${files ? ` (${count(files, 'attachment', 'attachments')})` : ''}`],
  [/^任务“(.*)”已逾期（应于 (.*) 前完成，负责：(.*)）$/, (t, due, who) => `Task “${t}” is overdue (due by ${due}; assigned to ${who === '未指定负责人' ? 'no one' : who})`],

  // warnings
  [new RegExp(`^(自动发布|生成待审核的)(.*?)(${TYPES})?(${LEVELS})预警：(.*)$`),
    (auto, place, type, lvl, basis) => `${auto === '自动发布' ? 'Issued automatically' : 'Drafted for approval'}: ${place ? `${place} ` : ''}${warningKind(type, lvl)} warning: ${basis}`],
  [new RegExp(`^(.+?) 起草(.*?)(${LEVELS})预警：(.*)$`), (n, type, lvl, h) => `${n} drafted a warning (${warningKind(type, lvl)}): ${h}`],
  [new RegExp(`^(.+?) (审核通过|发布|解除)(.*?)(${LEVELS})?预警：(.*?)(?:（(.*)）)?$`),
    (n, verb, type, lvl, h, note) => `${n} ${{ 审核通过: 'approved', 发布: 'issued', 解除: 'lifted' }[verb]} the warning${type || lvl ? ` (${warningKind(type, lvl)})` : ''}: ${h}${note ? ` (${note})` : ''}`],
  [/^(.+?)（(.*)）签收预警：(.*)$/, '$1 ($2) acknowledged the warning: $3'],
  [/^订阅接收 CAP 预警：(.*)（([^（）]*)）$/, 'CAP alert received by subscription: $1 ($2)'],
  [/^(.+?) 导入 CAP 预警：(.*)（([^（）]*)）$/, '$1 imported a CAP alert: $2 ($3)'],
  [/^(.+?) 将预警“(.*)”关联到本事件$/, '$1 linked the warning “$2” to this incident'],
  [/^预警“(.*)”发布已超过 (.+) 分钟，仍无人签收$/, 'Warning “$1” was issued more than $2 minutes ago and no one has acknowledged it'],
  [/^预警到期：(.*)$/, 'Warning expired: $1'],
  [/^监测值回落，(解除|撤销草稿)预警：(.*)（(.*)）$/, (verb, h, basis) => `Readings fell back; ${verb === '解除' ? 'warning lifted' : 'draft warning withdrawn'}: ${h} (${basis})`],
  [new RegExp(`^预警(升级|降级)为(${LEVELS})：(.*)$`), (up, lvl, basis) => `Warning ${up === '升级' ? 'raised' : 'lowered'} to ${level(lvl)}: ${basis}`],
  [/^(.+?) 设置预警规则：(.*)（(.+) 个设备，(自动发布|生成草稿待审核)）$/,
    (n, rule, k, auto) => `${n} set up the warning rule ${rule} (${count(k, 'sensor', 'sensors')}; ${auto === '自动发布' ? 'issues warnings automatically' : 'drafts warnings for approval'})`],
  [/^(.+?) 启用预警规则：(.*)$/, '$1 enabled the warning rule $2'],
  [/^(.+?) 停用预警规则：(.*)（其未解除的预警需人工解除）$/, '$1 disabled the warning rule $2 (its warnings still in force must be lifted by hand)'],

  // sensors
  [/^(.+?) 登记监测设备：(.*)$/, '$1 registered the sensor $2'],
  [/^监测设备离线：(.*)（超过 (.+) 分钟无读数，(.*)）$/,
    (s, m, since) => `Sensor offline: ${s} (no reading for more than ${count(m, 'minute', 'minutes')}; ${since === '登记后从未上报' ? 'nothing reported since it was registered' : since.replace(/^最后读数 /, 'last reading ')})`],
  [/^监测设备恢复上报：(.*)$/, 'Sensor reporting again: $1'],

  // plans
  [/^(.+?) 新建预案草稿：(.*)$/, '$1 started a plan draft: $2'],
  [/^(.+?) 发布预案《(.*)》(.*)（批准人：(.*)）$/, '$1 published the plan “$2” $3 (approved by $4)'],
  [/^(.+?) 登记预案《(.*)》(备案|演练|评估)：(.*)$/,
    (n, t, kind, on) => `${n} recorded ${{ 备案: 'the filing', 演练: 'a drill', 评估: 'an evaluation' }[kind]} of the plan “${t}”: ${on}`],

  // resources
  [new RegExp(`^(.+?) 登记(${REGISTERS})：(.*)$`), (n, r, name) => `${n} added the ${REGISTER.get(r)} ${name}`],
  [new RegExp(`^(.+?) 删除(${REGISTERS})：(.*)$`), (n, r, name) => `${n} deleted the ${REGISTER.get(r)} ${name}`],
  [new RegExp(`^(.+?) 修改(${REGISTERS})：(.*)（(.*)）$`), (n, r, name, changes) => `${n} edited the ${REGISTER.get(r)} ${name} (${changes.split('；').map(change).join('; ')})`],
  [/^(.+?) 从表格导入(.+?) (.+) 条(?:（(.+) 行有误未导入）)?$/,
    (n, sheet, k, bad) => `${n} imported ${count(k, 'record', 'records')} of ${SHEET.get(sheet) ?? sheet} from a spreadsheet${bad ? ` (${count(bad, 'row', 'rows')} with errors not imported)` : ''}`],
  [new RegExp(`^提出需求：(.+) (\\S+) (\\S+)，送(.*)（(${alt(PRIORITY)})）$`),
    (d, q, u, dest, p) => `Requested ${what(d)} ${q} ${unit(u)}, to ${dest} (${PRIORITY.get(p)})`],
  [/^(批准|未批准)需求：(.+) (\S+) (\S+?)(?:（(.*)）)?$/, (ok, d, q, u, note) => `${ok === '批准' ? 'Approved' : 'Rejected'} the request ${what(d)} ${q} ${unit(u)}${note ? ` (${note})` : ''}`],
  [/^下达调拨单：(.*?) → (.*?)，(.+?) (\S+) ([^\s，]+)(?:，预计 (.+) 分钟)?$/,
    (src, dest, d, q, u, eta) => `Dispatch order issued: ${src} → ${dest}, ${what(d)} ${q} ${unit(u)}${eta ? `, expected in ${count(eta, 'minute', 'minutes')}` : ''}`],
  [/^调拨单(发出|接收|归还|取消)：(.+) (\S+) (\S+?)（(.*)）$/, (verb, d, q, u, dest) => `Dispatch order ${ORDER_VERBS.get(verb)}: ${what(d)} ${q} ${unit(u)} (${dest})`],
  [new RegExp(`^(${alt(MOVEMENT)})：(.+) (\\S+) (\\S+?)（(.*?)）(?:，(.*))?$`),
    (kind, item, q, u, route, reason) => `${MOVEMENT.get(kind)}: ${item} ${q} ${u} (${route})${reason ? `, ${reason}` : ''}`],
  [/^库存不足：(.+) 现有 (\S+) (\S+)，低于储备定额 (\S+) (\S+)$/, 'Low stock: $1 has $2 $3, below the reserve minimum of $4 $5'],
  [/^物资临期：(.+?)(?:（批次 (.*)）)? (\S+) (\S+)，有效期至 (.*)$/,
    (item, batch, q, u, until) => `Nearing expiry: ${item}${batch ? ` (batch ${batch})` : ''} ${q} ${u}, use by ${until}`],

  // administration
  [/^(.+?) 新建单位：(.*)$/, '$1 added the organisation $2'],
  [/^(.+?) 修改单位：(.*?)(?: → (.*?))?(?:（辖区 (.*) → (.*)）)?$/,
    (n, a, b, j1, j2) => `${n} edited the organisation ${a}${b ? ` → ${b}` : ''}${j1 ? ` (jurisdiction ${j1} → ${j2})` : ''}`],
  [/^(.+?) 删除单位：(.*)$/, '$1 deleted the organisation $2'],
  [/^(.+?) 新建用户：(.*)（(.*)）$/, '$1 added the user $2 ($3)'],
  [/^(.+?) 修改用户：(.*?)(?:（调至 (.*)）)?(，已注销其全部会话和 API 令牌)?$/,
    (n, u, org, revoked) => `${n} edited the user ${u}${org ? ` (moved to ${org})` : ''}${revoked ? '; all their sessions and API tokens were revoked' : ''}`],
  [/^(.+?) 吊销了 (.+?) 的 API 令牌：(.*)$/, '$1 revoked the API token $3 of $2'],
  [/^(.+?) 导入行政区划边界 (.+) 个$/, (n, k) => `${n} imported ${count(k, 'jurisdiction boundary', 'jurisdiction boundaries')}`],
];

/** The summary in English when the catalogue knows it, otherwise unchanged. */
export const summaryToEnglish = (zh: string): string => (CJK.test(zh) ? (firstMatch(PATTERNS, zh) ?? zh) : zh);

/** An event DTO with its summary in English. */
export const eventInEnglish = <E extends { summary: string }>(e: E): E => ({ ...e, summary: summaryToEnglish(e.summary) });
