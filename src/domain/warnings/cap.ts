// OASIS CAP 1.2 as plain data, and the Chinese GB/T 35965.1-2018 profile of it (REFERENCE.md §5.3).
// Pure: no XML here. src/server/modules/cap/cap-xml.ts reads and writes these types as documents.
//
// The types mirror the CAP 1.2 XSD one to one so that import → export keeps every element:
// repeatable elements are arrays in document order, optional ones are optional properties, and an
// element that was present but empty (`<note/>`) stays '' (not absent). Free text is kept exactly as
// written (whitespace included); only values of token-like XSD types (enumerations, dateTime,
// language, numbers, URIs, identifier, sender) are trimmed. ds:Signature is not modelled: see
// cap-xml.ts (a re-serialised alert could never carry a valid signature of the original bytes).
import type { Category } from '../incidents/model';
import type { UtcInstant } from '../shared/time';
import { HOUR_MS } from '../shared/time';
import type { Warning, WarningLevel } from './model';
import { WARNING_TYPES, findWarningType } from './model';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_11_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.1';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];
export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];
export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** eventCode, parameter and geocode: a valueName/value pair. */
export interface CapValuePair {
  valueName: string;
  value: string;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  /** Bytes (xs:integer). */
  size?: number;
  uri?: string;
  /** Base64 content, kept as written (line breaks included). */
  derefUri?: string;
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  /** "lat,lon lat,lon …" as written; parseCapPolygon reads one. */
  polygons: string[];
  /** "lat,lon radiusKm" as written; parseCapCircle reads one. */
  circles: string[];
  geocodes: CapValuePair[];
  /** Feet (xs:decimal), kept in its lexical form so nothing is lost. */
  altitude?: string;
  ceiling?: string;
}

export interface CapInfo {
  /** Absent means the XSD default en-US; kept absent so the round trip is exact. */
  language?: string;
  categories: CapCategory[];
  event: string;
  responseTypes: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience?: string;
  eventCodes: CapValuePair[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapValuePair[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  /** "YYYY-MM-DDThh:mm:ss±hh:mm" (CAP 1.2 forbids Z and fractions). */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  addresses?: string;
  codes: string[];
  note?: string;
  /** "sender,identifier,sent" triplets separated by spaces; parseCapReferences reads it. */
  references?: string;
  incidents?: string;
  infos: CapInfo[];
}

/** A problem found in a CAP value, with the element path ("alert/info[1]/severity"). */
export interface CapIssue {
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Values

const CAP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([-+])(\d{2}):(\d{2})$/;

function dateTimeParts(s: string) {
  const m = CAP_DATE_TIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se, oh, om] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i])) as [number, number, number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const ok = y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth && h <= 23 && mi <= 59 && se <= 59 && oh <= 14 && om <= 59;
  if (!ok) return null;
  const offsetMin = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  // Date.UTC maps years 0–99 to 1900+; setUTCFullYear keeps them.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, se));
  t.setUTCFullYear(y);
  return { utcMs: t.getTime() - offsetMin * 60_000 };
}

/** The CAP 1.2 dateTime form (XSD pattern \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d, and a real date). */
export const isCapDateTime = (s: string) => dateTimeParts(s) !== null;

export function capDateTimeToInstant(s: string): UtcInstant | null {
  const p = dateTimeParts(s);
  return p ? new Date(p.utcMs).toISOString() : null;
}

/** An instant as CAP writes it, in local time with its offset; Beijing (+08:00) unless told otherwise. */
export function toCapDateTime(at: UtcInstant, offsetMinutes = 480): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`无效时间：${at}`);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

/** CAP references: space-separated "sender,identifier,sent"; malformed entries are skipped. */
export function parseCapReferences(s: string): CapReference[] {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((t) => {
      const parts = t.split(',');
      if (parts.length !== 3 || parts.some((p) => p === '')) return [];
      const [sender = '', identifier = '', sent = ''] = parts;
      return [{ sender, identifier, sent }];
    });
}

export const formatCapReferences = (refs: readonly CapReference[]) =>
  refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');

/** A CAP polygon as [lat, lon] points, or null when it is not one (≥ 4 pairs, first = last, WGS 84 ranges). */
export function parseCapPolygon(s: string): [number, number][] | null {
  const pts = s.trim().split(/\s+/).map(parsePoint);
  if (pts.length < 4 || pts.some((p) => p === null)) return null;
  const ok = pts as [number, number][];
  const first = ok[0];
  const last = ok[ok.length - 1];
  return first && last && first[0] === last[0] && first[1] === last[1] ? ok : null;
}

