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

/**
 * `from` plus `ms` of service time: on the calendar clock simply `from + ms`; on the working clock only the working hours of
 * working days count (a report at 17:00 Friday with 1 working hour left is due at 09:00 on Monday, or on a 调休 Saturday).
 */
export function addServiceTime(from: Date, ms: number, clock: ServiceClock, cal: WorkCalendar): Date {
  if (clock === 'calendar' || ms <= 0) return new Date(from.getTime() + Math.max(0, ms));
  let t = from.getTime();
  let left = ms;
  // Bounded: 30 days of service time never needs more than a couple of years of calendar.
  for (let i = 0; i < 1000; i++) {
    const day = shanghaiDay(t);
    if (workDay(day, cal).work) {
      const start = shanghaiInstant(day, `${cal.workStart}:00`).getTime();
      const end = shanghaiInstant(day, `${cal.workEnd}:00`).getTime();
      if (t < start) t = start;
      if (t < end) {
        const take = Math.min(left, end - t);
        t += take;
        left -= take;
        if (left <= 0) return new Date(t);
      }
    }
    t = startOfShanghaiDay(addDays(day, 1)).getTime();
  }
  throw new Error('service time beyond the calendar');
}
