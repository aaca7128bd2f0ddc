// Texts per channel (突发事件应对法 第六十五条: broadcasters, telecoms and platforms carry warnings): an SMS of at most
// 70 Chinese characters (one message of the GSM/UCS-2 limit, so no handset splits it) and a script for village
// loudspeakers and radio that repeats the essentials.
import { formatBeijing } from '../shared/time';
import { findWarningType, WARNING_LEVEL_LABELS, type WarningLevel } from './model';

export const SMS_MAX_CHARS = 70;

export interface ChannelInput {
  typeCode: string;
  level: WarningLevel;
  headline: string;
  areaDesc: string;
  instruction: string;
  issuer: string;
  issuedAt: string | null;
  onset: string;
}

/** Counts characters as a handset does (code points, so a rare CJK character counts once). */
const chars = (s: string) => [...s];

export function smsText(w: ChannelInput): string {
  const type = findWarningType(w.typeCode)?.zh ?? '';
  const colour = WARNING_LEVEL_LABELS[w.level].zh.replace(/（.*）/, '');
  const head = `【${w.issuer}】${w.areaDesc}${type}${colour}预警：`;
  const full = `${head}${w.instruction}`;
  if (chars(full).length <= SMS_MAX_CHARS) return full;
  // Keep the sender, place and colour; shorten the advice, then the place if it must.
  const room = SMS_MAX_CHARS - chars(head).length - 1;
  if (room >= 8) return `${head}${chars(w.instruction).slice(0, room).join('')}…`;
  return `${chars(`【${w.issuer}】${type}${colour}预警：${w.instruction}`).slice(0, SMS_MAX_CHARS - 1).join('')}…`;
}

export function broadcastScript(w: ChannelInput): string {
  const type = findWarningType(w.typeCode)?.zh ?? '';
  const level = WARNING_LEVEL_LABELS[w.level].zh;
  const when = formatBeijing(w.issuedAt ?? w.onset);
  const body = `${w.issuer}${when}发布${type}${level}预警。${w.headline}。可能影响范围：${w.areaDesc}。请大家：${w.instruction}`;
  return `各位群众请注意，现在播报预警信息。${body} 再播报一遍：${body} 播报完毕。`;
}

/** The incident type a warning of this type becomes when it turns into an event (null: a person chooses). */
export const WARNING_TO_INCIDENT_TYPE: Readonly<Record<string, string>> = {
  typhoon: 'meteorological', rainstorm: 'flood', snowstorm: 'meteorological', cold_wave: 'meteorological', gale: 'meteorological',
  sandstorm: 'meteorological', heat: 'meteorological', lightning: 'meteorological', hail: 'meteorological', frost: 'meteorological',
  fog: 'meteorological', haze: 'meteorological', road_icing: 'meteorological', drought: 'drought', geohazard: 'geological', flood: 'flood',
  air_pollution: 'environmental_pollution', gas_leak: 'hazardous_chemicals',
};
