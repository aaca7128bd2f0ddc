// A 续报 of a small production-safety accident, shared by the domain and rendering tests.
import { UNKNOWN_IMPACT } from '../incidents/model';
import type { SitrepInput } from './sitrep';

export const SITREP_FIXTURE: SitrepInput = {
  kind: 'follow_up',
  sequence: 2,
  issuer: { organisationName: '芦山县应急管理局', jurisdictionName: '芦山县' },
  recipient: '雅安市应急管理局',
  generatedAt: '2026-11-29T02:00:00.000Z', // 10:00 Beijing
  incident: {
    title: '芦山县龙门镇某石材厂起重伤害事故',
    categoryCode: 'accident',
    typeCode: 'production_safety',
    occurredAt: '2026-11-28T06:30:00.000Z', // 14:30 Beijing
    address: '龙门镇青龙场村某石材厂',
    jurisdictionName: '芦山县龙门镇',
    grade: 'IV',
    gradeMode: 'computed',
    status: 'responding',
    description: '石材厂行车吊运石材时钢丝绳断裂，石材坠落砸中作业人员',
    impact: { ...UNKNOWN_IMPACT, deaths: 1, seriousInjuries: 0, minorInjuries: 2, directLossYuan: 1_500_000 },
  },
  responses: [
    { planTitle: '芦山县生产安全事故应急预案', levelName: 'Ⅳ级', activatedAt: '2026-11-28T07:00:00.000Z', status: 'active', liftedAt: null },
  ],
  tasks: [
    { title: '现场警戒和人员搜救', roleTitle: '抢险救援组', assigneeName: '张伟', status: 'done', dueAt: '2026-11-28T08:00:00.000Z', doneAt: '2026-11-28T07:40:00.000Z', lastProgress: null },
    { title: '伤员救治', roleTitle: '医疗救护组', assigneeName: null, status: 'in_progress', dueAt: '2026-11-29T01:00:00.000Z', doneAt: null, lastProgress: '2名轻伤人员在县人民医院治疗，生命体征平稳。' },
    { title: '企业停产整顿和隐患排查', roleTitle: null, assigneeName: null, status: 'pending', dueAt: '2026-11-30T10:00:00.000Z', doneAt: null, lastProgress: null },
  ],
  reports: [
    { kind: 'follow_up', filedAt: '2026-11-28T12:00:00.000Z', recipient: '雅安市应急管理局' },
    { kind: 'initial', filedAt: '2026-11-28T07:20:00.000Z', recipient: '雅安市应急管理局' },
  ],
  timeline: [
    { at: '2026-11-28T07:05:00.000Z', summary: '县应急管理局、龙门镇政府工作人员赶赴现场' },
    { at: '2026-11-28T06:50:00.000Z', summary: '值班室接报。' },
  ],
};