/** A CAP circle "lat,lon radius" (radius in km), or null. */
export function parseCapCircle(s: string): { lat: number; lon: number; radiusKm: number } | null {
  const [pt, r, ...rest] = s.trim().split(/\s+/);
  const p = pt === undefined ? null : parsePoint(pt);
  const radiusKm = Number(r);
  if (!p || rest.length > 0 || r === undefined || !Number.isFinite(radiusKm) || radiusKm < 0) return null;
  return { lat: p[0], lon: p[1], radiusKm };
}

function parsePoint(t: string): [number, number] | null {
  const [a, b, ...rest] = t.split(',');
  const lat = Number(a);
  const lon = Number(b);
  if (rest.length > 0 || a === '' || b === '' || b === undefined) return null;
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lat, lon] : null;
}

// ---------------------------------------------------------------------------------------------
// Validation of values against the CAP 1.2 XSD (structure is the XML reader's job).

const XS_LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const XS_INTEGER = /^[+-]?\d+$/;
const XS_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// Characters XML 1.0 cannot carry at all (not even as a character reference).
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const listZh = (values: readonly string[]) => values.join('、');

/**
 * Every value-level violation of the CAP 1.2 XSD in an alert: enumerations, dateTime pattern, language,
 * integer/decimal, required non-empty identifier and sender, and characters XML cannot carry.
 * serializeCap refuses an alert with issues, so every export validates against CAP-v1.2.xsd.
 */
export function validateCapAlert(a: CapAlert): CapIssue[] {
  const issues: CapIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const oneOf = <T extends string>(path: string, v: string, allowed: readonly T[]) => {
    if (!(allowed as readonly string[]).includes(v)) add(path, `值“${v}”无效，应为 ${listZh(allowed)} 之一`);
  };
  const dateTime = (path: string, v: string | undefined) => {
    if (v !== undefined && !isCapDateTime(v)) {
      add(path, `时间“${v}”无效，应为带时区偏移的 YYYY-MM-DDThh:mm:ss±hh:mm（CAP 1.2 不允许 Z 和小数秒）`);
    }
  };
  const text = (path: string, v: string | undefined) => {
    if (v !== undefined && NOT_XML_CHAR.test(v)) add(path, '含有 XML 不允许的控制字符');
  };
  const pair = (path: string, p: CapValuePair) => {
    text(`${path}/valueName`, p.valueName);
    text(`${path}/value`, p.value);
  };

  if (a.identifier.trim() === '') add('alert/identifier', '不能为空');
  // CAP 1.2 §3.2.1 (not the XSD): references are "sender,identifier,sent" joined by spaces, so these break them.
  else if (/[\s,<&]/.test(a.identifier)) add('alert/identifier', '不能含空格、逗号、< 或 &（CAP 1.2 §3.2.1）');
  if (a.sender.trim() === '') add('alert/sender', '不能为空');
  text('alert/identifier', a.identifier);
  text('alert/sender', a.sender);
  dateTime('alert/sent', a.sent);
  oneOf('alert/status', a.status, CAP_STATUSES);
  oneOf('alert/msgType', a.msgType, CAP_MSG_TYPES);
  oneOf('alert/scope', a.scope, CAP_SCOPES);
  for (const k of ['source', 'restriction', 'addresses', 'note', 'references', 'incidents'] as const) text(`alert/${k}`, a[k]);
  a.codes.forEach((c, i) => text(`alert/code[${i + 1}]`, c));

  a.infos.forEach((info, i) => {
    const p = `alert/info[${i + 1}]`;
    if (info.language !== undefined && !XS_LANGUAGE.test(info.language)) add(`${p}/language`, `语言代码“${info.language}”无效，应如 zh-CN、en-US`);
    if (info.categories.length === 0) add(`${p}/category`, '至少需要一个 category');
    info.categories.forEach((c, j) => oneOf(`${p}/category[${j + 1}]`, c, CAP_CATEGORIES));
    info.responseTypes.forEach((r, j) => oneOf(`${p}/responseType[${j + 1}]`, r, CAP_RESPONSE_TYPES));
    oneOf(`${p}/urgency`, info.urgency, CAP_URGENCIES);
    oneOf(`${p}/severity`, info.severity, CAP_SEVERITIES);
    oneOf(`${p}/certainty`, info.certainty, CAP_CERTAINTIES);
    dateTime(`${p}/effective`, info.effective);
    dateTime(`${p}/onset`, info.onset);
    dateTime(`${p}/expires`, info.expires);
    for (const k of ['event', 'audience', 'senderName', 'headline', 'description', 'instruction', 'web', 'contact'] as const) text(`${p}/${k}`, info[k]);
    info.eventCodes.forEach((c, j) => pair(`${p}/eventCode[${j + 1}]`, c));
    info.parameters.forEach((c, j) => pair(`${p}/parameter[${j + 1}]`, c));
    info.resources.forEach((r, j) => {
      const rp = `${p}/resource[${j + 1}]`;
      if (r.size !== undefined && !(Number.isSafeInteger(r.size) && XS_INTEGER.test(String(r.size)))) add(`${rp}/size`, `大小“${r.size}”应为整数（字节）`);
      for (const k of ['resourceDesc', 'mimeType', 'uri', 'derefUri', 'digest'] as const) text(`${rp}/${k}`, r[k]);
    });
    info.areas.forEach((ar, j) => {
      const ap = `${p}/area[${j + 1}]`;
      text(`${ap}/areaDesc`, ar.areaDesc);
      ar.polygons.forEach((s, k) => text(`${ap}/polygon[${k + 1}]`, s));
      ar.circles.forEach((s, k) => text(`${ap}/circle[${k + 1}]`, s));
      ar.geocodes.forEach((g, k) => pair(`${ap}/geocode[${k + 1}]`, g));
      for (const k of ['altitude', 'ceiling'] as const) {
        const v = ar[k];
        if (v !== undefined && !XS_DECIMAL.test(v)) add(`${ap}/${k}`, `“${v}”应为十进制数（英尺）`);
      }
    });
  });
  return issues;
}

