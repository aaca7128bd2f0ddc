import { describe, expect, it } from 'vitest';
import { broadcastScript, SMS_MAX_CHARS, smsText } from './dissemination';

const w = {
  typeCode: 'rainstorm', level: 'orange' as const, headline: '芦山县气象台发布暴雨橙色预警', areaDesc: '龙门镇', instruction: '转移低洼地带群众，停止户外作业。',
  issuer: '芦山县应急管理局', issuedAt: '2026-11-29T02:00:00.000Z', onset: '2026-11-29T02:00:00.000Z',
};

describe('per-channel texts', () => {
  it('an SMS keeps sender, place, type and colour within 70 characters', () => {
    expect(smsText(w)).toBe('【芦山县应急管理局】龙门镇暴雨橙色预警：转移低洼地带群众，停止户外作业。');
    const long = smsText({ ...w, instruction: '请'.repeat(120) });
    expect([...long]).toHaveLength(SMS_MAX_CHARS);
    expect(long.startsWith('【芦山县应急管理局】龙门镇暴雨橙色预警：')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
    const wide = smsText({ ...w, areaDesc: '芦阳街道、龙门镇、思延镇、飞仙关镇、双石镇、大川镇、宝盛乡、太平镇、清仁乡'.repeat(2) });
    expect([...wide].length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(wide).toContain('暴雨橙色预警');
  });

  it('a broadcast script says it twice, in Beijing time', () => {
    const s = broadcastScript(w);
    expect(s).toContain('芦山县应急管理局2026-11-29 10:00发布暴雨橙色（二级）预警');
    expect(s.split('可能影响范围：龙门镇')).toHaveLength(3);
    expect(s.endsWith('播报完毕。')).toBe(true);
  });
});
