// English for the messages the server says in Chinese. Chinese stays the source language in the code (services raise
// AppError with zh-CN text, contracts carry zh-CN validation messages); the error handler passes each message through
// this catalogue when the caller asked for English (`Accept-Language: en`). Fixed messages are looked up in EXACT;
// messages built with template literals are matched, in order, against PATTERNS, whose capture groups carry the
// embedded values. An embedded Chinese label (a status, a grade, a register name) is translated when a domain table
// has its English, otherwise left as it is. A message the catalogue does not know stays Chinese.
import { ACTION_LABELS, ROLE_LABELS } from '../../domain/access/permissions';
import { STATUS_LABELS, REPORT_KIND_LABELS } from '../../domain/incidents/lifecycle';
import { RECIPIENT_LEVEL_LABELS } from '../../domain/incidents/reporting';
import { CATEGORY_LABELS, GRADE_LABELS, INCIDENT_TYPES } from '../../domain/incidents/types';
import { PLAN_KIND_LABELS, WARNING_LEVEL_LABELS } from '../../domain/plans/model';
import { MOVEMENT_KINDS } from '../../domain/resources/ledger';
import {
  EQUIPMENT_KINDS, EQUIPMENT_STATUSES, ITEM_CATEGORIES, ITEM_GROUPS, SHELTER_KINDS, SHELTER_STATUSES, TEAM_KINDS, TEAM_STATUSES,
} from '../../domain/resources/model';
import { ORDER_STATUSES, PRIORITIES, REQUEST_STATUSES } from '../../domain/resources/requests';
import { TASK_STATUS_LABELS } from '../../domain/responses/sitrep';
import { JURISDICTION_LEVEL_LABELS } from '../../domain/shared/jurisdiction';
import { WARNING_TYPES } from '../../domain/warnings/model';

/** A replacement for a pattern: a `$1`-style string, or a function of the capture groups (missing groups are ''). */
export type Replacement = string | ((...groups: string[]) => string);

export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

// ---------- labels: Chinese names embedded in messages ----------

type Bilingual = { zh: string; en: string };
const pairs = (table: Record<string | number, Bilingual> | readonly Bilingual[]) =>
  Object.values(table).map((v): [string, string] => [v.zh, v.en]);

/** Things that can be missing (notFound) or named in a message: registers, records, documents. */
const NOUNS: [string, string][] = [
  ['记录', 'Record'], ['预案', 'Plan'], ['用户', 'User'], ['令牌', 'Token'], ['事件', 'Incident'], ['行政区划', 'Jurisdiction'],
  ['单位', 'Organisation'], ['草稿', 'Draft'], ['预案版本', 'Plan version'], ['响应级别', 'Response level'], ['资源需求', 'Resource request'],
  ['调拨单', 'Dispatch order'], ['应急响应', 'Emergency response'], ['任务', 'Task'], ['附件', 'Attachment'], ['预警规则', 'Warning rule'],
  ['预警', 'Warning'], ['推送地址', 'Webhook'], ['推送记录', 'Webhook delivery'], ['调配方案', 'Allocation plan'],
  // REGISTER_LABELS (resources.service.ts) have no English of their own.
  ['物资', 'Item'], ['仓库', 'Depot'], ['救援队伍', 'Rescue team'], ['专家', 'Expert'], ['装备', 'Equipment'], ['避难场所', 'Shelter'],
];

/** Labels the domain tables do not carry in English. */
const MORE_LABELS: [string, string][] = [
  // warnings.service STATUS_ZH; rules/model LEVEL_ZH
  ['已审核', 'Approved'], ['已发布', 'Issued'], ['已解除', 'Lifted'], ['已过期', 'Expired'],
  ['蓝色', 'blue'], ['黄色', 'yellow'], ['橙色', 'orange'], ['红色', 'red'],
  // embedded fixed phrases
  ['他人', 'someone else'], ['无', 'none'], ['GB/T 35965.1 文档', 'a GB/T 35965.1 document'],
  ['CAP 1.1 预警（转换为 CAP 1.2 时）', 'CAP 1.1 alert (when converted to CAP 1.2)'], ['CAP 1.2 预警', 'CAP 1.2 alert'],
  ['GB/T 35965.1 预警', 'GB/T 35965.1 alert'], ['无命名空间的 GB/T 35965.1 文档', 'the GB/T 35965.1 document without a namespace'],
  ['时长（分钟）', 'Duration (minutes)'], ['持续时长（分钟）', 'Sustained duration (minutes)'],
  ['岗位代码', 'role key'], ['任务代码', 'task key'], ['级别代码', 'level key'], ['级别序号', 'level rank'],
  // xlsx describeColumn
  ['整数', 'an integer'], ['数字', 'a number'], ['文字', 'text'], ['日期，如 2024-05-01', 'a date, e.g. 2024-05-01'], ['“是”或“否”', '“是” (yes) or “否” (no)'],
];

/** Chinese label → English; the first table naming a label wins (so 一般 is the grade Ordinary, not the priority). */
const LABELS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const tables: [string, string][][] = [
    pairs(GRADE_LABELS), pairs(CATEGORY_LABELS), pairs(STATUS_LABELS), pairs(REPORT_KIND_LABELS), pairs(RECIPIENT_LEVEL_LABELS),
    NOUNS, MORE_LABELS, pairs(PLAN_KIND_LABELS), pairs(WARNING_LEVEL_LABELS), pairs(WARNING_TYPES), pairs(INCIDENT_TYPES),
    pairs(TASK_STATUS_LABELS), pairs(REQUEST_STATUSES), pairs(ORDER_STATUSES), pairs(PRIORITIES), pairs(MOVEMENT_KINDS),
    pairs(ITEM_CATEGORIES), pairs(ITEM_GROUPS), pairs(TEAM_KINDS), pairs(TEAM_STATUSES), pairs(EQUIPMENT_KINDS), pairs(EQUIPMENT_STATUSES),
    pairs(SHELTER_KINDS), pairs(SHELTER_STATUSES), pairs(ROLE_LABELS), pairs(ACTION_LABELS), pairs(JURISDICTION_LEVEL_LABELS),
  ];
  for (const table of tables) for (const [zh, en] of table) if (!m.has(zh)) m.set(zh, en);
  return m;
})();

/** Field names used by the contracts' text()/required()/count() helpers (单位 there is a unit of measure). */
const FIELD_LABELS: ReadonlyMap<string, string> = new Map([
  ['专业领域', 'Field of expertise'], ['专长', 'Specialty'], ['事由', 'Reason'], ['人数', 'Number of people'], ['任务名称', 'Task name'],
  ['单位', 'Unit'], ['单位名称', 'Organisation name'], ['发布单位', 'Issuing organisation'], ['可能影响范围', 'Affected area'], ['名称', 'Name'],
  ['启动条件', 'Activation conditions'], ['地址', 'Address'], ['型号', 'Model'], ['备注', 'Notes'], ['姓名', 'Name'], ['容纳人数', 'Capacity'],
  ['岗位名称', 'Role name'], ['工作单位', 'Employer'], ['应当采取的措施', 'Measures to take'], ['应急处置措施', 'Response measures'],
  ['批准人（主要负责人）', 'Approver (principal officer)'], ['批次', 'Batch'], ['指标', 'Indicator'], ['文件名', 'File name'], ['标题', 'Title'],
  ['检查项', 'Check item'], ['正文', 'Body text'], ['版本号', 'Version number'], ['物资或队伍类型', 'Item or team type'], ['现有人数', 'Current occupancy'],
  ['电话', 'Phone'], ['级别名称', 'Level name'], ['编号', 'Number'], ['职称', 'Title'], ['职责', 'Responsibilities'], ['联系人', 'Contact person'],
  ['装备', 'Equipment'], ['规格型号', 'Specification'], ['解除条件', 'Conditions for lifting'], ['警示事项', 'Warning details'],
  ['计量单位', 'Unit of measure'], ['设施', 'Facilities'], ['详细内容', 'Details'], ['说明', 'Description'], ['车牌号', 'Licence plate'],
  ['进展', 'Progress'], ['送达地点', 'Delivery location'], ['适用范围', 'Scope'], ['预案名称', 'Plan name'], ['内容', 'Content'],
]);