export const isCapInteger = (s: string) => XS_INTEGER.test(s);
export const isCapDecimal = (s: string) => XS_DECIMAL.test(s);

// ---------------------------------------------------------------------------------------------
// Warning ↔ CAP. Chosen mappings, as data:
//  - colour → severity: red Extreme, orange Severe, yellow Moderate, blue Minor (一级–四级, 第六十三条).
//  - urgency follows the signal lead times of REFERENCE.md §5.2 (red: within 2–6 h → Immediate; orange:
//    3–12 h → Expected; yellow and blue: 6–24 h → Future). A signal says "will reach, or has reached and
//    will continue", so certainty is Likely for all four.
//  - GB/T 35965.1 replaces the severity values by the colours themselves (REFERENCE.md §5.3).

export const GBT_SEVERITIES = ['Red', 'Orange', 'Yellow', 'Blue', 'Unknown'] as const;
export type GbtSeverity = (typeof GBT_SEVERITIES)[number];

export const LEVEL_TO_CAP: Record<WarningLevel, { severity: CapSeverity; urgency: CapUrgency; certainty: CapCertainty; gbt: GbtSeverity }> = {
  red: { severity: 'Extreme', urgency: 'Immediate', certainty: 'Likely', gbt: 'Red' },
  orange: { severity: 'Severe', urgency: 'Expected', certainty: 'Likely', gbt: 'Orange' },
  yellow: { severity: 'Moderate', urgency: 'Future', certainty: 'Likely', gbt: 'Yellow' },
  blue: { severity: 'Minor', urgency: 'Future', certainty: 'Likely', gbt: 'Blue' },
};

/** CAP severity ↔ GB/T 35965.1 colour (REFERENCE.md §5.3: the colours replace the CAP values). */
export const CAP_SEVERITY_TO_GBT: Record<CapSeverity, GbtSeverity> = {
  Extreme: 'Red',
  Severe: 'Orange',
  Moderate: 'Yellow',
  Minor: 'Blue',
  Unknown: 'Unknown',
};
export const GBT_SEVERITY_TO_CAP = Object.fromEntries(
  Object.entries(CAP_SEVERITY_TO_GBT).map(([cap, gbt]) => [gbt, cap]),
) as Record<GbtSeverity, CapSeverity>;

const SEVERITY_TO_LEVEL: Partial<Record<CapSeverity, WarningLevel>> = Object.fromEntries(
  Object.entries(LEVEL_TO_CAP).map(([level, m]) => [m.severity, level]),
);

/** CAP category of a warning type; types not listed take the default of their category. */
export const WARNING_TYPE_CAP_CATEGORY: Readonly<Record<string, CapCategory>> = {
  geohazard: 'Geo',
  flood: 'Met', // CAP 1.2: Met = "Meteorological (inc. flood)"
  air_pollution: 'Env',
  gas_leak: 'Safety',
  other: 'Other',
};
export const CATEGORY_TO_CAP: Record<Category, CapCategory> = {
  natural: 'Met',
  accident: 'Safety',
  public_health: 'Health',
  social_safety: 'Security',
};
/** Import direction, used when the warning type is not recognised. */
export const CAP_CATEGORY_TO_CATEGORY: Record<CapCategory, Category> = {
  Geo: 'natural',
  Met: 'natural',
  Env: 'natural',
  Safety: 'accident',
  Rescue: 'accident',
  Fire: 'accident',
  Transport: 'accident',
  Infra: 'accident',
  CBRNE: 'accident',
  Health: 'public_health',
  Security: 'social_safety',
  Other: 'natural',
};

