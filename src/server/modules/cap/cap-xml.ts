// CAP 1.2 documents ⇄ CapAlert (domain/warnings/cap.ts), the GB/T 35965.1 profile document, and
// Atom/RSS feeds that link CAP alerts. Every refusal is an AppError `invalid` with a zh-CN message and
// the element path ("alert/info[2]/area[1]/altitude").
//
// Safety (untrusted documents from issuers never seen):
//  - a DOCTYPE or ENTITY declaration anywhere refuses the document before any parsing: no DTD is read,
//    no entity is expanded, nothing named in a document is fetched (XXE, billion laughs);
//  - fast-xml-parser runs with processEntities: false; this module decodes only the five predefined
//    entities and numeric character references, once, and refuses any other &name;
//  - 5 MB limit; the parser's nesting limit (100) bounds depth;
//  - processing instructions (xml-stylesheet …) and comments are dropped, never acted on.
//
// Parsing uses preserveOrder, so every child list is an array in document order: no single-vs-array
// guessing (what `isArray` would otherwise be needed for). Which CAP elements may repeat is stated
// once, in the sequence tables below, which drive both the reader (cardinality, required elements)
// and the writer (element order exactly as the XSD sequence).
//
// ds:Signature (xmldsig, allowed at the end of <alert>) is recognised and left out: re-serialising
// changes the signed bytes, so a kept signature could only be a broken one. parseCapDocument reports
// `signed: true`; verification is out of scope.
//
// CAP 1.1 (urn:oasis:names:tc:emergency:cap:1.1) is up-converted explicitly, and each change is listed
// in `notices`: namespace → 1.2; times with Z → +00:00, fractional seconds dropped (a time without a
// zone is refused); a resource without mimeType gets application/octet-stream; certainty
// "Very Likely" → Likely. CAP 1.0 is refused.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CAP_11_NAMESPACE,
  CAP_NAMESPACE,
  isCapDateTime,
  isCapInteger,
  validateCapAlert,
  validateGbtAlert,
  type CapAlert,
  type CapIssue,
  type GbtAlert,
} from '../../../domain/warnings/cap';
import type { UtcInstant } from '../../../domain/shared/time';
import { invalid, type FieldError } from '../../errors';

export const MAX_CAP_BYTES = 5 * 1024 * 1024;
const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
const CAP_10_NAMESPACE = 'http://www.incident.com/cap/1.0';
const MAX_REPORTED_ISSUES = 100;

const refuse = (path: string, message: string) => invalid([{ path, message }], message);

// ---------------------------------------------------------------------------------------------
// Safe XML → element tree with resolved namespaces

interface XEl {
  local: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XEl[];
  /** Text and CDATA content, decoded, in order. */
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
});

