// Check-in timing with quiet hours: when a day's check-in question is due once her quiet hours are respected (pure arithmetic on Asia/Shanghai clocks).
import { SHANGHAI_OFFSET_MS, addDays, shanghaiDay, shanghaiInstant, type QuietHours } from '@linli/contracts';

const full = (hms: string) => (hms.length === 5 ? `${hms}:00` : hms);
const seconds = (hms: string) => {
  const [h, m, s] = full(hms).split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};

/** The instant of a "HH:mm[:ss]" clock time on a Shanghai day. */
export function deadlineAt(day: string, deadline: string): Date {
  return shanghaiInstant(day, full(deadline));
}

/** CARE_QUIET_HOURS: "22:00-07:00" → the community's default quiet hours; "off" → none. */
export function parseQuietHours(setting: string): QuietHours | null {
  if (setting === 'off') return null;
  const [start, end] = setting.split('-');
  return start && end && start !== end ? { start, end } : null;
}

/** Her own quiet hours, else the community's default (null: none). */
export function quietOf(p: { quietHours?: QuietHours | null }, fallback: QuietHours | null): QuietHours | null {
  return p.quietHours ?? fallback;
}

/** `at` itself when outside her quiet hours, else the end of the quiet period it falls in (nothing is dropped, only moved). */
export function outOfQuiet(at: Date, q: QuietHours | null): Date {
  if (!q) return at;
  const day = shanghaiDay(at);
  const s = Math.floor(((at.getTime() + SHANGHAI_OFFSET_MS) % 86_400_000) / 1000);
  const start = seconds(q.start);
  const end = seconds(q.end);
  if (start < end) return s >= start && s < end ? deadlineAt(day, q.end) : at;
  // Across midnight: late evening ends tomorrow morning, early morning ends this morning.
  if (s >= start) return deadlineAt(addDays(day, 1), q.end);
  if (s < end) return deadlineAt(day, q.end);
  return at;
}

/** When the check-in of `day` is due: her deadline, moved to the end of her quiet hours when it falls inside them. */
export function dueAt(day: string, deadline: string, q: QuietHours | null): Date {
  return outOfQuiet(deadlineAt(day, deadline), q);
}

/**
 * The next check-in due strictly after `now`. Yesterday is a candidate too: a late deadline moved past midnight by quiet hours
 * (23:00 → 07:00) is still to come for yesterday's day.
 */
export function nextDue(deadline: string, q: QuietHours | null, now = new Date()): { day: string; at: Date } {
  const today = shanghaiDay(now);
  for (const day of [addDays(today, -1), today, addDays(today, 1), addDays(today, 2)]) {
    const at = dueAt(day, deadline, q);
    if (at.getTime() > now.getTime()) return { day, at };
  }
  /* istanbul ignore next -- a deadline is always due within two days */
  throw new Error('no check-in due within two days');
}