/** eventCode valueNames this platform writes. Import recognises a national eventType under any valueName. */
export const EVENT_CODE_GBT = 'GB/T 35965.1 eventType';
export const EVENT_CODE_TYPE = 'shouwang:typeCode';
/** geocode valueName for Chinese division codes (6, 9 or 12 digits; 12 in the GB/T profile). */
export const GEOCODE_DIVISION = 'GB/T 2260';

/** English event words of foreign alerts → platform type (best effort; first match wins). */
export const EVENT_NAME_HINTS: readonly (readonly [RegExp, string])[] = [
  [/typhoon|hurricane|tropical (storm|cyclone)|cyclone/i, 'typhoon'],
  [/thunder|lightning/i, 'lightning'],
  [/blizzard|snow/i, 'snowstorm'],
  [/heavy rain|rainstorm|rainfall/i, 'rainstorm'],
  [/cold wave|extreme cold/i, 'cold_wave'],
  [/sand ?storm|dust ?storm/i, 'sandstorm'],
  [/heat/i, 'heat'],
  [/hail/i, 'hail'],
  [/frost|freeze/i, 'frost'],
  [/fog/i, 'fog'],
  [/haze|smog/i, 'haze'],
  [/icy road|road ic/i, 'road_icing'],
  [/drought/i, 'drought'],
  [/landslide|mudslide|debris flow/i, 'geohazard'],
  [/flood/i, 'flood'],
  [/\bwind\b|gale/i, 'gale'],
];

export interface WarningCapInput {
  identifier: string;
  sender: string;
  senderName?: string;
  sent: UtcInstant;
  msgType: CapMsgType;
  /** Earlier messages this one updates or cancels. */
  references?: readonly CapReference[];
  /** CAP status; default Draft while the warning is draft/approved, else Actual. (Not `status`: Warning has one.) */
  capStatus?: CapStatus;
  scope?: CapScope;
  restriction?: string;
  addresses?: string;
  note?: string;
  web?: string;
  contact?: string;
  responseTypes?: CapResponseType[];
  /** Override the level table. */
  urgency?: CapUrgency;
  certainty?: CapCertainty;
  polygons?: string[];
  circles?: string[];
  /** Offset of the written times; default +08:00 (Beijing, no daylight saving). */
  offsetMinutes?: number;
}

const nonEmpty = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);

/** A platform warning as one CAP 1.2 alert with one zh-CN info and one area. */
export function warningToCap(w: Warning & WarningCapInput): CapAlert {
  const type = findWarningType(w.typeCode);
  const lv = LEVEL_TO_CAP[w.level];
  const off = w.offsetMinutes ?? 480;
  const eventCodes: CapValuePair[] = [];
  if (type?.eventType) eventCodes.push({ valueName: EVENT_CODE_GBT, value: type.eventType });
  eventCodes.push({ valueName: EVENT_CODE_TYPE, value: w.typeCode });
  const info: CapInfo = {
    language: 'zh-CN',
    categories: [WARNING_TYPE_CAP_CATEGORY[w.typeCode] ?? CATEGORY_TO_CAP[w.category]],
    event: type?.zh ?? w.typeCode,
    responseTypes: w.responseTypes ?? [],
    urgency: w.urgency ?? lv.urgency,
    severity: lv.severity,
    certainty: w.certainty ?? lv.certainty,
    eventCodes,
    effective: toCapDateTime(w.issuedAt ?? w.sent, off),
    onset: toCapDateTime(w.onset, off),
    ...(w.expires ? { expires: toCapDateTime(w.expires, off) } : {}),
    senderName: w.senderName ?? w.issuer,
    headline: w.headline,
    ...(nonEmpty(w.description) ? { description: w.description } : {}),
    ...(nonEmpty(w.instruction) ? { instruction: w.instruction } : {}),
    ...(w.web ? { web: w.web } : {}),
    ...(w.contact ? { contact: w.contact } : {}),
    parameters: [],
    resources: [],
    areas: [
      {
        areaDesc: w.areaDesc,
        polygons: w.polygons ?? [],
        circles: w.circles ?? [],
        geocodes: w.jurisdictionCodes.map((value) => ({ valueName: GEOCODE_DIVISION, value })),
      },
    ],
  };
  return {
    identifier: w.identifier,
    sender: w.sender,
    sent: toCapDateTime(w.sent, off),
    status: w.capStatus ?? (w.status === 'draft' || w.status === 'approved' ? 'Draft' : 'Actual'),
    msgType: w.msgType,
    scope: w.scope ?? 'Public',
    ...(w.restriction !== undefined ? { restriction: w.restriction } : {}),
    ...(w.addresses !== undefined ? { addresses: w.addresses } : {}),
    codes: [],
    ...(w.note !== undefined ? { note: w.note } : {}),
    ...(w.references && w.references.length > 0 ? { references: formatCapReferences(w.references) } : {}),
    infos: [info],
  };
}

