import { describe, expect, it } from 'vitest';
import {
  CAP_SEVERITY_TO_GBT,
  EVENT_CODE_GBT,
  EVENT_CODE_TYPE,
  GBT_SEVERITY_TO_CAP,
  GEOCODE_DIVISION,
  LEVEL_TO_CAP,
  capDateTimeToInstant,
  capToWarning,
  formatCapReferences,
  fromGbt35965,
  fromGbtGeocode,
  gbtIdentifier,
  gbtSendTimeToCap,
  gbtSenderCode,
  isCapDateTime,
  parseCapCircle,
  parseCapPolygon,
  parseCapReferences,
  parseGbtIdentifier,
  pickCapInfo,
  toCapDateTime,
  toGbt35965,
  toGbtGeocode,
  toGbtSendTime,
  validateCapAlert,
  validateGbtAlert,
  warningToCap,
  type CapAlert,
  type CapInfo,
} from './cap';
import { WARNING_LEVELS, type Warning } from './model';

const WARNING: Warning = {
  id: 'w1',
  typeCode: 'rainstorm',
  category: 'natural',
  level: 'orange',
  status: 'issued',
  origin: 'person',
  onset: '2026-07-01T02:00:00.000Z',
  expires: '2026-07-01T14:00:00.000Z',
  areaDesc: '江油市、平武县',
  jurisdictionCodes: ['510781', '510727', '510781100'],
  headline: '绵阳市气象台发布暴雨橙色预警[II级/严重]',
  description: '预计未来3小时内，江油市、平武县将出现50毫米以上降雨。',
  instruction: '1. 政府及相关部门按照职责做好防暴雨应急工作；',
  issuer: '绵阳市气象台',
  issuedAt: '2026-07-01T01:30:00.000Z',
};
const GBT_ID = gbtIdentifier('510700', '418', '2026-07-01T01:30:00.000Z', 0);
const EXPORT = { identifier: GBT_ID, sender: '51070041800000', sent: '2026-07-01T01:30:00.000Z', msgType: 'Alert' as const };

const info = (over: Partial<CapInfo> = {}): CapInfo => ({
  categories: ['Met'],
  event: 'Test',
  responseTypes: [],
  urgency: 'Unknown',
  severity: 'Unknown',
  certainty: 'Unknown',
  eventCodes: [],
  parameters: [],
  resources: [],
  areas: [],
  ...over,
});
const alert = (over: Partial<CapAlert> = {}): CapAlert => ({
  identifier: 'ID-1',
  sender: 'ops@example.org',
  sent: '2026-07-01T09:30:00+08:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  codes: [],
  infos: [info()],
  ...over,
});