/** What still refers to an organisation (organisations.service REFERENCES). */
const ORG_REFERENCES: ReadonlyMap<string, string> = new Map([
  ['用户', 'users'], ['事件（报送单位）', 'incidents (as reporting organisation)'], ['应急预案', 'emergency plans'],
  ['应急预案（草稿中的职责或通知对象）', 'emergency plans (roles or notice recipients in drafts)'], ['已发布的预案版本', 'published plan versions'],
  ['应急响应的指挥角色', 'command roles of emergency responses'], ['处置任务', 'response tasks'], ['预警签收记录', 'warning acknowledgements'],
  ['监测设备', 'monitoring sensors'], ['物资仓库', 'depots'], ['救援队伍', 'rescue teams'],
]);

const TASK_STATUS: ReadonlyMap<string, string> = new Map([
  ['待签收', 'pending'], ['已签收', 'signed for'], ['处置中', 'in progress'], ['办理中', 'in progress'], ['已完成', 'done'],
]);
const REQUEST_STATUS: ReadonlyMap<string, string> = new Map([
  ['待审批', 'awaiting approval'], ['已批准', 'approved'], ['未批准', 'rejected'], ['已满足', 'fulfilled'], ['已撤销', 'cancelled'],
]);
export const ORDER_VERBS: ReadonlyMap<string, string> = new Map([['发出', 'dispatched'], ['接收', 'received'], ['归还', 'returned'], ['取消', 'cancelled']]);
const WARNING_VERBS: ReadonlyMap<string, string> = new Map([['审核', 'approved'], ['发布', 'issued'], ['解除', 'lifted']]);

/** A label in English when known (then a whole message, then as it is). */
export const label = (zh: string): string => LABELS.get(zh.trim()) ?? toEnglish(zh) ?? zh;
const fieldLabel = (zh: string): string => FIELD_LABELS.get(zh.trim()) ?? label(zh);
/** A list joined with 、 (or another separator), each item translated. */
export const list = (zh: string, each: (s: string) => string = label, sep = '、') => zh.split(sep).map((s) => each(s)).join(', ');
export const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const an = (s: string) => `${/^[aeiou]/i.test(s) ? 'an' : 'a'} ${s}`;
const nested = (zh: string) => (zh === '' ? '' : (toEnglish(zh) ?? zh));
const orgRefs = (zh: string) => list(zh, (s) => ORG_REFERENCES.get(s) ?? lower(label(s)));

// Repeated advice embedded in several messages.
const ACCEPTED_PLAN = '请上传 .docx、.md 或 .txt 格式的预案文件';
const AS_XLSX = '请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx），再导入';

// ---------- exact messages ----------