/** The info to read: the preferred language (zh-CN), then any zh-*, then the first. */
export function pickCapInfo(alert: CapAlert, preferred = 'zh-CN'): CapInfo | undefined {
  const lang = (i: CapInfo) => (i.language ?? 'en-US').toLowerCase();
  return (
    alert.infos.find((i) => lang(i) === preferred.toLowerCase()) ??
    alert.infos.find((i) => lang(i).startsWith('zh')) ??
    alert.infos[0]
  );
}

const TYPES_BY_ZH_LENGTH = [...WARNING_TYPES].filter((t) => t.code !== 'other').sort((a, b) => b.zh.length - a.zh.length);

/** Platform type of a CAP info: platform typeCode, then national eventType (any valueName), then words. */
export function capInfoWarningType(info: CapInfo) {
  for (const c of info.eventCodes) {
    if (c.valueName === EVENT_CODE_TYPE) {
      const t = findWarningType(c.value.trim());
      if (t) return t;
    }
  }
  for (const c of info.eventCodes) {
    const t = WARNING_TYPES.find((x) => x.eventType !== null && x.eventType === c.value.trim());
    if (t) return t;
  }
  for (const text of [info.event, info.headline ?? '']) {
    const zh = TYPES_BY_ZH_LENGTH.find((t) => text.includes(t.zh));
    if (zh) return zh;
    const hint = EVENT_NAME_HINTS.find(([re]) => re.test(text));
    if (hint) return findWarningType(hint[1]);
  }
  return undefined;
}

const COLOUR_WORDS: readonly (readonly [RegExp, WarningLevel])[] = [
  [/红色预警|\b(red (warning|alert)|code red)\b/i, 'red'],
  [/橙色预警|\b(orange (warning|alert)|code orange)\b/i, 'orange'],
  [/黄色预警|\b(yellow (warning|alert)|code yellow)\b/i, 'yellow'],
  [/蓝色预警|\b(blue (warning|alert)|code blue)\b/i, 'blue'],
];

/** Chinese division codes among the geocodes, back to the platform's 6/9/12-digit form. */
function divisionCodes(area: CapArea): string[] {
  return area.geocodes
    .filter((g) => /2260|35965|区划/.test(g.valueName) && /^\d{6}(\d{3}|\d{6})?$/.test(g.value.trim()))
    .map((g) => fromGbtGeocode(g.value.trim()));
}

/**
 * Best-effort platform warning from a CAP alert: severity → colour (Unknown: a colour named in the
 * headline, e.g. "暴雨橙色预警"), eventCode/eventType/words → type, zh-CN info preferred.
 * Fields that cannot be told are left out.
 */
export function capToWarning(alert: CapAlert): Partial<Warning> {
  const sent = capDateTimeToInstant(alert.sent);
  const out: Partial<Warning> = {
    origin: 'cap_import',
    status: alert.status === 'Draft' ? 'draft' : alert.msgType === 'Cancel' ? 'lifted' : 'issued',
    issuer: alert.sender,
    ...(sent ? { issuedAt: sent } : {}),
  };
  const info = pickCapInfo(alert);
  if (!info) return out;
  const type = capInfoWarningType(info);
  const firstCategory = info.categories[0];
  const level =
    SEVERITY_TO_LEVEL[info.severity] ??
    COLOUR_WORDS.find(([re]) => re.test(`${info.headline ?? ''} ${info.event}`))?.[1];
  const onset = capDateTimeToInstant(info.onset ?? info.effective ?? alert.sent);
  const expires = info.expires === undefined ? null : capDateTimeToInstant(info.expires);
  const zh = (info.language ?? '').toLowerCase().startsWith('zh');
  const codes = [...new Set(info.areas.flatMap(divisionCodes))];
  return {
    ...out,
    typeCode: type?.code ?? 'other',
    category: type && type.code !== 'other' ? type.category : firstCategory ? CAP_CATEGORY_TO_CATEGORY[firstCategory] : 'natural',
    ...(level ? { level } : {}),
    ...(onset ? { onset } : {}),
    expires,
    areaDesc: info.areas.map((a) => a.areaDesc.trim()).filter(Boolean).join(zh ? '；' : '; '),
    jurisdictionCodes: codes,
    headline: (info.headline ?? info.event).trim(),
    description: (info.description ?? '').trim(),
    instruction: (info.instruction ?? '').trim(),
    issuer: (info.senderName ?? alert.sender).trim(),
  };
}