describe('CAP 1.2 values', () => {
  it('dateTime: the XSD pattern with a numeric offset and a real date; Z, fractions and impossible dates are not CAP 1.2', () => {
    for (const ok of ['2026-07-01T09:30:00+08:00', '2019-07-12T17:59:29-00:00', '2024-02-29T00:00:00-05:30']) expect(isCapDateTime(ok)).toBe(true);
    for (const bad of ['2026-07-01T01:30:00Z', '2026-07-01T09:30:00.5+08:00', '2026-07-01T09:30:00', '2026-07-01 09:30:00+08:00', '2025-02-29T00:00:00+08:00', '2026-13-01T00:00:00+08:00', '2026-07-01T24:00:00+08:00', '2026-07-01T09:30:00+15:00']) {
      expect(isCapDateTime(bad), bad).toBe(false);
    }
  });

  it('dateTime ⇄ instant, written in Beijing time by default (no fractions)', () => {
    expect(capDateTimeToInstant('2019-07-12T17:59:29-00:00')).toBe('2019-07-12T17:59:29.000Z');
    expect(capDateTimeToInstant('2026-07-01T09:30:00+08:00')).toBe('2026-07-01T01:30:00.000Z');
    expect(capDateTimeToInstant('nope')).toBeNull();
    expect(toCapDateTime('2026-07-01T01:30:00.789Z')).toBe('2026-07-01T09:30:00+08:00');
    expect(toCapDateTime('2026-07-01T01:30:00.000Z', -300)).toBe('2026-06-30T20:30:00-05:00');
    expect(toCapDateTime('2026-07-01T01:30:00.000Z', 0)).toBe('2026-07-01T01:30:00+00:00');
    expect(() => toCapDateTime('garbage')).toThrow(RangeError);
  });

  it('references: "sender,identifier,sent" triplets, malformed ones skipped', () => {
    const refs = parseCapReferences('a@b,ID-1,2026-07-01T09:30:00+08:00  a@b,ID-2,2026-07-01T10:30:00+08:00 broken,pair');
    expect(refs).toEqual([
      { sender: 'a@b', identifier: 'ID-1', sent: '2026-07-01T09:30:00+08:00' },
      { sender: 'a@b', identifier: 'ID-2', sent: '2026-07-01T10:30:00+08:00' },
    ]);
    expect(formatCapReferences(refs)).toBe('a@b,ID-1,2026-07-01T09:30:00+08:00 a@b,ID-2,2026-07-01T10:30:00+08:00');
  });

  it('polygon (≥ 4 points, closed) and circle (point + radius km)', () => {
    expect(parseCapPolygon('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14')).toEqual([[38.47, -120.14], [38.34, -119.95], [38.52, -119.74], [38.47, -120.14]]);
    expect(parseCapPolygon('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89')).toBeNull(); // not closed
    expect(parseCapPolygon('1,2 3,4 1,2')).toBeNull(); // too few
    expect(parseCapPolygon('91,0 0,0 0,1 91,0')).toBeNull(); // latitude out of range
    expect(parseCapCircle('32.9525,-115.5527 0')).toEqual({ lat: 32.9525, lon: -115.5527, radiusKm: 0 });
    expect(parseCapCircle('32.9525,-115.5527')).toBeNull();
    expect(parseCapCircle('32.9525,-115.5527 -1')).toBeNull();
  });

  it('validateCapAlert names every value the XSD would refuse, with its element path', () => {
    const bad = alert({
      identifier: ' ',
      sent: '2026-07-01T01:30:00Z',
      status: 'Live' as never,
      msgType: 'Notice' as never,
      scope: 'Everyone' as never,
      codes: ['ok', 'bad\u0001'],
      infos: [
        info({ language: 'zh_CN', categories: [], urgency: 'Soon' as never, severity: 'Red' as never, certainty: 'Sure' as never, expires: '2026-07-01' }),
        info({
          categories: ['Met', 'Weather' as never],
          responseTypes: ['Run' as never],
          resources: [{ resourceDesc: 'x', mimeType: 'image/png', size: 1.5 }],
          areas: [{ areaDesc: 'a', polygons: [], circles: [], geocodes: [], altitude: 'high', ceiling: '1e3' }],
        }),
      ],
    });
    const paths = validateCapAlert(bad).map((i) => i.path);
    expect(paths).toEqual([
      'alert/identifier',
      'alert/sent',
      'alert/status',
      'alert/msgType',
      'alert/scope',
      'alert/code[2]',
      'alert/info[1]/language',
      'alert/info[1]/category',
      'alert/info[1]/urgency',
      'alert/info[1]/severity',
      'alert/info[1]/certainty',
      'alert/info[1]/expires',
      'alert/info[2]/category[2]',
      'alert/info[2]/responseType[1]',
      'alert/info[2]/resource[1]/size',
      'alert/info[2]/area[1]/altitude',
      'alert/info[2]/area[1]/ceiling',
    ]);
    const sev = validateCapAlert(bad).find((i) => i.path === 'alert/info[1]/severity');
    expect(sev?.message).toBe('值“Red”无效，应为 Extreme、Severe、Moderate、Minor、Unknown 之一');
    expect(validateCapAlert(alert())).toEqual([]);
    expect(validateCapAlert(alert({ identifier: 'has space' }))[0]?.path).toBe('alert/identifier');
  });
});