const EXACT: ReadonlyMap<string, string> = new Map<string, string>([
  // src/server/errors.ts defaults, http/*
  ['输入有误，请检查标注的字段', 'Invalid input; see the fields'],
  ['没有执行此操作的权限', 'You do not have permission to do this'],
  ['请先登录', 'Please sign in'],
  ['服务器内部错误，请稍后重试', 'Internal server error; please try again later'],
  ['请求过于频繁，请稍后再试', 'Too many requests; please try again later'],
  ['接口不存在', 'No such API endpoint'],
  ['API 令牌无效或已停用', 'The API token is invalid or has been revoked'],
  ['CSRF 校验失败，请刷新页面后重试', 'CSRF check failed; refresh the page and try again'],
  ['用户名或密码错误', 'Incorrect username or password'],
  ['上传内容不完整或格式有误，请重新选择文件上传', 'The upload is incomplete or malformed; choose the file and upload it again'],
  ['请选择要导入的文件', 'Choose a file to import'],
  ['请选择要导入的表格', 'Choose a spreadsheet to import'],
  ['请选择 GeoJSON 文件', 'Choose a GeoJSON file'],

  // scope and existence
  ['超出管辖范围', 'Outside your area of responsibility'],
  ['该行政区划不在您的管辖范围内', 'This jurisdiction is outside your area of responsibility'],
  ['不存在或不在管辖范围内', 'Not found, or outside your area of responsibility'],
  ['单位不存在或不在您的管辖范围内', 'Organisation not found, or outside your area of responsibility'],
  ['单位不存在或不在管辖范围内', 'Organisation not found, or outside your area of responsibility'],
  ['报告单位不存在或不在您的管辖范围内', 'Reporting organisation not found, or outside your area of responsibility'],
  ['事件不存在或不在管辖范围内', 'Incident not found, or outside your area of responsibility'],
  ['仓库不存在或不在管辖范围内', 'Depot not found, or outside your area of responsibility'],
  ['预警不存在或未发布', 'Warning not found or not issued'],

  // users and organisations
  ['用户名已被使用', 'This username is already taken'],
  ['不能停用自己或取消自己的管理员角色', 'You cannot disable yourself or remove your own administrator role'],
  ['该辖区已有同名单位', 'An organisation with this name already exists in this jurisdiction'],
  ['名称重复', 'Duplicate name'],
  ['设备令牌无效', 'Invalid sensor token'],

  // incidents
  ['分页游标无效', 'Invalid pagination cursor'],
  ['发生时间不能晚于当前时间', 'The time of occurrence cannot be in the future'],
  ['幂等键已用于另一份不同的提交', 'This idempotency key has already been used for a different submission'],
  ['事件类型不属于该事件的类别', "The incident type does not belong to this incident's category"],
  ['社会安全事件不分级（突发事件应对法 第三条）', 'Social safety incidents are not graded (Emergency Response Law, Article 3)'],
  ['该事件刚被他人修改，请刷新后重试', 'Someone else has just changed this incident; refresh and try again'],
  ['该事件刚被他人修改，请重试', 'Someone else has just changed this incident; please try again'],
  ['没有这项报告要求', 'No such reporting requirement'],
  ['没有要修改的内容', 'Nothing to change'],
  ['人工定级须说明理由', 'Give a reason for grading manually'],
  ['取消人工定级须说明理由', 'Give a reason for removing the manual grade'],
  ['经纬度须同时填写或同时留空', 'Fill in both latitude and longitude, or leave both empty'],
  ['请填写地址或经纬度', 'Enter an address or coordinates'],
  ['本地规则只能比上级规定更严格', 'Local rules can only be stricter than those set by the higher level'],

  // jurisdictions
  ['请以 multipart/form-data 上传 GeoJSON 文件（file 字段）', 'Upload the GeoJSON file as multipart/form-data (field "file")'],
  ['不是有效的 GeoJSON（JSON 解析失败）', 'Not valid GeoJSON (the JSON could not be parsed)'],
  ['须为 GeoJSON FeatureCollection', 'Must be a GeoJSON FeatureCollection'],
  ['须为 GeoJSON Feature', 'Must be a GeoJSON Feature'],
  ['多边形的环至少需要 4 个点', 'A polygon ring needs at least 4 points'],

  // plans
  ['上级单位的预案只能查看和使用，不能修改', "A higher-level organisation's plan can be viewed and used, but not changed"],
  ['预案已被他人修改，请刷新后再编辑', 'Someone else has changed this plan; refresh before editing'],
  ['预案已被他人修改，请刷新后再发布', 'Someone else has changed this plan; refresh before publishing'],
  ['没有待发布的草稿：请先修改预案', 'There is no draft to publish: edit the plan first'],
  ['发布前至少需要一个响应级别', 'At least one response level is needed before publishing'],
  ['预案尚未发布，不能登记备案、演练或评估', 'The plan has not been published yet, so filings, drills and reviews cannot be recorded'],
  ['日期不能晚于今天', 'The date cannot be later than today'],
  ['文件不是有效的 YAML/JSON', 'The file is not valid YAML/JSON'],
  ['文件中的引用（别名）过多', 'The file contains too many references (aliases)'],
  ['预案内容有误，请按行号修改', 'The plan content has errors; fix them at the line numbers given'],
  ['该 .docx 解压后超过 200 MB，无法导入；请删除其中的大图片后重试', 'This .docx exceeds 200 MB when unpacked and cannot be imported; remove large images and try again'],
  ['无法读取该 .docx 文件，文件可能已损坏；请在 Word 或 WPS 中打开后重新另存为 .docx', 'Cannot read this .docx file; it may be damaged. Open it in Word or WPS and save it again as .docx'],
  ['文件是空的，请重新选择预案文件', 'The file is empty; choose the plan file again'],
  ['暂不支持 PDF 文件；请在 Word 或 WPS 中将预案另存为 .docx 后上传', 'PDF files are not supported yet; save the plan as .docx in Word or WPS and upload that'],
  ['暂不支持旧版 Word（.doc）或加密的文档；请在 Word 或 WPS 中另存为 .docx（不设密码）后上传', 'Old Word files (.doc) and encrypted documents are not supported yet; save as .docx (without a password) in Word or WPS and upload that'],
  ['该文件不是有效的 .docx，可能已损坏；请在 Word 或 WPS 中打开后重新另存为 .docx', 'This file is not a valid .docx and may be damaged; open it in Word or WPS and save it again as .docx'],
  ['文档中没有可识别的文字（扫描件或图片需先做文字识别）', 'No readable text was found in the document (run text recognition (OCR) on scans and images first)'],
  [ACCEPTED_PLAN, 'upload the plan as a .docx, .md or .txt file'],
  ['须为版本号、draft 或 current', 'Must be a version number, draft or current'],
  ['担任者须为单位（organisation）或个人（person）', 'The role holder must be an organisation or a person'],
  ['通知对象须为岗位、单位或用户', 'A notice recipient must be a role, an organisation or a user'],
  ['action 须为 change_level（调整级别）或 lift（解除）', 'action must be change_level (change the level) or lift (lift the response)'],
  ['预案通知对象', "On the plan's notification list"],
  ['通知对象岗位无人担任，通知送达不到任何人', 'No one holds the role to be notified, so the notice reaches no one'],

  // responses and tasks
  ['预案尚未发布，不能启动', 'The plan has not been published yet and cannot be activated'],
  ['请先发布预案', 'Publish the plan first'],
  ['该预案已对本事件启动，请调整级别而不是重复启动', 'This plan is already activated for this incident; change the level instead of activating it again'],
  ['已启动', 'Already activated'],
  ['该响应已解除', 'This response has been lifted'],
  ['与当前级别相同', 'Same as the current level'],
  ['响应已被他人调整，请刷新', 'Someone else has changed this response; please refresh'],
  ['该响应已解除，任务不能再变更', 'This response has been lifted; its tasks can no longer change'],
  ['任务已被他人更新，请刷新', 'Someone else has updated this task; please refresh'],
  ['附件为空或不是 Base64 编码', 'The attachment is empty or not Base64-encoded'],
  ['附件不超过 10 MB', 'Attachments must be 10 MB or smaller'],
  ['任务已完成', 'The task is already done'],

  // resources
  ['未知的物资', 'Unknown item'],
  ['物资需求应由仓库调拨', 'Item requests must be met from a depot'],
  ['队伍需求应指派队伍', 'Team requests must be met by assigning a team'],
  ['该需求未对应物资目录，请先核对物资', 'This request is not linked to the item catalogue; match the item first'],
  ['该需求已被他人审批', 'Someone else has already decided on this request'],
  ['调拨单已被他人处理', 'Someone else has already handled this dispatch order'],
  ['物资编码已存在', 'This item code already exists'],
  ['编码重复', 'Duplicate code'],
  ['现有人数不能超过容纳人数', 'Current occupancy cannot exceed capacity'],
  ['请选择物资', 'Choose an item'],
  ['请选择队伍类型', 'Choose a team type'],
  ['请指定一个仓库或一支队伍', 'Specify either a depot or a team'],
  ['请至少填写一项要修改的内容', 'Fill in at least one field to change'],
  ['数量须为正整数', 'Quantity must be a positive integer'],
  ['调入仓库须不同于调出仓库', 'The receiving depot must differ from the sending depot'],
  ['请填写事由', 'Enter a reason'],
  ['请以 multipart/form-data 上传 .xlsx 文件（file 字段）', 'Upload the .xlsx file as multipart/form-data (field "file")'],
  [AS_XLSX, 'open it in Excel or WPS, use "Save As" to save it as an Excel workbook (.xlsx), then import that'],
  ['这是 Word 文档，不是 Excel 表格；请上传 .xlsx 文件', 'This is a Word document, not an Excel spreadsheet; upload an .xlsx file'],
  ['该文件不是 Excel 工作簿（.xlsx）；请上传用模板填写的 .xlsx 文件', 'This file is not an Excel workbook (.xlsx); upload an .xlsx file filled in from the template'],
  ['文件中含有不允许的 XML 声明（DOCTYPE），无法导入；请用 Excel 或 WPS 重新保存后再试', 'The file contains a disallowed XML declaration (DOCTYPE) and cannot be imported; save it again in Excel or WPS and retry'],
  ['文件是空的；请上传用模板填写的 .xlsx 文件', 'The file is empty; upload an .xlsx file filled in from the template'],
  ['工作表是空的，没有可导入的数据；请在模板的第 1 行表头下面填写', 'The worksheet is empty, so there is nothing to import; fill in the rows below the header in row 1 of the template'],

  // allocation
  ['方案中没有可下达的调拨', 'The plan has no dispatches to order'],
  ['该调配方案已采纳', 'This allocation plan has already been adopted'],
  ['求解线程已停止', 'The solver thread has stopped'],
  ['求解线程空闲，已停止', 'The solver thread was idle and has stopped'],
  ['求解已结束', 'The solver has shut down'],
  ['时间格式无效', 'Invalid time format'],
  ['道路系数和车速须为正数', 'Road factor and vehicle speed must be positive'],
  ['可用数量须为非负整数', 'Available quantity must be a non-negative integer'],
  ['仓库坐标无效', 'Invalid depot coordinates'],
  ['需求数量须为非负整数', 'Requested quantity must be a non-negative integer'],
  ['优先级须为 1（特急）至 4（一般）', 'Priority must be 1 (immediate) to 4 (routine)'],
  ['需求地点坐标无效', 'Invalid coordinates for the request location'],

  // sensors
  ['请求体须为读数数组、{ "readings": [...] } 或 NDJSON', 'The body must be an array of readings, { "readings": [...] } or NDJSON'],
  ['读数过多', 'Too many readings'],
  ['请填写设备编号 sensorId', 'Enter the sensor ID (sensorId)'],
  ['设备令牌只能上报本设备的读数', "A sensor token can only report that sensor's own readings"],
  ['读数时间晚于当前时间', 'The reading time is in the future'],

  // warnings and warning rules
  ['请以 application/xml 提交 CAP 文档', 'Submit the CAP document as application/xml'],
  ['预警已被他人更新，请刷新', 'Someone else has updated this warning; please refresh'],
  ['只有已发布的预警需要签收', 'Only issued warnings need to be acknowledged'],
  ['您已签收该预警', 'You have already acknowledged this warning'],
  ['该预警已关联事件', 'This warning is already linked to an incident'],
  ['请选择事件类型（该预警类型无法自动对应）', 'Choose an incident type (this warning type has no automatic match)'],
  ['站点至少包含一个设备', 'A site must include at least one sensor'],
  ['结束时间须晚于起始时间', 'The end time must be later than the start time'],
  ['至少绑定一个监测设备或站点', 'Bind at least one monitoring sensor or site'],
  ['时间桶宽度应为 1–60 的整数（分钟）', 'The bucket width must be an integer from 1 to 60 (minutes)'],
  ['应为对象（只可调整数值）', 'Must be an object (only numeric values can be adjusted)'],
  ['组合条件只可按位置调整其子条件（of）', 'A compound condition can only adjust its sub-conditions (of) by position'],
  ['应为数组或以位置为键的对象', 'Must be an array or an object keyed by position'],
  ['应为数字', 'Must be a number'],
  ['覆盖项应为对象', 'Overrides must be an object'],
  ['应为对象，以级别（blue / yellow / orange / red）为键', 'Must be an object keyed by level (blue / yellow / orange / red)'],
  ['未知的预警级别（应为 blue / yellow / orange / red）', 'Unknown warning level (must be blue / yellow / orange / red)'],
  ['模板没有该级别，不能调整', 'The template has no such level, so it cannot be adjusted'],
  ['不能调整此项：只可调整数值（hysteresis、holdMinutes、levels.<级别>.threshold 等）', 'This cannot be adjusted: only numeric values can be (hysteresis, holdMinutes, levels.<level>.threshold, etc.)'],
  ['条件应为对象', 'The condition must be an object'],
  ['组合条件至少要有一个子条件', 'A compound condition needs at least one sub-condition'],
  ['未知的条件类型（应为 latest / window / change / sustained / daily_run / all / any）', 'Unknown condition kind (must be latest / window / change / sustained / daily_run / all / any)'],
  ['比较方式应为 >=、>、<= 或 <', 'The comparison must be >=, >, <= or <'],
  ['阈值应为数字', 'The threshold must be a number'],
  ['回差应为不小于 0 的数字', 'Hysteresis must be a number of at least 0'],
  ['统计方式应为 sum / mean / max / min', 'The aggregation must be sum / mean / max / min'],
  ['变化方向应为 rise（上升）或 drop（下降）', 'The direction must be rise or drop'],
  ['比较基准应为 ago 或 extreme', 'The reference must be ago or extreme'],
  ['容差（分钟）应为不小于 0 的整数', 'The tolerance (minutes) must be an integer of at least 0'],
  ['日统计应为 max（日最高）或 min（日最低）', 'The daily statistic must be max (daily maximum) or min (daily minimum)'],
  ['规则应为对象', 'The rule must be an object'],
  ['规则编号不能为空', 'The rule ID must not be empty'],
  ['规则名称不能为空', 'The rule name must not be empty'],
  ['未知的预警类型', 'Unknown warning type'],
  ['应至少给出一个级别的条件', 'Give a condition for at least one level'],
  ['传感器编号不能为空', 'The sensor ID must not be empty'],
  ['应为传感器编号，或 { siteKey, sensors: { 监测量: 传感器编号 } } 形式的站点', 'Must be a sensor ID, or a site of the form { siteKey, sensors: { metric: sensor ID } }'],
  ['未知的监测量', 'Unknown metric'],
  ['应给出绑定对象', 'A binding target is required'],
  ['绑定对象应为 all / subjects / area', 'The binding target must be all / subjects / area'],
  ['区域编号不能为空', 'The area key must not be empty'],
  ['至少要绑定一个传感器或站点', 'Bind at least one sensor or site'],

  // CAP / GB/T 35965.1 documents
  ['文档应为文本', 'The document must be text'],
  ['文档为空', 'The document is empty'],
  ['文档含 DOCTYPE 或 ENTITY 声明，已拒绝：为防止 XXE 和实体膨胀攻击，本系统不读取 DTD、不展开实体', 'Rejected: the document contains a DOCTYPE or ENTITY declaration. To prevent XXE and entity-expansion attacks, this system neither reads DTDs nor expands entities'],
  ['不是 XML 文档', 'Not an XML document'],
  ['文档含有 XML 不允许的控制字符', 'The document contains control characters that XML does not allow'],
  ['XML 文档应有且只有一个根元素', 'An XML document must have exactly one root element'],
  ['这是 CAP 文档，不是 GB/T 35965.1 文档：请按 CAP 导入', 'This is a CAP document, not a GB/T 35965.1 document: import it as CAP'],
  ['这是单条 CAP 预警，不是 Atom/RSS 订阅源', 'This is a single CAP alert, not an Atom/RSS feed'],
  ['未知错误', 'Unknown error'],
  ['含有 XML 不允许的控制字符', 'Contains control characters that XML does not allow'],
  ['不能为空', 'Must not be empty'],
  ['不能含空格、逗号、< 或 &（CAP 1.2 §3.2.1）', 'Must not contain spaces, commas, < or & (CAP 1.2 §3.2.1)'],
  ['至少需要一个 category', 'At least one category is required'],
  ['无法确定 GB/T 35965.1 发布单位编码 senderCode（14 位：6 位行政区划代码 + 3 位机构代码 + 3 位子单位 + 2 位扩展）', 'Cannot determine the GB/T 35965.1 sender code senderCode (14 digits: 6-digit administrative division code + 3-digit agency code + 3-digit sub-unit + 2-digit extension)'],

  // sitrep fonts
  ['服务器未安装中文字体，无法生成 PDF；请安装 fonts-noto-cjk 或设置 SHOUWANG_PDF_FONT（Word 版不受影响）', 'No Chinese font is installed on the server, so the PDF cannot be generated; install fonts-noto-cjk or set SHOUWANG_PDF_FONT (the Word version is not affected)'],
  ['文件不存在或无法读取', 'the file does not exist or cannot be read'],
  ['不是 TrueType/OpenType 字体文件', 'not a TrueType/OpenType font file'],
  ['字体文件已损坏或格式不受支持', 'the font file is damaged or in an unsupported format'],

  // contracts (zod validation messages)
  ['须为带时区的 ISO 8601 时间，如 2026-11-29T08:00:00+08:00', 'Must be an ISO 8601 time with a time zone, e.g. 2026-11-29T08:00:00+08:00'],
  ['须为带时区的 ISO 8601 时间', 'Must be an ISO 8601 time with a time zone'],
  ['须为 http:// 或 https:// 地址', 'Must be an http:// or https:// address'],
  ['一次最多 5 个附件', 'At most 5 attachments at a time'],
  ['不能为负数', 'Cannot be negative'],
  ['不超过 10 年', 'At most 10 years'],
  ['不超过 365 天', 'At most 365 days'],
  ['不超过 7 天', 'At most 7 days'],
  ['不超过 90 天', 'At most 90 days'],
  ['代码须为 1–40 位字母、数字、_ . -', 'A key must be 1–40 letters, digits, _ . -'],
  ['令牌编号格式不正确', 'Malformed token ID'],
  ['内容过大', 'The content is too large'],
  ['名称至少 2 个字', 'The name must be at least 2 characters'],
  ['响应级别不超过 10 个', 'At most 10 response levels'],
  ['地址不超过 200 字', 'The address must be at most 200 characters'],
  ['完成时限不能为负', 'The time limit cannot be negative'],
  ['完成时限不超过 30 天', 'The time limit must be at most 30 days'],
  ['完成时限须为整数分钟', 'The time limit must be a whole number of minutes'],
  ['密码至少 10 位', 'The password must be at least 10 characters'],
  ['描述不超过 10000 字', 'The description must be at most 10000 characters'],
  ['数值过大', 'The value is too large'],
  ['数量过大', 'The quantity is too large'],
  ['数量须为数字', 'The quantity must be a number'],
  ['数量须大于 0', 'The quantity must be greater than 0'],
  ['未知的事件类别', 'Unknown incident category'],
  ['未知的出入库类型', 'Unknown stock movement kind'],
  ['未知的场所类型', 'Unknown shelter kind'],
  ['未知的物资类别', 'Unknown item category'],
  ['未知的状态', 'Unknown status'],
  ['未知的监测类型', 'Unknown monitoring kind'],
  ['未知的装备类型', 'Unknown equipment kind'],
  ['未知的队伍类型', 'Unknown team type'],
  ['未知角色', 'Unknown role'],
  ['标题不超过 120 字', 'The title must be at most 120 characters'],
  ['标题至少 2 个字', 'The title must be at least 2 characters'],
  ['比较符须为 >= > <= < = 之一', 'The comparator must be one of >= > <= < ='],
  ['状态须为 in_progress（处置中）或 done（已完成）', 'The status must be in_progress or done'],
  ['用户名为 3–64 位字母、数字、点、下划线或连字符', 'A username is 3–64 letters, digits, dots, underscores or hyphens'],
  ['等级须为 I、II、III、IV 之一', 'The grade must be one of I, II, III, IV'],
  ['紧急程度须为 1（特急）到 4（一般）', 'The urgency must be 1 (immediate) to 4 (routine)'],
  ['级别序号从 1（最高）开始', 'Level ranks start at 1 (the highest)'],
  ['级别序号须为整数', 'The level rank must be an integer'],
  ['级别须为 red/orange/yellow/blue', 'The level must be red/orange/yellow/blue'],
  ['纬度须在 -90 到 90 之间', 'Latitude must be between -90 and 90'],
  ['经度须在 -180 到 180 之间', 'Longitude must be between -180 and 180'],
  ['编制主体须为 government/township/enterprise/enterprise_high_risk', 'The plan owner must be government/township/enterprise/enterprise_high_risk'],
  ['编码为 1–40 位字母、数字、点、横线或下划线', 'A code is 1–40 letters, digits, dots, hyphens or underscores'],
  ['至少 1 个月', 'At least 1 month'],
  ['至少 1 天', 'At least 1 day'],
  ['至少 1 秒', 'At least 1 second'],
  ['至少选择一个角色', 'Choose at least one role'],
  ['至少选择一个辖区', 'Choose at least one jurisdiction'],
  ['行政区划代码须为 6、9 或 12 位数字', 'A jurisdiction code must be 6, 9 or 12 digits'],
  ['请填写可能影响的范围', 'Enter the area that may be affected'],
  ['请填写名称', 'Enter a name'],
  ['请填写应当采取的措施', 'Enter the measures to take'],
  ['请填写时间、地点、现场情况', 'Enter the time, place and situation on site'],
  ['请填写简要经过', 'Enter a brief account of what happened'],
  ['请填写规则名称', 'Enter a rule name'],
  ['请填写警示事项', 'Enter the warning details'],
  ['请填写进展', 'Enter the progress'],
  ['请说明定级理由', 'Give the reason for the grade'],
  ['请输入姓名', 'Enter a name'],
  ['请输入密码', 'Enter the password'],
  ['请输入用户名', 'Enter the username'],
  ['请选择事件类型', 'Choose an incident type'],
  ['请选择单位', 'Choose an organisation'],
  ['请选择单位类型', 'Choose an organisation type'],
  ['读数须为数字', 'A reading must be a number'],
  ['读数须为有限数字', 'A reading must be a finite number'],
  ['面积不能为负数', 'The area cannot be negative'],
  ['须为 county、city、province 或 national', 'Must be county, city, province or national'],
  ['须为 filing/drill/evaluation', 'Must be filing/drill/evaluation'],
  ['须为 item（物资）或 team（队伍）', 'Must be item or team'],
  ['须为 natural、accident、public_health 或 social_safety', 'Must be natural, accident, public_health or social_safety'],
  ['须为 true 或 false', 'Must be true or false'],
  ['须为事件类型代码', 'Must be an incident type code'],
  ['须为数字', 'Must be a number'],
  ['须为数字（小时）', 'Must be a number (hours)'],
  ['须为整数', 'Must be an integer'],
  ['须为整数（天）', 'Must be an integer (days)'],
  ['须为整数（工作日）', 'Must be an integer (working days)'],
  ['须为整数（月）', 'Must be an integer (months)'],
  ['须为整数（秒）', 'Must be an integer (seconds)'],
  ['须为文字', 'Must be text'],
  ['须为有限数字', 'Must be a finite number'],
  ['须为物资（item）或队伍（team）', 'Must be item or team'],
  ['须为行政区划代码', 'Must be a jurisdiction code'],
  ['须为非负整数（人数），未知请留空', 'Must be a non-negative integer (people); leave empty if unknown'],
  ['须为非负整数（元），未知请留空', 'Must be a non-negative integer (yuan); leave empty if unknown'],
  ['须大于 0', 'Must be greater than 0'],
  ['预案类型须为 comprehensive/specific/onsite/card', 'The plan type must be comprehensive/specific/onsite/card'],
  ['预警级别须为 red/orange/yellow/blue', 'The warning level must be red/orange/yellow/blue'],
  ['幂等键至少 8 位', 'The idempotency key must be at least 8 characters'],
  ['须为 initial（情况报告）或 follow_up（续报）', 'Must be initial (situation report) or follow_up (follow-up report)'],
  // server configuration (said at start-up, not over HTTP)
  ['须为 mqtt://主机:端口 或 mqtts://…', 'Must be mqtt://host:port or mqtts://…'],
  ['须为 postgres://… 或 sqlite:路径', 'Must be postgres://… or sqlite:path'],
  ['须为含 {z}/{x}/{y} 的 http(s) 瓦片地址', 'Must be an http(s) tile URL containing {z}/{x}/{y}'],
  ['须为逗号分隔的 http(s) 地址', 'Must be comma-separated http(s) URLs'],
  ['字体文件不存在', 'The font file does not exist'],
]);

