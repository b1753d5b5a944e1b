// Door-knock lists (上门告知): households of an urgent notice still unread (or unreachable) after its set time, per grid worker's buildings, with check-off outcomes.
import { z } from 'zod';
import { text } from './common';

/** Urgent notices (紧急) get a door-knock list this long after publication unless the author sets another time. */
export const DEFAULT_DOOR_KNOCK_MINUTES = 120;

/** Minutes after publication; 1 minute to 7 days. */
export const DoorKnockMinutes = z.number().int('请填写整数分钟').min(1, '上门名单时间至少 1 分钟').max(7 * 24 * 60, '上门名单时间最多 7 天');

export const DOOR_KNOCK_OUTCOMES = ['已告知', '不在家', '已电话告知', '其他'] as const;
export const DoorKnockOutcome = z.enum(DOOR_KNOCK_OUTCOMES);
export type DoorKnockOutcome = z.infer<typeof DoorKnockOutcome>;

/** One household's check-off; 其他 needs a note. */
export const DoorKnockVisit = z
  .object({
    // Empty for a resident registered without a home: such households are on the list too (for staff without a building scope).
    building: z.string().trim().max(20),
    unit: z.string().trim().max(20),
    room: z.string().trim().max(20),
    outcome: DoorKnockOutcome,
    note: text(200).optional(),
  })
  .strict()
  .refine((v) => v.outcome !== '其他' || !!v.note, { message: '选择“其他”时请填写说明', path: ['note'] });
export type DoorKnockVisit = z.infer<typeof DoorKnockVisit>;

export const DoorKnockQuery = z.object({ building: z.string().max(20).optional() }).strict();

/** Why a household is on the list: nobody there has read it; unreachable = no channel got through to anyone there. */
export type DoorKnockReason = 'unread' | 'unreached';
export const DOOR_KNOCK_REASON_LABELS: Record<DoorKnockReason, string> = { unread: '未读', unreached: '无法送达' };

export interface DoorKnockHousehold {
  building: string;
  unit: string;
  room: string;
  reason: DoorKnockReason;
  /** The people of the household the notice was sent to; phones masked (reveal one with POST /api/residents/:id/reveal-phone, audited). */
  people: { residentId: string; name: string; phone?: string }[];
  /** Someone there read it after the list was made: nothing left to do (the list is live). */
  readAt?: string;
  visit?: { outcome: DoorKnockOutcome; note?: string; at: string; by: { id: string; name: string } };
}

/** Socket `notice:door-knock` to staff when a list is made: how many households each building has on it. */
export interface DoorKnockOpenedEvent {
  noticeId: string;
  title: string;
  buildings: { building: string; households: number }[];
}

export interface DoorKnockListDto {
  noticeId: string;
  title: string;
  /** waiting: the set time has not passed yet; open: the list exists; none: the notice has no door-knock list. */
  status: 'none' | 'waiting' | 'open';
  dueAt?: string;
  openedAt?: string;
  /** Buildings the caller covers (null = every building). */
  buildings: string[] | null;
  households: DoorKnockHousehold[];
  /** Households still to visit: not read and not checked off. */
  remaining: number;
}