describe('warning → CAP', () => {
  it('one zh-CN info: colour → severity/urgency/certainty from LEVEL_TO_CAP, national eventType and typeCode as eventCodes, divisions as geocodes, Beijing times', () => {
    const cap = warningToCap({ ...WARNING, ...EXPORT, references: [{ sender: 'x', identifier: 'y', sent: '2026-07-01T08:00:00+08:00' }] });
    expect(cap).toEqual({
      identifier: GBT_ID,
      sender: '51070041800000',
      sent: '2026-07-01T09:30:00+08:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      codes: [],
      references: 'x,y,2026-07-01T08:00:00+08:00',
      infos: [
        {
          language: 'zh-CN',
          categories: ['Met'],
          event: '暴雨',
          responseTypes: [],
          urgency: 'Expected',
          severity: 'Severe',
          certainty: 'Likely',
          eventCodes: [
            { valueName: EVENT_CODE_GBT, value: '11B03' },
            { valueName: EVENT_CODE_TYPE, value: 'rainstorm' },
          ],
          effective: '2026-07-01T09:30:00+08:00',
          onset: '2026-07-01T10:00:00+08:00',
          expires: '2026-07-01T22:00:00+08:00',
          senderName: '绵阳市气象台',
          headline: WARNING.headline,
          description: WARNING.description,
          instruction: WARNING.instruction,
          parameters: [],
          resources: [],
          areas: [
            {
              areaDesc: '江油市、平武县',
              polygons: [],
              circles: [],
              geocodes: [
                { valueName: GEOCODE_DIVISION, value: '510781' },
                { valueName: GEOCODE_DIVISION, value: '510727' },
                { valueName: GEOCODE_DIVISION, value: '510781100' },
              ],
            },
          ],
        },
      ],
    });
    expect(validateCapAlert(cap)).toEqual([]);
  });

  it('every colour maps to its CAP severity (red Extreme … blue Minor) and back', () => {
    expect(Object.fromEntries(WARNING_LEVELS.map((l) => [l, LEVEL_TO_CAP[l].severity]))).toEqual({ red: 'Extreme', orange: 'Severe', yellow: 'Moderate', blue: 'Minor' });
    for (const level of WARNING_LEVELS) {
      expect(capToWarning(warningToCap({ ...WARNING, ...EXPORT, level })).level).toBe(level);
    }
  });

  it('CAP category follows the type, else the platform category; drafts are CAP Draft; empty texts are left out; options override', () => {
    const cat = (typeCode: string, category: Warning['category']) => warningToCap({ ...WARNING, ...EXPORT, typeCode, category }).infos[0]?.categories;
    expect(cat('geohazard', 'natural')).toEqual(['Geo']);
    expect(cat('air_pollution', 'public_health')).toEqual(['Env']);
    expect(cat('gas_leak', 'accident')).toEqual(['Safety']);
    expect(cat('flood', 'natural')).toEqual(['Met']);
    expect(cat('unlisted', 'social_safety')).toEqual(['Security']);
    const draft = warningToCap({ ...WARNING, ...EXPORT, status: 'draft', description: '', instruction: '', expires: null, capStatus: undefined });
    expect(draft.status).toBe('Draft');
    expect(draft.infos[0]).not.toHaveProperty('description');
    expect(draft.infos[0]).not.toHaveProperty('expires');
    const custom = warningToCap({ ...WARNING, ...EXPORT, capStatus: 'Exercise', urgency: 'Immediate', responseTypes: ['Prepare'], polygons: ['1,1 1,2 2,2 1,1'], circles: ['1,1 5'], offsetMinutes: 0 });
    expect(custom).toMatchObject({ status: 'Exercise', sent: '2026-07-01T01:30:00+00:00' });
    expect(custom.infos[0]).toMatchObject({ urgency: 'Immediate', responseTypes: ['Prepare'], areas: [{ polygons: ['1,1 1,2 2,2 1,1'], circles: ['1,1 5'] }] });
    const other = warningToCap({ ...WARNING, ...EXPORT, typeCode: 'flood' }).infos[0];
    expect(other?.eventCodes).toEqual([{ valueName: EVENT_CODE_TYPE, value: 'flood' }]);
  });
});