// ---------- messages built from templates ----------

const trimmed = (zh: string) => zh.trim();
/** “（共 N 处问题）” after the first problem of a document. */
const more = (n: string) => (n ? ` (${n} problems in total)` : '');
/** `第 N 行 X 列（表头）：问题` as said by the spreadsheet import. */
const cell = (row: string, column: string, header: string, what: string) => {
  const h = header.replace(/^（(.*)）$/, '$1');
  return `Row ${row}, column ${column}${h ? ` (${h})` : ''}: ${nested(what)}`;
};
/** “N 条” said in English: singular for 1. */
const count = (n: string, one: string, many: string) => `${n} ${n === '1' ? one : many}`;

const PATTERNS: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // notFound(what): `${what}不存在或无权访问`
  [/^(.+)不存在或无权访问$/, (what) => `${label(what)} not found, or you do not have access to it`],
  // OrganisationService.inScope(…, what): `${what}不存在或不在您的管辖范围内`
  [/^(.+)不存在或不在您的管辖范围内$/, (what) => `${label(what)} not found, or outside your area of responsibility`],

  // scope
  [/^未知的行政区划代码：(.*)$/, 'Unknown jurisdiction code: $1'],
  [/^未知或不在管辖范围内的单位：(.*)$/, (orgs) => `Unknown organisations, or outside your area of responsibility: ${list(orgs)}`],
  [/^行政区划“(.*)”不存在或不在管辖范围内$/, 'Jurisdiction “$1” does not exist or is outside your area of responsibility'],
  [/^文件中没有本辖区的行政区划（未知代码 (.*) 个，辖区外 (.*) 个，无代码 (.*) 个）$/,
    'The file has no jurisdictions within your area ($1 with unknown codes, $2 outside your area, $3 without a code)'],
  [/^行政区划 (.*) 的坐标不是经纬度（像是投影坐标，单位米）：请先转换为 WGS84\/CGCS2000 经纬度$/,
    'Jurisdiction $1: the coordinates are not longitude/latitude (they look like projected coordinates in metres); convert them to WGS84/CGCS2000 longitude/latitude first'],
  [/^行政区划 (.*) 的边界须为 Polygon 或 MultiPolygon 经纬度坐标$/, 'Jurisdiction $1: the boundary must be a Polygon or MultiPolygon in longitude/latitude'],

  // organisations and users
  [/^仍有(.+)关联该单位，不能删除；请先调整或删除这些记录$/,
    (refs) => `This organisation cannot be deleted while ${orgRefs(refs)} still refer to it; change or delete those records first`],
  [/^被引用：(.*)$/, (refs) => `Referenced by: ${orgRefs(refs)}`],

  // incidents
  [/^重复提交：该事件已登记（编号 (.*)）$/, 'Duplicate submission: this incident is already registered (ID $1)'],
  [/^不能从“(.*)”变为“(.*)”$/, (from, to) => `Cannot change the status from “${label(from)}” to “${label(to)}”`],
  [/^该要求应报送(.+)$/, (kind) => `This requirement calls for ${an(lower(label(kind)))}`],
  [/^未知的事件类型代码：(.*)$/, 'Unknown incident type code: $1'],
  [/^事件类型 (.*) 不属于所选类别$/, 'Incident type $1 does not belong to the chosen category'],

  // reporting rules (domain/incidents/rule-settings)
  [/^不得宽于上级规定的 (.*) 小时（本地规则只能更严格）$/, 'Cannot be looser than the $1 hours set by the higher level (local rules can only be stricter)'],
  [/^上级规定每 (.*) 小时续报一次，不得取消$/, 'The higher level requires a follow-up report every $1 hours; this cannot be removed'],
  [/^不得低于上级规定的报送层级（(.*)）$/, (level) => `Cannot be lower than the reporting level set by the higher level (${label(level)})`],
  [/^补报期限不得短于上级规定的 (.*) 日（本地规则只能更严格）$/,
    'The supplementary report deadline cannot be shorter than the $1 days set by the higher level (local rules can only be stricter)'],

  // plans
  [/^当前版本 (.*)$/, 'Current version: $1'],
  [/^预案没有响应级别 (.*)$/, 'The plan has no response level $1'],
  [/^预案中没有该响应级别：(.*)$/, 'The plan has no such response level: $1'],
  [/^格式错误：(.*)$/, 'Format error: $1'],
  [/^文件超过 (.*) MB，无法导入；请删除其中的大图片后重试$/, 'The file exceeds $1 MB and cannot be imported; remove large images and try again'],
  [/^该文件不是文本文件（可能是图片或其他二进制文件）；(.*)$/, (rest) => `This file is not a text file (it may be an image or another binary file); ${nested(rest)}`],
  [/^这是图片文件，不是预案文档；(.*?)(（扫描件请先做文字识别）)?$/,
    (rest, ocr) => `This is an image, not a plan document; ${nested(rest)}${ocr ? ' (run text recognition (OCR) on scans first)' : ''}`],
  [/^这是压缩包或其他 Office 文件，不是 Word 文档；(.*)$/, (rest) => `This is an archive or another Office file, not a Word document; ${nested(rest)}`],
  [/^不支持的文件类型(.*?)；(.*)$/,
    (ext, rest) => `Unsupported file type${ext ? ` (${ext.replace(/^（(.*)）$/, '$1')})` : ''}; ${nested(rest)}`],
  [/^上级岗位不存在：(.*)$/, 'Parent role does not exist: $1'],
  [/^责任岗位不存在：(.*)$/, 'Responsible role does not exist: $1'],
  [/^通知岗位不存在：(.*)$/, 'Notified role does not exist: $1'],
  [/^尚有解除条件未确认：(.*)。请确认或说明理由$/, (missing) => `Some conditions for lifting are not yet confirmed: ${missing.split('；').join('; ')}. Confirm them or give a reason`],
  [/^岗位“(.*)”无人担任$/, 'No one holds the role “$1”'],
  [/^单位“(.*)”（(.*)）没有联系电话$/, 'Organisation “$1” ($2) has no contact phone number'],
  [/^任务“(.*)”没有责任岗位$/, 'Task “$1” has no responsible role'],
  [/^任务“(.*)”的责任岗位在本级别中不存在$/, 'The responsible role of task “$1” does not exist at this level'],
  [/^单位“(.*)”没有系统用户，通知送达不到任何人$/, 'Organisation “$1” has no system users, so the notice reaches no one'],
  [/^“(.*)”没有系统账号，只能线下通知$/, '“$1” has no system account and can only be notified offline'],

  // responses and tasks
  [/^这项任务由(.*)负责，您不能签收或反馈$/, (who) => `This task is assigned to ${label(who)}; you cannot sign for it or report progress on it`],
  [/^任务已(.*)，无需再签收$/, (status) => `The task is already ${TASK_STATUS.get(status) ?? lower(label(status))}; it does not need signing for again`],
  [/^不支持的附件类型：\.(.*)（可用：(.*)）$/, (ext, allowed) => `Unsupported attachment type: .${ext} (allowed: ${list(allowed)})`],

  // resources: requests, dispatch orders, stock
  [/^该需求(.*)，不能再审批$/, (status) => `This request is ${REQUEST_STATUS.get(status) ?? lower(label(status))}; it can no longer be approved or rejected`],
  [/^该需求(.*)，不能下达调拨单$/, (status) => `This request is ${REQUEST_STATUS.get(status) ?? lower(label(status))}; no dispatch order can be issued for it`],
  [/^尚需 (\S*) ?(.*)$/, (n, unit) => `Still needed: ${n}${unit ? ` ${unit}` : ''}`],
  [/^库存不足：(.+) 现有 (\S+)，不足 (\S+)$/, 'Insufficient stock: $1 has $2, $3 needed'],
  [/^库存不足：(.+?) 现有(.+?) (\S+) (.*?)(?:（批次 (.*)）)?，不足 (\S+) ?(.*)$/,
    (depot, item, have, unit, batch, short, unit2) =>
      `Insufficient stock: ${depot} has ${have}${unit ? ` ${unit}` : ''} of ${item}${batch ? ` (batch ${batch})` : ''}; ${short}${unit2 ? ` ${unit2}` : ''} short`],
  [/^最多 (.*)$/, 'At most $1'],
  [/^调拨单(.*)不能(.+)$/, (state, action) => {
    const verb = ORDER_VERBS.get(action) ?? action;
    return state === '已取消' ? `This dispatch order has been cancelled and cannot be ${verb}` : `This dispatch order cannot be ${verb} in its current status`;
  }],
  // resources.service uses(): what still refers to an entry
  [/^尚有库存 (.*) 项$/, (n) => `${count(n, 'stock line', 'stock lines')} still held`],
  [/^已有出入库台账 (.*) 条$/, (n) => count(n, 'stock ledger entry', 'stock ledger entries')],
  [/^已有资源需求 (.*) 条$/, (n) => count(n, 'resource request', 'resource requests')],
  [/^已有调拨单 (.*) 张$/, (n) => count(n, 'dispatch order', 'dispatch orders')],
  [/^存放有装备 (.*) 件$/, (n) => `${count(n, 'piece', 'pieces')} of equipment stored there`],
  [/^有未完成的调拨单 (.*) 张$/, (n) => count(n, 'unfinished dispatch order', 'unfinished dispatch orders')],
  [/^已有调拨记录 (.*) 张$/, (n) => count(n, 'past dispatch order', 'past dispatch orders')],
  [/^配属有装备 (.*) 件$/, (n) => `${count(n, 'piece', 'pieces')} of equipment assigned`],
  // stock ledger (domain/resources/ledger)
  [/^(.+)须注明调出仓库$/, (kind) => `${label(kind)} must name the sending depot`],
  [/^(.+)没有调出仓库$/, (kind) => `${label(kind)} takes no sending depot`],
  [/^(.+)须注明调入仓库$/, (kind) => `${label(kind)} must name the receiving depot`],
  [/^(.+)没有调入仓库$/, (kind) => `${label(kind)} takes no receiving depot`],

  // spreadsheet import/export (xlsx, exchange.service)
  [/^表格中有 (.*) 处错误，未导入任何数据$/, (n) => `The spreadsheet has ${count(n, 'error', 'errors')}; nothing was imported`],
  [/^第 (\S+) 行 (\S+) 列(.*?)：(.*)$/, cell],
  [/^第 (.*) 行表头缺少必填列“(.*)”$/, 'The header in row $1 is missing the required column “$2”'],
  [/^第 (.*) 行表头下面没有数据；请从第 (.*) 行起逐行填写后再导入$/, 'There is no data below the header in row $1; fill in the rows from row $2 onwards, then import'],
  [/^表头中有合并单元格 (.*)；请取消合并，每列一个列名$/, 'The header has merged cells $1; unmerge them so that each column has one name'],
  [/^没有找到表头：第 1 行应为列名（(.*)）；请使用下载的模板填写$/, 'No header found: row 1 must hold the column names ($1); fill in the downloaded template'],
  [/^共有超过 (.*) 行数据，超过每次最多导入 (.*) 行的上限；请分成多个文件导入$/,
    'There are more than $1 data rows, over the limit of $2 rows per import; split the data into several files'],
  [/^数据行数超过上限：第 (.*) 行 (.*) 列仍有内容，每次最多导入 (.*) 行；请分成多个文件导入，或删除多余的行$/,
    'Too many data rows: row $1, column $2 still has content, but at most $3 rows can be imported at a time; split the data into several files or delete the extra rows'],
  [/^文件大小 (.*) MB，超过上限 (.*) MB；请删除其中的图片，或分成多个文件导入$/,
    'The file is $1 MB, over the $2 MB limit; remove its images or split it into several files'],
  [/^文件解压后超过 (.*) MB（行数或内容过多），无法导入；请分成多个文件导入$/,
    'The file exceeds $1 MB when unpacked (too many rows or too much content) and cannot be imported; split it into several files'],
  [/^该工作簿中没有工作表，无法导入；(.*)$/, (rest) => `This workbook has no worksheets and cannot be imported; ${nested(rest)}`],
  [/^该工作簿的结构不完整，无法导入；(.*)$/, (rest) => `This workbook's structure is incomplete, so it cannot be imported; ${nested(rest)}`],
  [/^文件已损坏，无法读取；(.*)$/, (rest) => `The file is damaged and cannot be read; ${nested(rest)}`],
  [/^无法读取该工作簿，文件可能已损坏；(.*)$/, (rest) => `Cannot read this workbook; the file may be damaged. ${upper(nested(rest))}`],
  [/^这是 Excel 二进制工作簿（\.xlsb），不能直接导入；(.*)$/, (rest) => `This is an Excel binary workbook (.xlsb) and cannot be imported directly; ${nested(rest)}`],
  [/^这是 OpenDocument 表格（\.ods）；(.*)$/, (rest) => `This is an OpenDocument spreadsheet (.ods); ${nested(rest)}`],
  [/^这是旧版 Excel 97–2003 文件（\.xls），或设置了打开密码的文件；(.*?)(（如有密码请先取消）)?$/,
    (rest, pw) => `This is an old Excel 97–2003 file (.xls) or a password-protected file; ${nested(rest)}${pw ? ' (remove the password first, if any)' : ''}`],
  [/^这是文本文件（如 \.csv，或网页导出的“Excel”），不是 Excel 工作簿；(.*)$/,
    (rest) => `This is a text file (such as .csv, or an "Excel" file exported from a web page), not an Excel workbook; ${nested(rest)}`],
  [/^物资编码“(.*)”已登记$/, 'Item code “$1” is already registered'],
  [/^物资编码“(.*)”在表中重复$/, 'Item code “$1” appears more than once in the sheet'],
  [/^未找到仓库“(.*)”（须已登记且在管辖范围内）$/, 'Depot “$1” not found (it must be registered and within your area of responsibility)'],
  [/^物资目录中没有编码“(.*)”$/, 'The item catalogue has no code “$1”'],
  [/^应为(.*)，实际为“(.*)”$/, (expected, got) => `Must be ${nested(expected)}; got “${got}”`],
  [/^不能超过 (.*) 个字，实际为 (.*) 个字$/, 'At most $1 characters; this has $2'],
  // describeColumn (embedded in 应为…)
  [/^(\S+) 到 (\S+) 之间的(整数|数字)$/, (min, max, what) => `${label(what)} from ${min} to ${max}`],
  [/^不小于 (\S+) 的(整数|数字)$/, (min, what) => `${label(what)} of at least ${min}`],
  [/^不大于 (\S+) 的(整数|数字)$/, (max, what) => `${label(what)} of at most ${max}`],
  [/^文字，不超过 (.*) 个字$/, 'text of at most $1 characters'],

  // allocation
  [/^第 (.*) 条调拨：(.*)$/, (n, message) => `Dispatch ${n}: ${nested(message)}`],
  [/^调配数据有误：(.*)$/, (all) => `Invalid allocation data: ${all.split('；').map((e) => e.replace(/^(.*?)：(.*)$/, (_m, path: string, msg: string) => `${path}: ${nested(msg)}`)).join('; ')}`],
  [/^调配方案求解失败：(.*)$/, (message) => `Solving the allocation plan failed: ${nested(message)}`],
  [/^线性规划求解出错：(.*)$/, 'Linear programming solver error: $1'],
  [/^求解线程出错：(.*)$/, 'Solver thread error: $1'],
  [/^求解线程无法启动（退出码 (.*)）$/, 'The solver thread could not start (exit code $1)'],
  [/^求解线程无法启动：(.*)$/, 'The solver thread could not start: $1'],
  [/^仓库 (.*) 有两个不同的坐标$/, 'Depot $1 has two different coordinates'],
  [/^需求 (.*) 重复列出物资 (.*)$/, 'Request $1 lists item $2 more than once'],
  [/^需求 (.*) 的物资 (.*) 调配 (.*)，超过需求 (.*)$/, 'Request $1, item $2: $3 allocated, more than the $4 requested'],
  [/^物资 (.*) 在仓库 (.*) 调出 (.*)，超过可用 (.*)$/, 'Item $1: $3 taken from depot $2, more than the $4 available'],
  [/^物资 (.*) 的线性规划没有得到最优解（(.*)）$/, 'The linear program for item $1 found no optimal solution ($2)'],
  [/^物资 (.*) 的解不是整数（(.*)），无法作为调配方案$/, 'The solution for item $1 is not an integer ($2), so it cannot be used as an allocation plan'],
  [/^调配方案的代价 (.*) 与线性规划目标值 (.*) 不一致$/, "The allocation plan's cost $1 does not match the linear program's objective value $2"],

  // sensors
  [/^一次最多 (.*) 条读数，本次 (.*) 条$/, 'At most $1 readings per request; this one has $2'],
  [/^未知的设备：(.*)$/, 'Unknown sensor: $1'],

  // warnings and warning rules
  [/^预警当前为“(.*)”，不能(.+)$/, (status, action) => `The warning is currently “${label(status)}”, so it cannot be ${WARNING_VERBS.get(action) ?? action}`],
  [/^该预警（(.*)）已导入$/, 'This alert ($1) has already been imported'],
  [/^未知的预警类型：(.*)$/, 'Unknown warning type: $1'],
  [/^未知的规则模板：(.*)（可用：(.*)）$/, (id, ids) => `Unknown rule template: ${id} (available: ${list(ids)})`],
  [/^未知的规则模板：(.*)$/, 'Unknown rule template: $1'],
  [/^此处应为(.*)设备，该设备类型为 (.*)$/, (kinds, kind) => `A sensor of kind ${list(kinds)} is needed here; this sensor is of kind ${kind}`],
  [/^该规则不读取 (.*)（读取：(.*)）$/, (kind, kinds) => `This rule does not read ${kind} (it reads: ${list(kinds)})`],
  [/^模板的预警类型未知：(.*)$/, "The template's warning type is unknown: $1"],
  [/^模板的该组合条件没有第 (.*) 个子条件$/, "The template's compound condition has no sub-condition $1"],
  [/^该条件不能调整此项（可调整：(.*)）$/, (allowed) => `This condition cannot adjust that setting (adjustable: ${list(allowed)})`],
  [/^未知的监测量（可用：(.*)）$/, (metrics) => `Unknown metric (available: ${list(metrics)})`],
  [/^(.+)应为正整数$/, (what) => `${upper(label(what))} must be a positive integer`],
  [/^(.+)不能超过 (.*) 分钟（7天）$/, (what, n) => `${upper(label(what))} cannot exceed ${n} minutes (7 days)`],
  [/^容差应为时间桶宽度 (.*) 分钟的整数倍$/, 'The tolerance must be a multiple of the $1-minute bucket width'],
  [/^(.+)应为时间桶宽度 (.*) 分钟的整数倍$/, (what, n) => `${upper(label(what))} must be a multiple of the ${n}-minute bucket width`],
  [/^连续天数应为 1–(.*) 的整数$/, 'The number of consecutive days must be an integer from 1 to $1'],
  [/^最短保持时间应为 0–(.*) 分钟$/, 'The minimum hold time must be 0–$1 minutes'],
  [/^(.+?)条件（(.*)）不应比(.+?)条件（(.*)）宽松$/,
    (hi, a, lo, b) => `The ${lower(label(hi))} condition (${a}) must not be looser than the ${lower(label(lo))} condition (${b})`],
  [/^(.+)预警没有该级别$/, (type) => `${label(type)} warnings have no such level`],
  [/^(.+)预警没有(.+)级别$/, (type, level) => `${label(type)} warnings have no ${lower(label(level))} level`],
  [/^站点「(.*)」在不同绑定中的传感器不一致$/, 'Site “$1” has different sensors in different bindings'],
  [/^规则编号「(.*)」重复：同一模板绑定到不同对象时请另起编号$/, 'Duplicate rule ID “$1”: give each binding of the same template to a different target its own ID'],

  // CAP / GB/T 35965.1 documents
  [/^不是有效的(.+?)：(\S*) ?(.*?)(?:（共 (\d+) 处问题）)?$/,
    (what, path, message, n) => `Not a valid ${label(what)}: ${path}: ${nested(message)}${more(n)}`],
  [/^无法导出(.+?)：(\S*) ?(.*?)(?:（共 (\d+) 处问题）)?$/,
    (what, path, message, n) => `Cannot export the ${label(what)}: ${path}: ${nested(message)}${more(n)}`],
  [/^“&”后缺少实体引用的分号：(.*)$/, 'Missing semicolon after “&” in an entity reference: $1'],
  [/^未定义的实体引用 &(.*);：本系统不读取 DTD、不展开任何自定义实体$/, 'Undefined entity reference &$1;: this system neither reads DTDs nor expands custom entities'],
  [/^字符引用 &(.*); 不是 XML 允许的字符$/, 'Character reference &$1; is not a character that XML allows'],
  [/^元素 <(.*)> 的命名空间前缀“(.*)”未声明$/, 'The namespace prefix “$2” of element <$1> is not declared'],
  [/^文档超过 (.*) MB 上限$/, 'The document exceeds the $1 MB limit'],
  [/^不是格式正确的 XML：第 (\S+) 行第 (\S+) 列，(.*)$/, 'Not well-formed XML: line $1, column $2: $3'],
  [/^不是格式正确的 XML：(.*)$/, 'Not well-formed XML: $1'],
  [/^这是 Atom\/RSS 订阅源（根元素 <(.*)>），不是单条 CAP 预警：请先用订阅源读取其中的 CAP 链接$/,
    'This is an Atom/RSS feed (root element <$1>), not a single CAP alert: read the CAP links in it through the feed first'],
  [/^不是 CAP 文档：根元素是 <(.*)>，应为 CAP 1\.2 的 <alert>$/, 'Not a CAP document: the root element is <$1>; it must be the CAP 1.2 <alert>'],
  [/^不支持 CAP 1\.0（命名空间 (.*)），请提供 CAP 1\.2 文档$/, 'CAP 1.0 is not supported (namespace $1); provide a CAP 1.2 document'],
  [/^根元素 <alert> 没有 CAP 命名空间，应声明 xmlns="(.*?)"(.*)$/, (ns, rest) =>
    `The root element <alert> has no CAP namespace; declare xmlns="${ns}"${rest === '（看起来是 GB/T 35965.1 文档，请按该格式导入）' ? ' (this looks like a GB/T 35965.1 document; import it in that format)' : rest}`],
  [/^命名空间“(.*)”不是 CAP 1\.2（应为 (.*)）$/, 'Namespace “$1” is not CAP 1.2 (it must be $2)'],
  [/^不是预警文档：根元素是 <(.*)>，应为 <alert>$/, 'Not a warning document: the root element is <$1>; it must be <alert>'],
  [/^不是 Atom 或 RSS 订阅源：根元素是 <(.*?)>(.*)$/, (root, rest) =>
    `Not an Atom or RSS feed: the root element is <${root}>${rest.replace(/^（Atom 命名空间应为 (.*)）$/, ' (the Atom namespace must be $1)')}`],
  [/^<(.*)> 只能包含子元素，不能有文本“(.*)”$/, '<$1> may contain only child elements, not the text “$2”'],
  [/^元素 <(.*)> 不在(.*)中（所在命名空间：(.*)）$/, (el, where, ns) =>
    `Element <${el}> is not in ${where.trim().replace(/^CAP 命名空间 (.*)$/, 'the CAP namespace $1').replace(/^无命名空间的 GB\/T 35965\.1 文档$/, 'the GB/T 35965.1 document without a namespace')} (its namespace: ${label(ns)})`],
  [/^未知元素 <(.*)>：(.*)的 <(.*)> 中没有此元素$/, (el, doc, parent) => `Unknown element <${el}>: <${parent}> in ${label(doc)} has no such element`],
  [/^缺少必需元素 <(.*)>$/, 'Missing required element <$1>'],
  [/^<(.*)> 只能出现一次$/, '<$1> may appear only once'],
  [/^<(.*)> 应为文本值，不能包含子元素 <(.*)>$/, '<$1> must be a text value and cannot contain the child element <$2>'],
  [/^大小“(.*)”应为整数（字节）$/, 'Size “$1” must be an integer (bytes)'],
  [/^CAP 1\.1 时间“(.*)”没有时区，无法无损转换为 CAP 1\.2（CAP 1\.2 要求 ±hh:mm）$/,
    'CAP 1.1 time “$1” has no time zone and cannot be converted to CAP 1.2 without loss (CAP 1.2 requires ±hh:mm)'],
  [/^值“(.*)”无效，应为 (.*) 之一$/, (v, allowed) => `Invalid value “${v}”; it must be one of ${list(allowed)}`],
  [/^时间“(.*)”无效，应为带时区偏移的 YYYY-MM-DDThh:mm:ss±hh:mm（CAP 1\.2 不允许 Z 和小数秒）$/,
    'Invalid time “$1”; it must be YYYY-MM-DDThh:mm:ss±hh:mm with a time zone offset (CAP 1.2 allows neither Z nor fractional seconds)'],
  [/^语言代码“(.*)”无效，应如 zh-CN、en-US$/, 'Invalid language code “$1”; use a code such as zh-CN or en-US'],
  [/^“(.*)”应为十进制数（英尺）$/, '“$1” must be a decimal number (feet)'],
  [/^“(.*)”不符合 ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N（31 位，或无 _N 的 29 位）$/,
    '“$1” does not match ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N (31 characters, or 29 without _N)'],
  [/^“(.*)”应为 14 位发布单位编码$/, '“$1” must be a 14-digit sender code'],
  [/^“(.*)”应为 YYYY-MM-DD hh:mm:ss\+08:00$/, '“$1” must be YYYY-MM-DD hh:mm:ss+08:00'],
  [/^“(.*)”应为如 11B03 的预警事件类型代码$/, '“$1” must be a warning event type code such as 11B03'],
  [/^无效时间：(.*)$/, 'Invalid time: $1'],
  [/^发布单位编码无效：(.*)（应为 6 位行政区划代码 \+ 3 位机构代码 \+ 3 位子单位 \+ 2 位扩展）$/,
    'Invalid sender code: $1 (it must be a 6-digit administrative division code + 3-digit agency code + 3-digit sub-unit + 2-digit extension)'],
  [/^序号应为 0–9：(.*)$/, 'The sequence number must be 0–9: $1'],
  [/^sent 时间无效：(.*)$/, 'Invalid sent time: $1'],
  [/^无法生成 GB\/T 35965\.1 标识符：(.*)$/, 'Cannot generate a GB/T 35965.1 identifier: $1'],
  [/^sendTime 无效：(.*)（应为 YYYY-MM-DD hh:mm:ss\+08:00）$/, 'Invalid sendTime: $1 (it must be YYYY-MM-DD hh:mm:ss+08:00)'],
  [/^续报序号须为正整数，得到 (.*)$/, 'The follow-up report number must be a positive integer; got $1'],

  // situation report PDF
  [/^PDF 生成失败（字体 (.*)）：(.*)$/, 'PDF generation failed (font $1): $2'],
  [/^SHOUWANG_PDF_FONT 指定的字体无法用于 PDF：(.*)（(.*)）$/, (reason, font) => `The font set in SHOUWANG_PDF_FONT cannot be used for PDF: ${nested(reason)} (${font})`],

  // generic shapes last, so the specific messages above win
  [/^(.+)“(.*)”(.+)，不能删除$/, (register, name, uses) => `${label(register)} “${name}” cannot be deleted: ${list(uses)}`],
  [/^(.+)重复：(.*)$/, (what, key) => `Duplicate ${lower(label(what))}: ${key}`],
  [/^担任(.+)$/, 'Holds the role $1'],

  // route parameters and contracts
  [/^可导入：(.*)$/, (kinds) => `Importable: ${list(kinds)}`],
  [/^可导出：(.*)$/, (files) => `Exportable: ${list(files)}`],
  [/^须为日期，如 (.*)$/, 'Must be a date, e.g. $1'],

  // contracts: messages the text()/required()/count() helpers build around a field name
  [/^(.+)须为文字$/, (f) => `${fieldLabel(f)} must be text`],
  [/^(.+)不超过 (\d+) 字$/, (f, n) => `${fieldLabel(f)} must be at most ${n} characters`],
  [/^请填写(.+)$/, (f) => `Enter the ${lower(fieldLabel(f))}`],
  [/^(.+)须为整数$/, (f) => `${fieldLabel(f)} must be an integer`],
  [/^(.+)不能为负数$/, (f) => `${fieldLabel(f)} cannot be negative`],
  [/^(.+)过大$/, (f) => `${fieldLabel(f)} is too large`],

  // xlsx enumText (embedded in 应为…)
  [/^(.+)等 (\d+) 项之一（见“填写说明”）$/, (labels, n) => `one of ${list(labels)}, … (${n} options; see the instructions sheet)`],
  [/^(.+)之一$/, (labels) => `one of ${list(labels)}`],
];