const PREDEFINED = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The five predefined entities and character references, once; anything else is refused. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw refuse('document', `“&”后缺少实体引用的分号：${whole.slice(0, 20)}`);
    const named = PREDEFINED.get(ref);
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw refuse('document', `未定义的实体引用 &${ref.slice(0, 40)};：本系统不读取 DTD、不展开任何自定义实体`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '', 10);
    if (!isXmlChar(cp)) throw refuse('document', `字符引用 &${ref}; 不是 XML 允许的字符`);
    return String.fromCodePoint(cp);
  });
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string | null>): XEl {
  const qname = Object.keys(node).find((k) => k !== ':@') ?? '';
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let ns = scope;
  const attrs = Object.create(null) as Record<string, string>; // attribute names are untrusted
  for (const [name, value] of Object.entries(rawAttrs)) {
    const v = decode(String(value));
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (ns === scope) ns = new Map(scope);
      (ns as Map<string, string | null>).set(name === 'xmlns' ? '' : name.slice(6), v === '' ? null : v);
    } else {
      attrs[name] = v;
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  if (prefix !== '' && !ns.has(prefix)) throw refuse('document', `元素 <${qname}> 的命名空间前缀“${prefix}”未声明`);
  const el: XEl = { local, ns: ns.get(prefix) ?? null, attrs, children: [], text: '' };
  for (const child of (node[qname] ?? []) as OrderedNode[]) {
    if ('#text' in child) el.text += decode(String(child['#text']));
    else if ('#cdata' in child) el.text += ((child['#cdata'] ?? []) as OrderedNode[]).map((t) => String(t['#text'] ?? '')).join('');
    else el.children.push(toElement(child, ns));
  }
  return el;
}

/** The document element of a well-formed, DTD-free document of at most 5 MB. */
function readXml(xml: unknown): XEl {
  if (typeof xml !== 'string') throw refuse('document', '文档应为文本');
  if (xml.length > MAX_CAP_BYTES || Buffer.byteLength(xml, 'utf8') > MAX_CAP_BYTES) {
    throw refuse('document', `文档超过 ${MAX_CAP_BYTES / 1024 / 1024} MB 上限`);
  }
  // XML 1.0 §2.11: line ends are normalised to LF before parsing (a literal CR survives only as &#13;).
  const doc = xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (doc.trim() === '') throw refuse('document', '文档为空');
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(doc)) {
    throw refuse('document', '文档含 DOCTYPE 或 ENTITY 声明，已拒绝：为防止 XXE 和实体膨胀攻击，本系统不读取 DTD、不展开实体');
  }
  if (!doc.trimStart().startsWith('<')) throw refuse('document', '不是 XML 文档');
  if (RAW_CONTROL.test(doc)) throw refuse('document', '文档含有 XML 不允许的控制字符');
  const check = XMLValidator.validate(doc);
  if (check !== true) {
    throw refuse('document', `不是格式正确的 XML：第 ${check.err.line} 行第 ${check.err.col} 列，${check.err.msg}`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(doc) as OrderedNode[];
  } catch (e) {
    throw refuse('document', `不是格式正确的 XML：${e instanceof Error ? e.message : String(e)}`);
  }
  const roots = nodes.filter((n) => !('#text' in n) && !('#cdata' in n));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw refuse('document', 'XML 文档应有且只有一个根元素');
  return toElement(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

// ---------------------------------------------------------------------------------------------
// Sequence tables: element order = XSD sequence order; '1' required, '?' optional, '+' one or more,
// '*' any number. A value naming another table is a complex element.

type Card = '1' | '?' | '+' | '*';
type Seq = Readonly<Record<string, Card>>;
interface Schema {
  tables: Readonly<Record<string, Seq>>;
  /** Element → table of a complex child. */
  complex: Readonly<Record<string, string>>;
  /** Leaf elements whose value is token-like (trimmed); others keep their text exactly. */
  token: ReadonlySet<string>;
}

const PAIR: Seq = { valueName: '1', value: '1' };
const CAP_INFO: Seq = {
  language: '?', category: '+', event: '1', responseType: '*', urgency: '1', severity: '1', certainty: '1', audience: '?',
  eventCode: '*', effective: '?', onset: '?', expires: '?', senderName: '?', headline: '?', description: '?', instruction: '?',
  web: '?', contact: '?', parameter: '*', resource: '*', area: '*',
};
const CAP_RESOURCE: Seq = { resourceDesc: '1', mimeType: '1', size: '?', uri: '?', derefUri: '?', digest: '?' };
const CAP_AREA: Seq = { areaDesc: '1', polygon: '*', circle: '*', geocode: '*', altitude: '?', ceiling: '?' };
const TOKEN = new Set([
  'identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'language', 'category', 'responseType', 'urgency', 'severity',
  'certainty', 'effective', 'onset', 'expires', 'web', 'mimeType', 'size', 'uri', 'altitude', 'ceiling',
  'senderCode', 'sendTime', 'eventType',
]);
const COMPLEX_CAP = { info: 'info', resource: 'resource', area: 'area', eventCode: 'pair', parameter: 'pair', geocode: 'pair' };

const CAP_SCHEMA: Schema = {
  tables: {
    alert: {
      identifier: '1', sender: '1', sent: '1', status: '1', msgType: '1', source: '?', scope: '1', restriction: '?',
      addresses: '?', code: '*', note: '?', references: '?', incidents: '?', info: '*',
    },
    info: CAP_INFO,
    resource: CAP_RESOURCE,
    area: CAP_AREA,
    pair: PAIR,
  },
  complex: COMPLEX_CAP,
  token: TOKEN,
};

// The GB/T 35965.1 document keeps the CAP structure with the profile's fields (REFERENCE.md §5.3):
// senderCode after sender, sendTime in place of sent, secClassification after msgType, one <code>
// holding <method> entries, eventType after event. The placement of the added elements is ours
// (the normative order is [UNVERIFIED]); the document has no namespace (it is not CAP-valid).
const GBT_SCHEMA: Schema = {
  tables: {
    alert: {
      identifier: '1', sender: '1', senderCode: '1', sendTime: '1', status: '1', msgType: '1', secClassification: '?',
      source: '?', scope: '1', restriction: '?', addresses: '?', code: '?', note: '?', references: '?', incidents: '?', info: '*',
    },
    code: { method: '*' },
    method: { methodName: '1', message: '?', audienceGrp: '?' },
    info: Object.fromEntries(Object.entries(CAP_INFO).flatMap(([k, v]) => (k === 'event' ? [[k, v], ['eventType', '?']] : [[k, v]]))),
    resource: CAP_RESOURCE,
    area: CAP_AREA,
    pair: PAIR,
  },
  complex: { ...COMPLEX_CAP, code: 'code', method: 'method' },
  token: TOKEN,
};

/** Element name → property name in the domain types. */
const PROP: Readonly<Record<string, string>> = {
  code: 'codes', info: 'infos', category: 'categories', responseType: 'responseTypes', eventCode: 'eventCodes',
  parameter: 'parameters', resource: 'resources', area: 'areas', polygon: 'polygons', circle: 'circles', geocode: 'geocodes',
  method: 'methods',
};
const propOf = (name: string) => PROP[name] ?? name;
const repeats = (c: Card) => c === '*' || c === '+';

// ---------------------------------------------------------------------------------------------
// Reader

interface ReadContext {
  schema: Schema;
  ns: string | null;
  version: '1.2' | '1.1' | 'gbt';
  errors: FieldError[];
  notices: string[];
  signed: boolean;
}

type Rec = Record<string, unknown>;

function readRecord(el: XEl, path: string, table: string, ctx: ReadContext): Rec {
  const seq = ctx.schema.tables[table] ?? {};
  const names = Object.keys(seq);
  if (el.text.trim() !== '') ctx.errors.push({ path, message: `<${el.local}> 只能包含子元素，不能有文本“${el.text.trim().slice(0, 30)}”` });
  noteAttributes(el, path, ctx);
  const groups = new Map<string, XEl[]>();
  let last = -1;
  let misordered = false;
  for (const child of el.children) {
    if (child.ns !== ctx.ns) {
      if (table === 'alert' && child.ns === XMLDSIG_NAMESPACE) {
        ctx.signed = true;
      } else if (names.includes(child.local)) {
        ctx.errors.push({ path: `${path}/${child.local}`, message: `元素 <${child.local}> 不在${nsLabel(ctx)}中（所在命名空间：${child.ns ?? '无'}）` });
      } else {
        ctx.notices.push(`${path}：忽略了其他命名空间的扩展元素 {${child.ns ?? ''}}${child.local}`);
      }
      continue;
    }
    const at = names.indexOf(child.local);
    if (at < 0) {
      ctx.errors.push({ path: `${path}/${child.local}`, message: `未知元素 <${child.local}>：${ctx.version === 'gbt' ? 'GB/T 35965.1 文档' : 'CAP 1.2'}的 <${el.local}> 中没有此元素` });
      continue;
    }
    if (at < last) misordered = true;
    last = Math.max(last, at);
    groups.set(child.local, [...(groups.get(child.local) ?? []), child]);
  }
  if (misordered) ctx.notices.push(`${path}：子元素顺序与 XSD 不同，导出时按标准顺序排列`);

  const rec: Rec = {};
  for (const name of names) {
    const card = seq[name] ?? '?';
    const found = groups.get(name) ?? [];
    if (found.length === 0 && (card === '1' || card === '+') && !upConvertMissing(name, rec, path, ctx)) {
      ctx.errors.push({ path: `${path}/${name}`, message: `缺少必需元素 <${name}>` });
      // A stand-in so the value checks can still run and report everything else in one go.
      if (card === '1' && !ctx.schema.complex[name]) rec[propOf(name)] = '';
    }
    if (found.length > 1 && !repeats(card)) ctx.errors.push({ path: `${path}/${name}[2]`, message: `<${name}> 只能出现一次` });
    const values = found.map((c, i) => {
      const p = repeats(card) ? `${path}/${name}[${i + 1}]` : `${path}/${name}`;
      const sub = ctx.schema.complex[name];
      return sub ? readRecord(c, p, sub, ctx) : readLeaf(c, p, ctx);
    });
    if (repeats(card)) rec[propOf(name)] = values;
    else if (values[0] !== undefined) rec[propOf(name)] = values[0];
  }
  return rec;
}

function readLeaf(el: XEl, path: string, ctx: ReadContext): unknown {
  if (el.children.length > 0) ctx.errors.push({ path, message: `<${el.local}> 应为文本值，不能包含子元素 <${el.children[0]?.local}>` });
  noteAttributes(el, path, ctx);
  const v = ctx.schema.token.has(el.local) ? el.text.trim() : el.text;
  if (el.local === 'size') {
    if (!isCapInteger(v) || !Number.isSafeInteger(Number(v))) {
      ctx.errors.push({ path, message: `大小“${v}”应为整数（字节）` });
      return undefined;
    }
    return Number(v);
  }
  return ctx.version === '1.1' ? upConvertValue(el.local, v, path, ctx) : v;
}

function noteAttributes(el: XEl, path: string, ctx: ReadContext) {
  const names = Object.keys(el.attrs).filter((a) => !a.startsWith('xsi:') && !a.startsWith('xml:'));
  if (names.length > 0) ctx.notices.push(`${path}：忽略了属性 ${names.join('、')}（CAP 元素没有属性）`);
}

const nsLabel = (ctx: ReadContext) => (ctx.ns === null ? '无命名空间的 GB/T 35965.1 文档' : ` CAP 命名空间 ${ctx.ns} `);

// CAP 1.1 → 1.2, explicit and listed in the notices.
const CAP11_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[-+]\d{2}:\d{2})?$/;
const TIME_ELEMENTS = new Set(['sent', 'effective', 'onset', 'expires']);

function upConvertValue(name: string, v: string, path: string, ctx: ReadContext): string {
  if (TIME_ELEMENTS.has(name) && !isCapDateTime(v)) {
    const m = CAP11_TIME.exec(v);
    if (!m) return v; // left for the value check, which names the problem
    if (m[3] === undefined) {
      ctx.errors.push({ path, message: `CAP 1.1 时间“${v}”没有时区，无法无损转换为 CAP 1.2（CAP 1.2 要求 ±hh:mm）` });
      return v;
    }
    const converted = `${m[1]}${m[3] === 'Z' ? '+00:00' : m[3]}`;
    ctx.notices.push(`${path}：CAP 1.1 时间“${v}”转换为 CAP 1.2 形式“${converted}”`);
    return converted;
  }
  if (name === 'certainty' && v === 'Very Likely') {
    ctx.notices.push(`${path}：CAP 1.1 的 certainty “Very Likely”按 CAP 1.2 改为 Likely`);
    return 'Likely';
  }
  return v;
}

function upConvertMissing(name: string, rec: Rec, path: string, ctx: ReadContext): boolean {
  if (ctx.version === '1.1' && name === 'mimeType') {
    rec.mimeType = 'application/octet-stream';
    ctx.notices.push(`${path}：CAP 1.1 资源缺少 mimeType（1.2 必填），补为 application/octet-stream`);
    return true;
  }
  return false;
}

function fail(ctx: ReadContext, issues: readonly CapIssue[], what: string): never {
  // A missing or misplaced element also fails its value check: report the first problem per path only.
  const seen = new Set<string>();
  const all = [...ctx.errors, ...issues].filter((e) => !seen.has(e.path) && seen.add(e.path)).slice(0, MAX_REPORTED_ISSUES);
  const first = all[0] ?? { path: 'alert', message: '未知错误' };
  const more = all.length > 1 ? `（共 ${all.length} 处问题）` : '';
  throw invalid(all, `不是有效的${what}：${first.path} ${first.message}${more}`);
}

export interface CapDocument {
  alert: CapAlert;
  /** The namespace the document came in; 1.1 was up-converted (see notices). */
  version: '1.2' | '1.1';
  /** An xmldsig Signature was present (and left out). */
  signed: boolean;
  /** What was converted, ignored or reordered, in zh-CN. */
  notices: string[];
}

/** A CAP 1.2 (or up-converted CAP 1.1) document with the notes of what reading it changed. */
export function parseCapDocument(xml: string): CapDocument {
  const root = readXml(xml);
  if (root.local !== 'alert') {
    if (root.local === 'feed' || root.local === 'rss' || root.local === 'RDF') {
      throw refuse('document', `这是 Atom/RSS 订阅源（根元素 <${root.local}>），不是单条 CAP 预警：请先用订阅源读取其中的 CAP 链接`);
    }
    throw refuse('document', `不是 CAP 文档：根元素是 <${root.local}>，应为 CAP 1.2 的 <alert>`);
  }
  let version: '1.2' | '1.1';
  if (root.ns === CAP_NAMESPACE) version = '1.2';
  else if (root.ns === CAP_11_NAMESPACE) version = '1.1';
  else if (root.ns === CAP_10_NAMESPACE) throw refuse('alert', `不支持 CAP 1.0（命名空间 ${CAP_10_NAMESPACE}），请提供 CAP 1.2 文档`);
  else if (root.ns === null) {
    const gbt = root.children.some((c) => c.local === 'senderCode' || c.local === 'sendTime');
    throw refuse('alert', `根元素 <alert> 没有 CAP 命名空间，应声明 xmlns="${CAP_NAMESPACE}"${gbt ? '（看起来是 GB/T 35965.1 文档，请按该格式导入）' : ''}`);
  } else throw refuse('alert', `命名空间“${root.ns}”不是 CAP 1.2（应为 ${CAP_NAMESPACE}）`);

  const ctx: ReadContext = { schema: CAP_SCHEMA, ns: root.ns, version, errors: [], notices: [], signed: false };
  if (version === '1.1') ctx.notices.push(`CAP 1.1 文档已转换为 CAP 1.2（命名空间 ${CAP_11_NAMESPACE} → ${CAP_NAMESPACE}）`);
  const rec = readRecord(root, 'alert', 'alert', ctx);
  const alert = rec as unknown as CapAlert;
  const issues = validateCapAlert(alert);
  if (ctx.errors.length > 0 || issues.length > 0) fail(ctx, issues, version === '1.1' ? ' CAP 1.1 预警（转换为 CAP 1.2 时）' : ' CAP 1.2 预警');
  if (ctx.signed) ctx.notices.push('alert：数字签名 ds:Signature 未保留（重新导出后原签名必然失效），也未验证');
  return { alert, version, signed: ctx.signed, notices: ctx.notices };
}

/** A CAP 1.2 document (CAP 1.1 is up-converted, see parseCapDocument) → CapAlert. */
export const parseCap = (xml: string): CapAlert => parseCapDocument(xml).alert;

/** A GB/T 35965.1 profile document (as serializeGbt35965 writes it: <alert> without namespace). */
export function parseGbt35965(xml: string): GbtAlert {
  const root = readXml(xml);
  if (root.local !== 'alert') throw refuse('document', `不是预警文档：根元素是 <${root.local}>，应为 <alert>`);
  if (root.ns === CAP_NAMESPACE || root.ns === CAP_11_NAMESPACE) throw refuse('alert', '这是 CAP 文档，不是 GB/T 35965.1 文档：请按 CAP 导入');
  const ctx: ReadContext = { schema: GBT_SCHEMA, ns: root.ns, version: 'gbt', errors: [], notices: [], signed: false };
  const rec = readRecord(root, 'alert', 'alert', ctx);
  const code = rec.codes as Rec | undefined;
  delete rec.codes;
  const alert = { ...rec, methods: (code?.methods as unknown[] | undefined) ?? [] } as unknown as GbtAlert;
  const issues = validateGbtAlert(alert);
  if (ctx.errors.length > 0 || issues.length > 0) fail(ctx, issues, ' GB/T 35965.1 预警');
  return alert;
}

// ---------------------------------------------------------------------------------------------
// Writer

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const escapeText = (s: string) => s.replace(/[&<>\r]/g, (c) => ESCAPES[c] ?? c);

function writeRecord(out: string[], name: string, rec: Rec, table: string, schema: Schema, depth: number, rootAttrs = '') {
  const pad = '  '.repeat(depth);
  out.push(`${pad}<${name}${rootAttrs}>`);
  for (const [child, card] of Object.entries(schema.tables[table] ?? {})) {
    const v = rec[propOf(child)];
    if (v === undefined) continue;
    const items = repeats(card) && Array.isArray(v) ? v : [v];
    const sub = schema.complex[child];
    for (const item of items) {
      if (sub) writeRecord(out, child, item as Rec, sub, schema, depth + 1);
      else {
        const text = String(item);
        out.push(text === '' ? `${pad}  <${child}/>` : `${pad}  <${child}>${escapeText(text)}</${child}>`);
      }
    }
  }
  out.push(`${pad}</${name}>`);
}

function refuseIssues(issues: readonly CapIssue[], what: string): never {
  const first = issues[0] ?? { path: 'alert', message: '' };
  throw invalid(issues.slice(0, MAX_REPORTED_ISSUES), `无法导出${what}：${first.path} ${first.message}${issues.length > 1 ? `（共 ${issues.length} 处问题）` : ''}`);
}

/**
 * CAP 1.2 XML, valid against CAP-v1.2.xsd: default namespace urn:oasis:names:tc:emergency:cap:1.2,
 * elements in XSD sequence order, text escaped (a CR as &#13; so it survives). Refuses (AppError) an
 * alert whose values the XSD would reject.
 */
export function serializeCap(alert: CapAlert): string {
  const issues = validateCapAlert(alert);
  if (issues.length > 0) refuseIssues(issues, ' CAP 1.2 预警');
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeRecord(out, 'alert', alert as unknown as Rec, 'alert', CAP_SCHEMA, 0, ` xmlns="${CAP_NAMESPACE}"`);
  return `${out.join('\n')}\n`;
}

/**
 * The GB/T 35965.1 profile document: CAP element names and structure, no namespace, with senderCode,
 * sendTime (instead of sent), secClassification, <code><method>…</method></code>, info/eventType and
 * colour severities (see GBT_SCHEMA above for the order).
 */
export function serializeGbt35965(alert: GbtAlert): string {
  const issues = validateGbtAlert(alert);
  if (issues.length > 0) refuseIssues(issues, ' GB/T 35965.1 预警');
  const { methods, ...rest } = alert;
  const rec: Rec = { ...rest, ...(methods.length > 0 ? { codes: { methods } } : {}) };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeRecord(out, 'alert', rec, 'alert', GBT_SCHEMA, 0);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Atom / RSS feeds that link CAP alerts

export interface CapFeedEntry {
  /** Atom id, RSS guid, else the CAP URL. */
  id: string;
  /** Atom updated (else published), RSS pubDate (else dc:date), as a UTC instant; null when absent or unreadable. */
  updated: UtcInstant | null;
  /** Absolute http(s) URL of the CAP document. */
  capUrl: string;
  title: string;
}

const childrenNamed = (el: XEl, local: string, ns?: string | null) =>
  el.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns));
const textOf = (el: XEl | undefined) => (el ? el.text.trim() : '');
const instant = (s: string): UtcInstant | null => {
  const ms = s === '' ? NaN : Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};
const CAP_TYPE = /cap\+xml/i;
const XML_TYPE = /xml/i;

function httpUrl(href: string | undefined, baseUrl: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = baseUrl ? new URL(href.trim(), baseUrl) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function atomEntry(entry: XEl, baseUrl: string | undefined): CapFeedEntry | null {
  const a = (name: string) => childrenNamed(entry, name, ATOM_NAMESPACE);
  const links = a('link').map((l) => ({ href: l.attrs.href, rel: l.attrs.rel ?? 'alternate', type: l.attrs.type ?? '' }));
  // The link typed application/cap+xml; else the alternate link (NWS writes no type); else content@src; else the id.
  const pick =
    links.find((l) => CAP_TYPE.test(l.type)) ??
    links.find((l) => l.rel === 'alternate' && (l.type === '' || XML_TYPE.test(l.type))) ??
    links.find((l) => XML_TYPE.test(l.type));
  const content = a('content')[0];
  const id = textOf(a('id')[0]);
  const capUrl =
    httpUrl(pick?.href, baseUrl) ?? (content && CAP_TYPE.test(content.attrs.type ?? '') ? httpUrl(content.attrs.src, baseUrl) : null) ?? httpUrl(id, baseUrl);
  if (!capUrl) return null;
  return { id: id || capUrl, updated: instant(textOf(a('updated')[0]) || textOf(a('published')[0])), capUrl, title: textOf(a('title')[0]) };
}

function rssItem(item: XEl, baseUrl: string | undefined): CapFeedEntry | null {
  const own = (name: string) => item.children.find((c) => c.local === name && (c.ns === null || c.ns === item.ns));
  const enclosure = item.children.find((c) => c.local === 'enclosure' && CAP_TYPE.test(c.attrs.type ?? ''));
  const atomLink = childrenNamed(item, 'link', ATOM_NAMESPACE).find((l) => CAP_TYPE.test(l.attrs.type ?? ''));
  const guid = own('guid');
  const guidUrl = guid && guid.attrs.isPermaLink !== 'false' ? textOf(guid) : undefined;
  const capUrl =
    httpUrl(enclosure?.attrs.url, baseUrl) ?? httpUrl(atomLink?.attrs.href, baseUrl) ?? httpUrl(textOf(own('link')), baseUrl) ?? httpUrl(guidUrl, baseUrl);
  if (!capUrl) return null;
  const date = item.children.find((c) => c.local === 'date'); // dc:date (RSS 1.0)
  return { id: textOf(guid) || capUrl, updated: instant(textOf(own('pubDate')) || textOf(date)), capUrl, title: textOf(own('title')) };
}

/**
 * An Atom or RSS (2.0 or 1.0) feed → the CAP documents it links, in feed order. Entries without an
 * absolute http(s) link (after resolving against baseUrl, when given) are skipped: nothing named in a
 * feed is fetched here, and file: or other schemes never reach the poller.
 */
export function parseCapFeed(xml: string, baseUrl?: string): CapFeedEntry[] {
  const root = readXml(xml);
  let items: XEl[];
  let read: (el: XEl, base: string | undefined) => CapFeedEntry | null;
  if (root.local === 'feed' && root.ns === ATOM_NAMESPACE) {
    items = childrenNamed(root, 'entry', ATOM_NAMESPACE);
    read = atomEntry;
  } else if (root.local === 'rss') {
    items = childrenNamed(root, 'channel').flatMap((c) => childrenNamed(c, 'item'));
    read = rssItem;
  } else if (root.local === 'RDF') {
    items = childrenNamed(root, 'item');
    read = rssItem;
  } else if (root.local === 'alert') {
    throw refuse('document', '这是单条 CAP 预警，不是 Atom/RSS 订阅源');
  } else {
    throw refuse('document', `不是 Atom 或 RSS 订阅源：根元素是 <${root.local}>${root.local === 'feed' ? `（Atom 命名空间应为 ${ATOM_NAMESPACE}）` : ''}`);
  }
  return items.map((i) => read(i, baseUrl)).filter((e): e is CapFeedEntry => e !== null);
}
