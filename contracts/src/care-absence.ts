// Elderly care: the absence calendar (住院、走亲戚 … no missed-check-in alert while she is away) and per-elder quiet hours (no check-in question asked inside them).
import { z } from 'zod';
import { CalendarDay, text } from './common';

export const ABSENCE_REASONS = ['住院', '走亲戚', '外出', '其他'] as const;
export const AbsenceReason = z.enum(ABSENCE_REASONS);
export type AbsenceReason = z.infer<typeof AbsenceReason>;

/** What the panel shows instead of 未打卡 while she is away. */
export function absenceStatusLabel(reason: AbsenceReason): string {
  return reason === '住院' ? '住院中' : '外出中';
}

/** Longest single absence (a long hospital stay is entered again when it goes on). */
export const MAX_ABSENCE_DAYS = 366;

const dayNumber = (d: string) => Math.round(new Date(`${d}T00:00:00Z`).getTime() / 86_400_000);

const AbsenceFields = z.object({
  /** First and last day away, inclusive, Asia/Shanghai calendar days. */
  from: CalendarDay,
  to: CalendarDay,
  reason: AbsenceReason,
  note: text(200).optional(),
});

const ordered = (a: { from?: string; to?: string }) => !a.from || !a.to || a.to >= a.from;
const bounded = (a: { from?: string; to?: string }) => !a.from || !a.to || dayNumber(a.to) - dayNumber(a.from) < MAX_ABSENCE_DAYS;

export const CareAbsenceCreate = AbsenceFields.strict()
  .refine(ordered, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine(bounded, { message: `一次外出最长 ${MAX_ABSENCE_DAYS} 天`, path: ['to'] });
export type CareAbsenceCreate = z.infer<typeof CareAbsenceCreate>;

/** `note: null` removes the note; dates are checked again against the stored ones on the server. */
export const CareAbsencePatch = AbsenceFields.partial()
  .extend({ note: text(200).nullable().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有需要修改的内容')
  .refine(ordered, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine(bounded, { message: `一次外出最长 ${MAX_ABSENCE_DAYS} 天`, path: ['to'] });
export type CareAbsencePatch = z.infer<typeof CareAbsencePatch>;

export interface CareAbsenceDto {
  id: string;
  residentId: string;
  from: string;
  to: string;
  reason: AbsenceReason;
  note?: string;
  createdBy: { kind: string; id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

/** "HH:mm" (or "HH:mm:ss" for drills), Asia/Shanghai. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, '时间格式应为 HH:mm');

export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' } as const;

/** No check-in question is asked of her between start and end (across midnight when start > end); a deadline inside moves to the end. */
export const QuietHours = z
  .object({ start: ClockTime, end: ClockTime })
  .strict()
  .refine((q) => q.start !== q.end, { message: '免打扰开始和结束时间不能相同', path: ['end'] });
export type QuietHours = z.infer<typeof QuietHours>;