// ---------------------------------------------------------------------------------------------
// GB/T 35965.1-2018 profile (REFERENCE.md §5.3, [V2]; the exact normative field list is [UNVERIFIED]).
// The profile keeps CAP's alert → info → area tree and its enumerations and changes these fields:
//   identifier  ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N (31 chars; the real 2020 sample has no _N: 29 chars)
//   sender      a name; senderCode (14 chars = ZZZZZZDDDUUUXX) is added
//   sendTime    replaces sent, "YYYY-MM-DD hh:mm:ss+08:00" (space, Beijing time)
//   code        structured code/method[] (methodName, message, audienceGrp) instead of CAP strings
//   secClassification added; references name earlier identifiers
//   info        eventType (national code, e.g. 11B06) added; severity Red/Orange/Yellow/Blue/Unknown
//   area        geocode = 12-digit division code

/** ZZZZZZ admin code (GB/T 2260) · DDD organisation (GB/T 4657) · UUU sub-unit · XX extension. */
const GBT_ID = /^(\d{6})([0-9A-Z]{3})([0-9A-Z]{3})([0-9A-Z]{2})_(\d{14})(?:_(\d))?$/;
const GBT_SENDER_CODE = /^\d{6}[0-9A-Z]{8}$/;
const GBT_SEND_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2})$/;

export interface GbtIdentifier {
  /** First 14 characters: the issuer's senderCode. */
  senderCode: string;
  adminCode: string;
  orgCode: string;
  unitCode: string;
  extension: string;
  issuedAt: UtcInstant;
  /** 0–9; null for the 29-character form without _N. */
  seq: number | null;
}

const beijingDigits = (at: UtcInstant) => new Date(Date.parse(at) + 8 * HOUR_MS).toISOString().slice(0, 19).replace(/\D/g, '');

export function gbtSenderCode(adminCode6: string, orgCode3: string, unitCode = '000', extension = '00'): string {
  const code = `${adminCode6}${orgCode3}${unitCode}${extension}`;
  if (!/^\d{6}$/.test(adminCode6) || !/^[0-9A-Z]{3}$/.test(orgCode3) || !/^[0-9A-Z]{3}$/.test(unitCode) || !/^[0-9A-Z]{2}$/.test(extension)) {
    throw new RangeError(`发布单位编码无效：${code}（应为 6 位行政区划代码 + 3 位机构代码 + 3 位子单位 + 2 位扩展）`);
  }
  return code;
}

/** "ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N" with the time in Beijing time. */
export function gbtIdentifier(
  adminCode6: string,
  orgCode3: string,
  at: UtcInstant,
  seq: number,
  opts: { unitCode?: string; extension?: string } = {},
): string {
  const sender = gbtSenderCode(adminCode6, orgCode3, opts.unitCode, opts.extension);
  if (!Number.isInteger(seq) || seq < 0 || seq > 9) throw new RangeError(`序号应为 0–9：${seq}`);
  if (Number.isNaN(Date.parse(at))) throw new RangeError(`无效时间：${at}`);
  return `${sender}_${beijingDigits(at)}_${seq}`;
}

