// Asia/Shanghai calendar arithmetic (UTC+8 all year, no DST), the one copy shared by server, panel, mini-program and bot.

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The instant moved by +8 h, so that its UTC fields read the Shanghai wall clock. */
function wall(at: Date | string | number): Date {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar day of an instant, "YYYY-MM-DD" (also the accounting date and the check-in day key). */
export function shanghaiDay(at: Date | string | number = new Date()): string {
  return wall(at).toISOString().slice(0, 10);
}

/** The Shanghai calendar month of an instant, "YYYY-MM". */
export function shanghaiMonth(at: Date | string | number = new Date()): string {
  return shanghaiDay(at).slice(0, 7);
}

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(at: Date | string | number = new Date()): number {
  return wall(at).getUTCFullYear();
}

/** "YYYY-MM-DD HH:mm" on the Shanghai clock; '' for an invalid instant. */
export function shanghaiDateTime(at: Date | string | number): string {
  const w = wall(at);
  if (Number.isNaN(w.getTime())) return '';
  const s = w.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** The instant of a Shanghai wall-clock time ("HH:mm:ss", default midnight) on `day` ("YYYY-MM-DD"). */
export function shanghaiInstant(day: string, hms = '00:00:00'): Date {
  return new Date(`${day}T${hms}+08:00`);
}

/** The instant 00:00 Shanghai starts `day` ("YYYY-MM-DD"). */
export function startOfShanghaiDay(day: string): Date {
  return shanghaiInstant(day);
}

/** The calendar day `n` days after `day` ("YYYY-MM-DD"; n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The month `n` months after `month` ("YYYY-MM"; n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The instant 00:00 Shanghai on the 1st of `month` ("YYYY-MM"). */
export function startOfShanghaiMonth(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS);
}