/** English for a label (a table's name for a status, a register, a contract field), or undefined. */
export const labelToEnglish = (zh: string): string | undefined => LABELS.get(zh.trim()) ?? FIELD_LABELS.get(zh.trim());

/** English for a Chinese message, or undefined when the catalogue has none. */
export function toEnglish(zh: string): string | undefined {
  const s = trimmed(zh);
  const exact = EXACT.get(s);
  if (exact !== undefined) return exact;
  return firstMatch(PATTERNS, s);
}

/** The replacement of the first pattern `s` matches (its capture groups passed on), or undefined. */
export function firstMatch(patterns: ReadonlyArray<readonly [RegExp, Replacement]>, s: string): string | undefined {
  for (const [re, rep] of patterns) {
    const m = re.exec(s);
    if (m) return typeof rep === 'string' ? s.replace(re, rep) : rep(...m.slice(1).map((g) => g ?? ''));
  }
  return undefined;
}

/** The message in English when the catalogue knows it, otherwise unchanged. */
export const translateMessage = (zh: string): string => (CJK.test(zh) ? (toEnglish(zh) ?? zh) : zh);

/** Field paths are mostly property paths; the few said in Chinese (YAML line numbers, placeholders) in English. */
export function translatePath(path: string): string {
  if (!CJK.test(path)) return path;
  const root = (p: string) => ({ '(根)': '(root)', '(覆盖项)': '(overrides)', '(规则)': '(rule)' })[p] ?? p;
  const line = /^(.*)（第 (.*) 行）$/.exec(path);
  if (line) return `${root(line[1]!)} (line ${line[2]})`;
  const only = /^第 (.*) 行$/.exec(path);
  if (only) return `line ${only[1]}`;
  return root(path);
}
