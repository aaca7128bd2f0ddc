import { describe, expect, it } from 'vitest';
import { chineseDate, composeSitrep, type SitrepDocument, type SitrepInput } from './sitrep';
import { SITREP_FIXTURE } from './sitrep.fixture';
import { UNKNOWN_IMPACT } from '../incidents/model';

const base = SITREP_FIXTURE;

const text = (d: SitrepDocument) => d.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');
const section = (d: SitrepDocument, heading: string) => {
  const s = d.sections.find((x) => x.heading.endsWith(heading));
  if (!s) throw new Error(`no section ${heading}`);
  return s.paragraphs.join('\n');
};
const withIncident = (patch: Partial<SitrepInput['incident']>): SitrepInput => ({ ...base, incident: { ...base.incident, ...patch } });

describe('composeSitrep', () => {
  it('lays out title, 主送机关, five sections, 落款 and date', () => {
    const d = composeSitrep(base);
    expect(d.title).toBe('关于芦山县龙门镇某石材厂起重伤害事故的续报（第2次）');
    expect(d.recipient).toBe('雅安市应急管理局：');
    expect(d.sections.map((s) => s.heading)).toEqual([
      '一、基本情况', '二、人员伤亡和损失', '三、已采取的措施', '四、下一步工作', '五、信息报送情况',
    ]);
    expect(d.signature).toBe('芦山县应急管理局');
    expect(d.date).toBe('2026年11月29日');
    expect(section(d, '基本情况')).toContain('事发时间：2026年11月28日14时30分（北京时间）。');
    expect(section(d, '基本情况')).toContain('事发地点：芦山县龙门镇青龙场村某石材厂。');
    expect(section(d, '基本情况')).toContain('事件类别：事故灾难（工矿商贸生产安全事故）。');
    expect(section(d, '基本情况')).toContain('当前状态：处置中。');
    expect(section(d, '基本情况')).toContain('事件概况：石材厂行车吊运石材时钢丝绳断裂，石材坠落砸中作业人员。');
  });

  it('numbers 续报 in the title and calls the first report 情况报告', () => {
    expect(composeSitrep({ ...base, sequence: 5 }).title).toBe('关于芦山县龙门镇某石材厂起重伤害事故的续报（第5次）');
    expect(composeSitrep({ ...base, kind: 'initial', sequence: 0 }).title).toBe('关于芦山县龙门镇某石材厂起重伤害事故的情况报告');
    expect(() => composeSitrep({ ...base, sequence: 0 })).toThrow(RangeError);
  });

  it('prints null figures as 不详 and 0 as 0', () => {
    const s = section(composeSitrep(base), '人员伤亡和损失');
    expect(s).toContain('截至2026年11月29日10时00分');
    expect(s).toContain('死亡：1人。');
    expect(s).toContain('重伤（含急性工业中毒）：0人。');
    expect(s).toContain('下落不明：不详（尚未核实）。');
    expect(s).toContain('受影响人数：不详（尚未核实）。');
    expect(s).toContain('直接经济损失：1500000元（约150万元）。');
    expect(s).not.toMatch(/null|undefined|NaN/);

    const zero = section(composeSitrep(withIncident({ impact: { ...UNKNOWN_IMPACT, deaths: 0, missing: 0, directLossYuan: 0 } })), '人员伤亡和损失');
    expect(zero).toContain('死亡：0人。');
    expect(zero).toContain('下落不明：0人。');
    expect(zero).toContain('直接经济损失：0元。');
    expect(zero).toContain('轻伤：不详（尚未核实）。');
  });

  it('words the grade: computed, manual, not yet graded, ungraded', () => {
    const grade = (p: Partial<SitrepInput['incident']>) =>
      section(composeSitrep(withIncident(p)), '基本情况').split('\n').find((l) => l.startsWith('事件等级'));
    expect(grade({ grade: 'II', gradeMode: 'manual' })).toBe('事件等级：重大（Ⅱ级）。');
    expect(grade({ grade: 'IV', gradeMode: 'computed' })).toMatch(/^事件等级：一般（Ⅳ级），系按《生产安全事故报告和调查处理条例》第三条依据现有数字初判。$/);
    expect(grade({ grade: null, gradeMode: 'computed' })).toContain('未定级');
    expect(grade({ grade: null, gradeMode: 'manual' })).toContain('未定级');
    expect(grade({ categoryCode: 'social_safety', typeCode: 'mass_incident', grade: null, gradeMode: 'ungraded' }))
      .toBe('事件等级：不分级（社会安全事件依法不分级）。');
  });

  it('says 已逾期 for open tasks past due, never for done ones or ones due later', () => {
    const d = composeSitrep(base);
    const measures = section(d, '已采取的措施');
    expect(measures).toContain('2026年11月28日15时00分启动《芦山县生产安全事故应急预案》Ⅳ级响应，目前响应持续中。');
    expect(measures).toContain('应急处置任务共3项，已完成1项，正在办理2项，其中已逾期1项。');
    expect(measures).toContain('1．现场警戒和人员搜救（责任：抢险救援组，张伟），已于2026年11月28日15时40分完成。');
    expect(measures).toContain(
      '2．伤员救治（责任：医疗救护组），办理中，已逾期（应于2026年11月29日09时00分前完成），最新进展：2名轻伤人员在县人民医院治疗，生命体征平稳。',
    );
    expect(measures).toContain('3．企业停产整顿和隐患排查（尚未明确责任人），待签收。');
    const next = section(d, '下一步工作');
    expect(next).toContain('1．伤员救治（责任：医疗救护组），原定2026年11月29日09时00分前完成，已逾期，须尽快办结。');
    expect(next).toContain('2．企业停产整顿和隐患排查（尚未明确责任人），应于2026年11月30日18时00分前完成。');
    expect(text(d).match(/已逾期/g)).toHaveLength(3); // the count, the task in 三, the task in 四

    // Due exactly now is not yet overdue.
    const onTime = composeSitrep({ ...base, generatedAt: '2026-11-29T01:00:00.000Z' });
    expect(text(onTime)).not.toContain('已逾期');
  });

  it('lists the timeline and filed reports in time order', () => {
    const d = composeSitrep(base);
    const measures = section(d, '已采取的措施');
    expect(measures.indexOf('值班室接报。')).toBeLessThan(measures.indexOf('赶赴现场'));
    expect(section(d, '信息报送情况')).toBe(
      ['2026年11月28日15时20分向雅安市应急管理局报送初报。', '2026年11月28日20时00分向雅安市应急管理局报送续报。', '特此报告。'].join('\n'),
    );
  });

  it('handles an incident with nothing done yet', () => {
    const d = composeSitrep({ ...base, kind: 'initial', responses: [], tasks: [], reports: [], timeline: [] });
    expect(section(d, '已采取的措施')).toBe('（一）应急响应情况\n尚未启动应急预案响应。');
    expect(section(d, '下一步工作')).toBe('继续密切关注事态发展，做好现场处置和善后工作，有新情况及时续报。');
    const allDone = composeSitrep({ ...base, tasks: base.tasks.slice(0, 1), incident: { ...base.incident, status: 'closed' } });
    expect(section(allDone, '下一步工作')).toBe('当前应急处置任务均已完成。\n事件处置已结束，做好善后和调查评估工作。');
    expect(section(d, '信息报送情况')).toContain('此前尚未报送信息');
  });

  it('dates the report by the Beijing calendar day, across midnight UTC', () => {
    expect(chineseDate('2026-11-28T15:59:00.000Z')).toBe('2026年11月28日');
    expect(chineseDate('2026-11-28T16:00:00.000Z')).toBe('2026年11月29日');
    expect(composeSitrep({ ...base, generatedAt: '2026-12-31T16:30:00.000Z' }).date).toBe('2027年1月1日');
  });

  it('joins jurisdiction and address without repeating the shared part', () => {
    const at = (jurisdictionName: string, address: string) =>
      section(composeSitrep(withIncident({ jurisdictionName, address })), '基本情况').split('\n')[1];
    expect(at('芦山县龙门镇', '芦山县龙门镇青龙场村')).toBe('事发地点：芦山县龙门镇青龙场村。');
    expect(at('芦山县龙门镇', '青龙场村')).toBe('事发地点：芦山县龙门镇青龙场村。');
    expect(at('芦山县龙门镇', '')).toBe('事发地点：芦山县龙门镇。');
  });

  it('prefixes the jurisdiction to a bare organisation name and keeps a given colon single', () => {
    const d = composeSitrep({ ...base, issuer: { organisationName: '应急管理局', jurisdictionName: '芦山县' }, recipient: '雅安市应急管理局：' });
    expect(d.signature).toBe('芦山县应急管理局');
    expect(d.recipient).toBe('雅安市应急管理局：');
  });
});