describe('CAP → warning (best effort)', () => {
  it('a platform export comes back with its fields', () => {
    const w = capToWarning(warningToCap({ ...WARNING, ...EXPORT }));
    expect(w).toEqual({
      origin: 'cap_import',
      status: 'issued',
      issuer: '绵阳市气象台',
      issuedAt: '2026-07-01T01:30:00.000Z',
      typeCode: 'rainstorm',
      category: 'natural',
      level: 'orange',
      onset: WARNING.onset,
      expires: WARNING.expires,
      areaDesc: WARNING.areaDesc,
      jurisdictionCodes: WARNING.jurisdictionCodes,
      headline: WARNING.headline,
      description: WARNING.description,
      instruction: WARNING.instruction,
    });
  });

  it('prefers the zh-CN info, then any zh, then the first', () => {
    const en = info({ language: 'en-US', event: 'Gale', severity: 'Minor' });
    const zh = info({ language: 'zh-CN', event: '大风', severity: 'Severe' });
    const zhTw = info({ language: 'zh-TW', event: '大風' });
    expect(pickCapInfo(alert({ infos: [en, zh] }))).toBe(zh);
    expect(pickCapInfo(alert({ infos: [en, zhTw] }))).toBe(zhTw);
    expect(pickCapInfo(alert({ infos: [en] }))).toBe(en);
    expect(pickCapInfo(alert({ infos: [] }))).toBeUndefined();
    expect(capToWarning(alert({ infos: [en, zh] }))).toMatchObject({ typeCode: 'gale', level: 'orange' });
  });

  it('type from the national eventType under any valueName, else from words (zh names, English hints); unknown → other with the CAP category', () => {
    const type = (i: Partial<CapInfo>) => capToWarning(alert({ infos: [info(i)] }));
    expect(type({ eventCodes: [{ valueName: 'eventType', value: '11B17' }] })).toMatchObject({ typeCode: 'fog', category: 'natural' });
    expect(type({ event: '道路结冰' })).toMatchObject({ typeCode: 'road_icing' });
    expect(type({ event: 'Hurricane Warning' })).toMatchObject({ typeCode: 'typhoon' });
    expect(type({ event: 'Wind Advisory' })).toMatchObject({ typeCode: 'gale' });
    expect(type({ event: 'Severe Thunderstorm' })).toMatchObject({ typeCode: 'lightning' });
    expect(type({ event: 'Child Abduction', categories: ['Rescue'] })).toMatchObject({ typeCode: 'other', category: 'accident' });
    expect(type({ event: 'Advisory', categories: ['Health'] })).toMatchObject({ typeCode: 'other', category: 'public_health' });
  });

  it('severity Unknown: a colour named in the headline; else no level', () => {
    expect(capToWarning(alert({ infos: [info({ language: 'zh-CN', event: '暴雨', headline: '某县气象台发布暴雨橙色预警' })] })).level).toBe('orange');
    expect(capToWarning(alert({ infos: [info({ headline: 'Homeland Security Sets Code ORANGE' })] })).level).toBe('orange');
    expect(capToWarning(alert({ infos: [info({ headline: 'Severe Thunderstorm Warning' })] }))).not.toHaveProperty('level');
  });

  it('Cancel → lifted, Draft → draft; only Chinese division geocodes become jurisdictions (12 digits shortened); foreign SAME codes do not', () => {
    expect(capToWarning(alert({ msgType: 'Cancel' })).status).toBe('lifted');
    expect(capToWarning(alert({ status: 'Draft' })).status).toBe('draft');
    const w = capToWarning(
      alert({
        infos: [
          info({
            areas: [
              { areaDesc: 'A ', polygons: [], circles: [], geocodes: [{ valueName: 'GB/T 2260', value: '510700000000' }, { valueName: 'SAME', value: '006037' }] },
              { areaDesc: 'B', polygons: [], circles: [], geocodes: [{ valueName: '行政区划代码', value: '511826100000' }, { valueName: 'GB/T 2260', value: '510700' }] },
            ],
          }),
        ],
      }),
    );
    expect(w).toMatchObject({ jurisdictionCodes: ['510700', '511826100'], areaDesc: 'A; B', expires: null });
  });
});

