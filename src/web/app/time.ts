// Times are stored as UTC instants and always shown in Asia/Shanghai (docs/ARCHITECTURE.md §4).
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const DISPLAY_TZ = 'Asia/Shanghai';
export const DISPLAY_FORMAT = 'YYYY-MM-DD HH:mm';

export function setDayjsLocale(lang: 'zh-CN' | 'en'): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

/** "2026-11-29 16:00" in Asia/Shanghai; '—' for empty input. */
export function formatTime(iso: string | null | undefined, format = DISPLAY_FORMAT): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format(format) : '—';
}

// Date pickers work on the browser's local clock. So that a picker shows and edits Asia/Shanghai
// time whatever the device's time zone, it holds a "wall clock" value: a local Dayjs whose
// calendar fields are the Shanghai ones. (On a device set to Beijing time both are the same.)
const WALL = 'YYYY-MM-DDTHH:mm:ss.SSS';

/** An instant → the picker value showing its Asia/Shanghai date and time. */
export function toWall(instant: Dayjs | string): Dayjs {
  return dayjs(dayjs(instant).tz(DISPLAY_TZ).format(WALL));
}

/** A picker value (Asia/Shanghai wall clock) → the instant it means. */
export function fromWall(wall: Dayjs): Dayjs {
  return dayjs.tz(wall.format(WALL), DISPLAY_TZ);
}

/** Picker value → ISO 8601 with offset, as the API wants it (e.g. 2026-11-29T16:00:00+08:00). */
export function wallToApiInstant(wall: Dayjs): string {
  return fromWall(wall).tz(DISPLAY_TZ).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** True when the device clock is already in China Standard Time (then the picker's 此刻 is right). */
export const deviceIsShanghai = (): boolean => dayjs().utcOffset() === dayjs().tz(DISPLAY_TZ).utcOffset();

/** "01:02:03" (or "2天 01:02:03") for a positive duration. */
export function formatDuration(ms: number, lang: 'zh-CN' | 'en'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(h)}:${pad(m)}:${pad(s)}`;
  if (days === 0) return hms;
  return lang === 'en' ? `${days}d ${hms}` : `${days}天 ${hms}`;
}

export { dayjs };
export type { Dayjs };
