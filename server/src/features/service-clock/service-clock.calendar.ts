// The working calendar: which Shanghai days are working days (Chinese public holidays and 调休 from chinese-days, plus a community's own), and adding service time on it.
import { isWorkday as libraryWorkday, getDayDetail } from 'chinese-days';
import { addDays, shanghaiDay, shanghaiInstant, startOfShanghaiDay, type ServiceClock } from '@linli/contracts';

export interface WorkCalendar {
  workStart: string;
  workEnd: string;
  holidays: readonly string[];
  workdays: readonly string[];
}

/** Whether `day` ("YYYY-MM-DD") is a working day, and why: the community's own list first, then the library's holidays and 调休. */
export function workDay(day: string, cal: Pick<WorkCalendar, 'holidays' | 'workdays'>): { work: boolean; reason?: string } {
  if (cal.workdays.includes(day)) return { work: true, reason: '社区设置：调休上班' };
  if (cal.holidays.includes(day)) return { work: false, reason: '社区设置：休息' };
  const work = libraryWorkday(day);
  const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
  if (work) return weekend ? { work, reason: '调休上班' } : { work };
  if (!weekend) return { work, reason: `法定节假日${holidayName(day)}` };
  return { work, reason: holidayName(day) ? `法定节假日${holidayName(day)}` : '周末' };
}

function holidayName(day: string): string {
  // The library names holidays "National Day,国庆节,3"; a plain weekend is named after its weekday.
  const parts = String(getDayDetail(day)?.name ?? '').split(',');
  return parts.length >= 2 ? `（${parts[1]}）` : '';
}

/** One Shanghai day as service time sees it: working or not, its working hours and where the next day starts (epoch ms). */
interface DayHours {
  work: boolean;
  start: number;
  end: number;
  nextDay: string;
  next: number;
}

/**
 * A day's answer cannot change within one calendar (the service builds a new calendar object for each settings read), and
 * every report walks the same few days ahead of now — chinese-days look-ups and date parsing were ~5 % of the server's CPU
 * per ticket creation. Keyed by the calendar object, so a changed calendar starts afresh; a calendar is not mutated after use.
 */
const dayMemo = new WeakMap<WorkCalendar, Map<string, DayHours>>();
const MEMO_DAYS = 4096;

function hoursOf(day: string, cal: WorkCalendar): DayHours {
  let days = dayMemo.get(cal);
  if (!days) dayMemo.set(cal, (days = new Map()));
  let h = days.get(day);
  if (!h) {
    if (days.size >= MEMO_DAYS) days.clear();
    const nextDay = addDays(day, 1);
    h = {
      work: workDay(day, cal).work,
      start: shanghaiInstant(day, `${cal.workStart}:00`).getTime(),
      end: shanghaiInstant(day, `${cal.workEnd}:00`).getTime(),
      nextDay,
      next: startOfShanghaiDay(nextDay).getTime(),
    };
    days.set(day, h);
  }
  return h;
}

/**
 * `from` plus `ms` of service time: on the calendar clock simply `from + ms`; on the working clock only the working hours of
 * working days count (a report at 17:00 Friday with 1 working hour left is due at 09:00 on Monday, or on a 调休 Saturday).
 */
export function addServiceTime(from: Date, ms: number, clock: ServiceClock, cal: WorkCalendar): Date {
  if (clock === 'calendar' || ms <= 0) return new Date(from.getTime() + Math.max(0, ms));
  let t = from.getTime();
  let left = ms;
  let day = shanghaiDay(t);
  // Bounded: 30 days of service time never needs more than a couple of years of calendar.
  for (let i = 0; i < 1000; i++) {
    const h = hoursOf(day, cal);
    if (h.work) {
      if (t < h.start) t = h.start;
      if (t < h.end) {
        const take = Math.min(left, h.end - t);
        t += take;
        left -= take;
        if (left <= 0) return new Date(t);
      }
    }
    day = h.nextDay;
    t = h.next;
  }
  throw new Error('service time beyond the calendar');
}