describe('GB/T 35965.1 profile (REFERENCE.md §5.3)', () => {
  it('identifier ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N in Beijing time; both 31- and 29-character forms are read', () => {
    expect(GBT_ID).toBe('51070041800000_20260701093000_0');
    expect(GBT_ID).toHaveLength(31);
    expect(gbtIdentifier('410000', '041', '2020-06-01T16:05:09.000Z', 7, { unitCode: '001', extension: '02' })).toBe('41000004100102_20200602000509_7');
    expect(parseGbtIdentifier(GBT_ID)).toEqual({
      senderCode: '51070041800000',
      adminCode: '510700',
      orgCode: '418',
      unitCode: '000',
      extension: '00',
      issuedAt: '2026-07-01T01:30:00.000Z',
      seq: 0,
    });
    const short = '41000041600000_20200601180000';
    expect(short).toHaveLength(29);
    expect(parseGbtIdentifier(short)).toMatchObject({ senderCode: '41000041600000', issuedAt: '2020-06-01T10:00:00.000Z', seq: null });
    for (const bad of ['41000041600000_20200601180000_12', '4100004160000_20200601180000', '41000041600000_20201301180000', '41000041600000-20200601180000', 'abc']) {
      expect(parseGbtIdentifier(bad), bad).toBeNull();
    }
    expect(() => gbtIdentifier('5107', '418', '2026-07-01T01:30:00.000Z', 0)).toThrow('发布单位编码无效');
    expect(() => gbtIdentifier('510700', '418', '2026-07-01T01:30:00.000Z', 10)).toThrow('序号应为 0–9');
    expect(gbtSenderCode('510700', '418')).toBe('51070041800000');
  });

  it('sendTime "YYYY-MM-DD hh:mm:ss+08:00", 12-digit geocodes, severity colours both ways', () => {
    expect(toGbtSendTime('2026-07-01T01:30:00.000Z')).toBe('2026-07-01 09:30:00+08:00');
    expect(toGbtSendTime('2019-07-12T17:59:29-00:00')).toBe('2019-07-13 01:59:29+08:00');
    expect(gbtSendTimeToCap('2026-07-01 09:30:00+08:00')).toBe('2026-07-01T09:30:00+08:00');
    expect(gbtSendTimeToCap('2026-07-01T09:30:00+08:00')).toBeNull();
    expect([toGbtGeocode('510781'), toGbtGeocode('510781100'), toGbtGeocode('510781100201'), toGbtGeocode('SAME')]).toEqual(['510781000000', '510781100000', '510781100201', null]);
    expect(['510781000000', '510781100000', '510781100201'].map(fromGbtGeocode)).toEqual(['510781', '510781100', '510781100201']);
    expect(CAP_SEVERITY_TO_GBT).toEqual({ Extreme: 'Red', Severe: 'Orange', Moderate: 'Yellow', Minor: 'Blue', Unknown: 'Unknown' });
    expect(GBT_SEVERITY_TO_CAP).toEqual({ Red: 'Extreme', Orange: 'Severe', Yellow: 'Moderate', Blue: 'Minor', Unknown: 'Unknown' });
  });

  it('toGbt35965 applies the profile; fromGbt35965 gives the CAP alert back', () => {
    const cap = warningToCap({ ...WARNING, ...EXPORT, references: [{ sender: '51070041800000', identifier: '51070041800000_20260701080000_0', sent: '2026-07-01T08:00:00+08:00' }] });
    const gbt = toGbt35965(cap, { secClassification: '公开', methods: [{ methodName: 'SMS', message: '暴雨橙色预警', audienceGrp: '江油市' }] });
    expect(gbt).toMatchObject({
      identifier: GBT_ID,
      sender: '绵阳市气象台',
      senderCode: '51070041800000',
      sendTime: '2026-07-01 09:30:00+08:00',
      secClassification: '公开',
      methods: [{ methodName: 'SMS', message: '暴雨橙色预警', audienceGrp: '江油市' }],
      references: '51070041800000_20260701080000_0',
      infos: [
        {
          language: 'zh-CN',
          event: '暴雨',
          eventType: '11B03',
          severity: 'Orange',
          eventCodes: [{ valueName: EVENT_CODE_TYPE, value: 'rainstorm' }],
          areas: [{ geocodes: [{ value: '510781000000' }, { value: '510727000000' }, { value: '510781100000' }] }],
        },
      ],
    });
    expect(gbt).not.toHaveProperty('sent');
    expect(validateGbtAlert(gbt)).toEqual([]);
    expect(fromGbt35965(gbt)).toEqual(cap);
  });

  it('senderCode from the option, a GB/T identifier or a code-shaped sender; a new identifier when the CAP one is not GB/T; refused when none', () => {
    const foreign = alert({ identifier: 'NWS-1', sender: 'w-nws@noaa.gov', infos: [info({ severity: 'Extreme', event: 'Hurricane Warning' })] });
    expect(() => toGbt35965(foreign)).toThrow('senderCode');
    const g = toGbt35965(foreign, { senderCode: '10000041300000', seq: 3 });
    expect(g).toMatchObject({ identifier: '10000041300000_20260701093000_3', senderCode: '10000041300000', sender: 'w-nws@noaa.gov' });
    expect(g.infos[0]).toMatchObject({ severity: 'Red', eventType: '11B01' });
    expect(toGbt35965(alert({ sender: '51070041800000' })).senderCode).toBe('51070041800000');
    expect(toGbt35965(alert({ sender: 's' }), { senderCode: '51070041800000', eventType: '11B20' }).infos[0]?.eventType).toBe('11B20');
  });

  it('validateGbtAlert: colour severities, sendTime, identifier, senderCode, eventType, and the CAP rules underneath', () => {
    const g = toGbt35965(warningToCap({ ...WARNING, ...EXPORT }));
    const bad = { ...g, identifier: 'X', senderCode: '123', sendTime: '2026-07-01T09:30:00+08:00', infos: [{ ...g.infos[0]!, severity: 'Extreme' as never, eventType: 'rain', urgency: 'Soon' as never }] };
    expect(validateGbtAlert(bad).map((i) => i.path)).toEqual(['alert/identifier', 'alert/senderCode', 'alert/sendTime', 'alert/info[1]/severity', 'alert/info[1]/eventType']);
    const bad2 = { ...g, infos: [{ ...g.infos[0]!, urgency: 'Soon' as never }] };
    expect(validateGbtAlert(bad2).map((i) => i.path)).toEqual(['alert/info[1]/urgency']);
  });
});
