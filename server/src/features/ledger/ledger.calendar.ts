// Asia/Shanghai calendar arithmetic for accounting dates and statement months (UTC+8 all year, no DST).
const OFFSET_MS = 8 * 3600_000;

/** Today's accounting date in Shanghai, "YYYY-MM-DD". */
export function shanghaiDate(now: Date = new Date()): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiMonth(now: Date = new Date()): string {
  return shanghaiDate(now).slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The instant 00:00 on the 1st of `month` in Shanghai. */
export function monthStart(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS);
}

/** When the statement of `month` is due: 00:00 Shanghai on the 1st of the following month. */
export function statementDueAt(month: string): Date {
  return monthStart(addMonths(month, 1));
}

/** A month is closed (its statement may be generated) once its last day has ended in Shanghai. */
export function isMonthOver(month: string, now: Date = new Date()): boolean {
  return now.getTime() >= statementDueAt(month).getTime();
}
