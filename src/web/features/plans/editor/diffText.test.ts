import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../app/i18n';
import { pathText, valueText } from './diffText';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);

describe('plan paths and values in words', () => {
  it('reads diff paths and API field paths alike', () => {
    expect(pathText('levels[1].tasks[0].title', t)).toBe('响应级别 2 › 任务 1 › 名称');
    expect(pathText('content.levels.1.tasks.12.title', t)).toBe('响应级别 2 › 任务 13 › 名称');
    expect(pathText('liftConditions[0]', t)).toBe('解除条件 1');
    expect(pathText('somethingNew', t)).toBe('somethingNew');
  });

  it('describes values briefly', () => {
    expect(valueText(null, t)).toBe('—');
    expect(valueText(true, t)).toBe('是');
    expect(valueText(['时间地点', '伤亡人数'], t)).toBe('时间地点、伤亡人数');
    expect(valueText({ kind: 'person', userId: null, name: '李局长', phone: null }, t)).toBe('李局长');
    expect(valueText({ measure: 'deaths', op: '>=', value: 3 }, t)).toBe('死亡 ≥ 3');
    expect(valueText({ kind: 'item', type: '救护车', quantity: 2, unit: '辆' }, t)).toBe('救护车 2辆');
  });
});
