// English for the bell's notifications. Like timeline summaries they are stored in Chinese (what zh-CN users see) and
// said in English on the way out to a caller who asked (GET /api/notifications, the live stream's `notification`).
// Most notices repeat a timeline summary word for word (task/warning overdue, sensor offline, low stock, nearing expiry)
// and take its English from summaries-en.ts; the few written for the bell alone are matched here first.
// notifications-en.test.ts scans the services for every notification they write or publish and requires English.
import { CJK, firstMatch, type Replacement } from './messages-en';
import { dueReport, responseLevel, summaryToEnglish } from './summaries-en';

const NOTIFICATION_PATTERNS: ReadonlyArray<readonly [RegExp, Replacement]> = [
  // incidents.service refreshClock → notifyResponsible: 事件“…”初报（报县级）、第 1 次续报已超时，请尽快报送
  [/^事件“(.*)”(.+?)已超时，请尽快报送$/, (title, due) => {
    const reports = due.split('、').map(dueReport);
    return `Incident “${title}”: ${reports.join(', ')} ${reports.length > 1 ? 'are' : 'is'} overdue; please file as soon as possible`;
  }],
  // responses.service adjust → notify: 《预案》响应提升为Ⅲ级响应：事件
  [/^《(.*)》响应(提升|降低)为(.*?)：(.*)$/,
    (plan, up, lvl, title) => `Response under “${plan}” ${up === '提升' ? 'raised' : 'lowered'} to ${responseLevel(lvl)}: ${title}`],
  // responses.service activate → notify: 《预案》Ⅳ级响应已启动：事件
  [/^《(.*)》(.*?)已启动：(.*)$/, (plan, lvl, title) => `${lvl ? `${responseLevel(lvl)} of ` : ''}“${plan}” activated: ${title}`],
];

/** The notification's text in English when known (its own patterns, then the timeline catalogue), otherwise unchanged. */
export function notificationToEnglish(zh: string): string {
  return CJK.test(zh) ? (firstMatch(NOTIFICATION_PATTERNS, zh) ?? summaryToEnglish(zh)) : zh;
}

/** A notification DTO or live payload with its text in English. */
export const notificationInEnglish = <N extends { text: string }>(n: N): N => ({ ...n, text: notificationToEnglish(n.text) });