/** Reads both the 31-character form and the 29-character form without _N; null when neither. */
export function parseGbtIdentifier(id: string): GbtIdentifier | null {
  const m = GBT_ID.exec(id);
  if (!m) return null;
  const [, adminCode = '', orgCode = '', unitCode = '', extension = '', t = '', n] = m;
  const iso = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}+08:00`;
  const issuedAt = capDateTimeToInstant(iso);
  if (!issuedAt) return null;
  return { senderCode: `${adminCode}${orgCode}${unitCode}${extension}`, adminCode, orgCode, unitCode, extension, issuedAt, seq: n === undefined ? null : Number(n) };
}

/** "YYYY-MM-DD hh:mm:ss+08:00" from an instant or a CAP dateTime. */
export function toGbtSendTime(at: UtcInstant | string): string {
  const instant = capDateTimeToInstant(at) ?? at;
  return toCapDateTime(instant, 480).replace('T', ' ');
}

/** GB/T sendTime → CAP sent (the same wall time and offset); null when it is not one. */
export function gbtSendTimeToCap(s: string): string | null {
  const m = GBT_SEND_TIME.exec(s.trim());
  const cap = m ? `${m[1]}T${m[2]}` : '';
  return isCapDateTime(cap) ? cap : null;
}

/** Division code as the profile's 12-digit geocode (6 → +000000, 9 → +000); null if not a division code. */
export function toGbtGeocode(code: string): string | null {
  if (/^\d{12}$/.test(code)) return code;
  if (/^\d{9}$/.test(code)) return `${code}000`;
  if (/^\d{6}$/.test(code)) return `${code}000000`;
  return null;
}

/** 12-digit geocode → the platform's shortest form (510000000000 → 510000, 511826100000 → 511826100). */
export function fromGbtGeocode(code: string): string {
  if (!/^\d{12}$/.test(code)) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

export interface GbtMethod {
  /** SPEAKER, SMS, WEB … */
  methodName: string;
  message?: string;
  audienceGrp?: string;
}

export type GbtArea = CapArea;

export interface GbtInfo extends Omit<CapInfo, 'severity'> {
  /** National event code (e.g. 11B03), written right after event. */
  eventType?: string;
  severity: GbtSeverity;
}

export interface GbtAlert extends Omit<CapAlert, 'sent' | 'codes' | 'infos'> {
  /** A name in this profile. */
  sender: string;
  senderCode: string;
  sendTime: string;
  secClassification?: string;
  methods: GbtMethod[];
  infos: GbtInfo[];
}

export interface GbtProfileOptions {
  /** 14 characters ZZZZZZDDDUUUXX. Default: from a GB/T identifier, or a CAP sender that is such a code. */
  senderCode?: string;
  /** The profile's sender is a name. Default: the first info's senderName, else the CAP sender. */
  senderName?: string;
  /** N of a new identifier when the CAP identifier is not in GB/T form (0–9, default 0). */
  seq?: number;
  secClassification?: string;
  methods?: GbtMethod[];
  /** eventType for infos that carry no national code. */
  eventType?: string;
}

const isDivisionGeocode = (g: CapValuePair) => /2260|35965|区划/.test(g.valueName) && toGbtGeocode(g.value.trim()) !== null;
const EVENT_TYPE_CODE = /^\d{2}[A-Z]\d{2}$/;

/**
 * Applies the Chinese profile to an alert: GB/T identifier and senderCode, sendTime in Beijing time,
 * colour severities, eventType, 12-digit geocodes. CAP codes (plain strings) have no place in the
 * profile's structured code/method and are dropped; give `methods` instead. Throws (zh-CN) when the
 * senderCode cannot be told.
 */
export function toGbt35965(alert: CapAlert, opts: GbtProfileOptions = {}): GbtAlert {
  const parsedId = parseGbtIdentifier(alert.identifier);
  const senderCode = opts.senderCode ?? parsedId?.senderCode ?? (GBT_SENDER_CODE.test(alert.sender) ? alert.sender : undefined);
  if (!senderCode || !GBT_SENDER_CODE.test(senderCode)) {
    throw new RangeError('无法确定 GB/T 35965.1 发布单位编码 senderCode（14 位：6 位行政区划代码 + 3 位机构代码 + 3 位子单位 + 2 位扩展）');
  }
  const sent = capDateTimeToInstant(alert.sent);
  if (!sent) throw new RangeError(`sent 时间无效：${alert.sent}`);
  const identifier = parsedId ? alert.identifier : `${senderCode}_${beijingDigits(sent)}_${opts.seq ?? 0}`;
  if (!parseGbtIdentifier(identifier)) throw new RangeError(`无法生成 GB/T 35965.1 标识符：${identifier}`);

  const infos = alert.infos.map((info): GbtInfo => {
    const national = info.eventCodes.find((c) => c.valueName === EVENT_CODE_GBT) ?? info.eventCodes.find((c) => EVENT_TYPE_CODE.test(c.value.trim()));
    const eventType = national?.value.trim() ?? opts.eventType ?? capInfoWarningType(info)?.eventType ?? undefined;
    const { severity, ...rest } = info;
    return {
      ...rest,
      ...(eventType ? { eventType } : {}),
      eventCodes: info.eventCodes.filter((c) => c.valueName !== EVENT_CODE_GBT),
      severity: CAP_SEVERITY_TO_GBT[severity],
      areas: info.areas.map((a) => ({
        ...a,
        geocodes: a.geocodes.map((g) => (isDivisionGeocode(g) ? { valueName: GEOCODE_DIVISION, value: toGbtGeocode(g.value.trim()) ?? g.value } : g)),
      })),
    };
  });

  const { sent: _sent, codes: _codes, infos: _infos, references, ...head } = alert;
  const refs = references === undefined ? [] : parseCapReferences(references);
  return {
    ...head,
    identifier,
    sender: opts.senderName ?? alert.infos.find((i) => i.senderName)?.senderName ?? alert.sender,
    senderCode,
    sendTime: toGbtSendTime(sent),
    ...(opts.secClassification !== undefined ? { secClassification: opts.secClassification } : {}),
    methods: opts.methods ?? [],
    ...(references === undefined ? {} : { references: refs.length > 0 ? refs.map((r) => r.identifier).join(' ') : references }),
    infos,
  };
}

/**
 * A profile document back to CAP 1.2: sender = senderCode, sent = sendTime, colours → CAP severities,
 * eventType → eventCode "GB/T 35965.1 eventType", 12-digit geocodes → the platform's shortest form,
 * references to GB/T identifiers → CAP triplets (sent = the time inside the identifier).
 * secClassification and methods have no CAP place and are dropped.
 */
export function fromGbt35965(g: GbtAlert): CapAlert {
  const sent = gbtSendTimeToCap(g.sendTime);
  if (!sent) throw new RangeError(`sendTime 无效：${g.sendTime}（应为 YYYY-MM-DD hh:mm:ss+08:00）`);
  const { senderCode, sendTime: _t, secClassification: _s, methods: _m, infos, references, ...head } = g;
  const refTriplet = (id: string) => {
    const p = parseGbtIdentifier(id);
    return p ? `${p.senderCode},${id},${toCapDateTime(p.issuedAt)}` : id;
  };
  return {
    ...head,
    sender: senderCode,
    sent,
    codes: [],
    ...(references === undefined ? {} : { references: references.split(/\s+/).filter(Boolean).map(refTriplet).join(' ') }),
    infos: infos.map((info): CapInfo => {
      const { eventType, severity, ...rest } = info;
      const hasCode = eventType !== undefined && info.eventCodes.some((c) => c.value === eventType);
      return {
        ...rest,
        ...(rest.senderName === undefined ? { senderName: g.sender } : {}),
        severity: GBT_SEVERITY_TO_CAP[severity],
        eventCodes: eventType === undefined || hasCode ? info.eventCodes : [{ valueName: EVENT_CODE_GBT, value: eventType }, ...info.eventCodes],
        areas: info.areas.map((a) => ({
          ...a,
          geocodes: a.geocodes.map((c) => (c.valueName === GEOCODE_DIVISION ? { ...c, value: fromGbtGeocode(c.value.trim()) } : c)),
        })),
      };
    }),
  };
}

/** Value checks of a profile document (severity colours, sendTime, identifier, senderCode, eventType). */
export function validateGbtAlert(g: GbtAlert): CapIssue[] {
  const issues: CapIssue[] = [];
  if (!parseGbtIdentifier(g.identifier)) issues.push({ path: 'alert/identifier', message: `“${g.identifier}”不符合 ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N（31 位，或无 _N 的 29 位）` });
  if (!GBT_SENDER_CODE.test(g.senderCode)) issues.push({ path: 'alert/senderCode', message: `“${g.senderCode}”应为 14 位发布单位编码` });
  if (!gbtSendTimeToCap(g.sendTime)) issues.push({ path: 'alert/sendTime', message: `“${g.sendTime}”应为 YYYY-MM-DD hh:mm:ss+08:00` });
  g.infos.forEach((info, i) => {
    if (!(GBT_SEVERITIES as readonly string[]).includes(info.severity)) {
      issues.push({ path: `alert/info[${i + 1}]/severity`, message: `值“${info.severity}”无效，应为 ${listZh(GBT_SEVERITIES)} 之一` });
    }
    if (info.eventType !== undefined && !EVENT_TYPE_CODE.test(info.eventType)) {
      issues.push({ path: `alert/info[${i + 1}]/eventType`, message: `“${info.eventType}”应为如 11B03 的预警事件类型代码` });
    }
  });
  // Everything else is CAP: check it through the CAP view (severity mapped back, sent from sendTime).
  const sent = gbtSendTimeToCap(g.sendTime);
  if (sent) {
    const asCap: CapAlert = { ...g, sent, codes: [], infos: g.infos.map((i) => ({ ...i, severity: GBT_SEVERITY_TO_CAP[i.severity] ?? 'Unknown' })) };
    issues.push(...validateCapAlert(asCap).filter((x) => !x.path.endsWith('/severity') && x.path !== 'alert/sent'));
  }
  return issues;
}
