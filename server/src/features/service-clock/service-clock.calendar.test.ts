// The working calendar (pure): public holidays and 调休 from chinese-days, a community's own days, and service time added only in working hours.
import { addServiceTime, workDay, type WorkCalendar } from './service-clock.calendar';

const cal: WorkCalendar = { workStart: '08:30', workEnd: '17:30', holidays: [], workdays: [] };
const at = (s: string) => new Date(`${s}+08:00`);
const HOUR = 3600_000;

describe('working days', () => {
  it('knows National Day 2026 off, the 调休 weekend days on, ordinary weekends off', () => {
    expect(workDay('2026-10-01', cal)).toEqual({ work: false, reason: '法定节假日（国庆节）' });
    expect(workDay('2026-10-07', cal).work).toBe(false);
    expect(workDay('2026-10-08', cal)).toEqual({ work: true });
    expect(workDay('2026-09-20', cal)).toEqual({ work: true, reason: '调休上班' }); // a Sunday
    expect(workDay('2026-10-10', cal)).toEqual({ work: true, reason: '调休上班' }); // a Saturday
    expect(workDay('2026-12-05', cal)).toEqual({ work: false, reason: '周末' });
    expect(workDay('2026-12-01', cal)).toEqual({ work: true });
  });

  it('lets the community add days off and working days the library does not know', () => {
    const own = { ...cal, holidays: ['2027-01-01'], workdays: ['2026-12-05'] };
    expect(workDay('2027-01-01', cal).work).toBe(true); // not in the library yet (published late each year)
    expect(workDay('2027-01-01', own)).toEqual({ work: false, reason: '社区设置：休息' });
    expect(workDay('2026-12-05', own)).toEqual({ work: true, reason: '社区设置：调休上班' });
  });
});

describe('adding service time', () => {
  it('on the calendar clock, day and night', () => {
    expect(addServiceTime(at('2026-10-01T23:00:00'), 4 * HOUR, 'calendar', cal)).toEqual(at('2026-10-02T03:00:00'));
  });

  it('on the working clock, only working hours of working days count', () => {
    // Inside one day.
    expect(addServiceTime(at('2026-12-01T09:00:00'), 2 * HOUR, 'working', cal)).toEqual(at('2026-12-01T11:00:00'));
    // Before opening: the clock starts at 08:30.
    expect(addServiceTime(at('2026-12-01T06:00:00'), 0.5 * HOUR, 'working', cal)).toEqual(at('2026-12-01T09:00:00'));
    // Friday 17:00 + 1 h: half an hour on Friday, half on Monday.
    expect(addServiceTime(at('2026-12-04T17:00:00'), HOUR, 'working', cal)).toEqual(at('2026-12-07T09:00:00'));
    // Reported on Saturday night: Monday 08:30 + 30 min.
    expect(addServiceTime(at('2026-12-05T22:00:00'), 0.5 * HOUR, 'working', cal)).toEqual(at('2026-12-07T09:00:00'));
    // Over National Day: 30 September 17:00 + 1 h lands on 8 October.
    expect(addServiceTime(at('2026-09-30T17:00:00'), HOUR, 'working', cal)).toEqual(at('2026-10-08T09:00:00'));
    // Into a 调休 Saturday: Friday 9 October 17:00 + 1 h is due Saturday 10 October 09:00.
    expect(addServiceTime(at('2026-10-09T17:00:00'), HOUR, 'working', cal)).toEqual(at('2026-10-10T09:00:00'));
    // A community's own working Saturday and working hours.
    const own = { ...cal, workStart: '09:00', workEnd: '18:00', workdays: ['2026-12-05'] };
    expect(addServiceTime(at('2026-12-04T17:30:00'), HOUR, 'working', own)).toEqual(at('2026-12-05T09:30:00'));
    // 24 working hours = 2 days and 6 hours of 9-hour days.
    expect(addServiceTime(at('2026-12-01T08:30:00'), 24 * HOUR, 'working', cal)).toEqual(at('2026-12-03T14:30:00'));
  });

  it('answers from its memo of days only for the same calendar: a calendar with a new day off gives the new answer', () => {
    const friday = at('2026-12-04T17:00:00');
    expect(addServiceTime(friday, HOUR, 'working', cal)).toEqual(at('2026-12-07T09:00:00'));
    const mondayOff = { ...cal, holidays: ['2026-12-07'] };
    expect(addServiceTime(friday, HOUR, 'working', mondayOff)).toEqual(at('2026-12-08T09:00:00'));
    const saturdayOn = { ...cal, workdays: ['2026-12-05'] };
    expect(addServiceTime(friday, HOUR, 'working', saturdayOn)).toEqual(at('2026-12-05T09:00:00'));
    // And the first calendar still answers as before.
    expect(addServiceTime(friday, HOUR, 'working', cal)).toEqual(at('2026-12-07T09:00:00'));
  });
});
