// Times are stored UTC and shown in Asia/Shanghai; durations in Chinese.
import { SHANGHAI_TIME_ZONE } from '@linli/contracts';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = SHANGHAI_TIME_ZONE;

export function fmtTime(iso: string | Date | undefined, pattern = 'MM-DD HH:mm'): string {
  if (!iso) return '—';
  return dayjs(iso).tz(TZ).format(pattern);
}

export function fmtDateTime(iso: string | Date | undefined): string {
  return fmtTime(iso, 'YYYY-MM-DD HH:mm');
}

/** "3小时20分" / "45分钟" / "2天5小时" for a positive number of milliseconds. */
export function fmtDuration(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return h ? `${d}天${h}小时` : `${d}天`;
  if (h > 0) return min ? `${h}小时${min}分` : `${h}小时`;
  return min > 0 ? `${min}分钟` : '不到1分钟';
}

/** "刚刚" / "5分钟前" / "3小时前" / date. */
export function fromNow(iso: string, now = Date.now()): string {
  const diff = now - new Date(iso).getTime();
  if (diff < 60_000) return '刚刚';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)}小时前`;
  return fmtTime(iso);
}
