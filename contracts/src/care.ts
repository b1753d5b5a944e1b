// Elderly care (关爱): care profiles, daily check-in (平安打卡), the care overview and the health-data audit log.
import { z } from 'zod';
import { CalendarDay, IdCursor, ObjectIdString, text } from './common';
import { SHANGHAI_TIME_ZONE } from './time';
import type { AlertDto } from './alerts';
import { QuietHours, type AbsenceReason, type CareAbsenceDto } from './care-absence';

/** Residents with one of these tags may be enrolled in the care programme. */
export const CARE_TAGS = ['独居', '空巢', '高龄'] as const;

export const LIVING_SITUATIONS = ['独居', '空巢', '与配偶同住', '与子女同住', '其他'] as const;
export const LivingSituation = z.enum(LIVING_SITUATIONS);

export const DEFAULT_CHECKIN_DEADLINE = '10:00';
/** Check-in days and deadlines are in this zone (no DST: UTC+8). */
export const CARE_TIMEZONE = SHANGHAI_TIME_ZONE;

/** "HH:mm" (or "HH:mm:ss" for drills) in Asia/Shanghai. */
export const CheckinDeadline = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, '截止时间格式应为 HH:mm');

export const EmergencyContact = z
  .object({
    name: text(40),
    relation: text(20),
    phone: z.string().regex(/^1\d{10}$/, '手机号格式不正确'),
  })
  .strict();
export type EmergencyContact = z.infer<typeof EmergencyContact>;

export const DEFAULT_HEART_RATE = { min: 45, max: 130 } as const;

export const HealthInfo = z
  .object({
    notes: text(1000).optional(),
    conditions: z.array(text(40)).max(20).default([]),
    medications: z.array(text(60)).max(20).default([]),
    /** Wristband heart_rate events outside [min, max] raise an alert. */
    heartRate: z
      .object({ min: z.number().int().min(20).max(120), max: z.number().int().min(60).max(250) })
      .strict()
      .refine((h) => h.min < h.max, { message: '心率下限应低于上限' })
      .optional(),
  })
  .strict();
export type HealthInfo = z.infer<typeof HealthInfo>;

export const CareProfileCreate = z
  .object({
    residentId: ObjectIdString,
    livingSituation: LivingSituation,
    emergencyContacts: z.array(EmergencyContact).max(5).default([]),
    /** Responsible grid worker (a staff id with role grid); defaults to the grid worker covering the building. */
    gridWorkerId: ObjectIdString.optional(),
    health: HealthInfo.optional(),
    checkinDeadline: CheckinDeadline.default(DEFAULT_CHECKIN_DEADLINE),
    checkinEnabled: z.boolean().default(true),
    /** Default 22:00–07:00: no check-in question inside; a deadline inside moves to the end. */
    quietHours: QuietHours.optional(),
  })
  .strict();
export type CareProfileCreate = z.infer<typeof CareProfileCreate>;

export const CareProfilePatch = z
  .object({
    livingSituation: LivingSituation.optional(),
    emergencyContacts: z.array(EmergencyContact).max(5).optional(),
    gridWorkerId: ObjectIdString.optional(),
    health: HealthInfo.optional(),
    checkinDeadline: CheckinDeadline.optional(),
    checkinEnabled: z.boolean().optional(),
    quietHours: QuietHours.optional(),
  })
  .strict();
export type CareProfilePatch = z.infer<typeof CareProfilePatch>;

export const CareProfileQuery = z
  .object({
    building: z.string().max(20).optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type CareProfileQuery = z.infer<typeof CareProfileQuery>;

export interface CareProfileDto {
  residentId: string;
  communityId: string;
  name: string;
  building?: string;
  unit?: string;
  room?: string;
  tags: string[];
  livingSituation: string;
  emergencyContacts: EmergencyContact[];
  gridWorkerId?: string;
  gridWorkerName?: string;
  devices: { id: string; name: string; kind: string }[];
  checkinDeadline: string;
  checkinEnabled: boolean;
  /** Hers, or the community's default (CARE_QUIET_HOURS); null: none. */
  quietHours: QuietHours | null;
  /** Only for staff with the care role, admins and the responsible grid worker; every such read is audited. */
  health?: HealthInfo;
  healthRedacted: boolean;
  createdAt: string;
  updatedAt: string;
}

export const CHECKIN_SOURCES = ['app', 'bot', 'device', 'visit', 'sms'] as const;
export type CheckinSource = (typeof CHECKIN_SOURCES)[number];
export const CHECKIN_SOURCE_LABELS: Record<CheckinSource, string> = { app: '小程序打卡', bot: '微信打卡', device: '手环心跳', visit: '上门探访', sms: '短信回复' };

/** `POST /api/care/checkins`: a resident checks in for themself; the bot names the sender; staff name the resident after a visit. */
export const CheckinCreate = z
  .object({
    residentId: ObjectIdString.optional(),
    /** Bot: the sender's WeChat contact id; only a resident bound to it is checked in (issue 12 item 7). */
    wechatId: z.string().trim().min(1).max(120).optional(),
    /** Bot: the sender's display name, for the reply only: a name alone never identifies anyone. */
    wechatName: text(60).optional(),
    note: text(300).optional(),
  })
  .strict();
export type CheckinCreate = z.infer<typeof CheckinCreate>;

export interface CheckinDto {
  residentId: string;
  name: string;
  day: string;
  checkedInAt?: string;
  source?: CheckinSource;
  /** true when this call was the first check-in of the day. */
  first: boolean;
}

export const CareOverviewQuery = z
  .object({ day: CalendarDay.optional(), building: z.string().max(20).optional() })
  .strict();

export interface CareOverviewDto {
  day: string;
  total: number;
  checkedIn: { residentId: string; name: string; building?: string; at: string; source: CheckinSource }[];
  /** `absence`: she is away today (住院中 / 外出中 instead of 未打卡; never overdue); `dueAt`: when the check-in question is asked (moved out of her quiet hours). */
  missing: { residentId: string; name: string; building?: string; deadline: string; dueAt?: string; overdue: boolean; absence?: { reason: AbsenceReason; from: string; to: string } }[];
  openAlerts: AlertDto[];
}

export const CareAuditQuery = z
  .object({
    residentId: ObjectIdString.optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface CareAuditDto {
  id: string;
  at: string;
  actor: { id: string; name: string; roles: string[] };
  action: CareAuditAction;
  residentId: string;
  residentName?: string;
  via: string;
  /** What changed, for absence and quiet-hours entries (never health data). */
  detail?: string;
}

export type CareAuditAction = 'read_health' | 'write_health' | 'write_absence' | 'write_quiet_hours';

/** What a resident in the programme sees about themself in the mini-program. */
export interface MyCareDto {
  enrolled: boolean;
  day: string;
  checkedInToday: boolean;
  checkedInAt?: string;
  checkinDeadline?: string;
  emergencyContacts: EmergencyContact[];
  /** Her stays away that have not ended yet (she may enter one herself: POST /api/care/me/absences). */
  absences?: CareAbsenceDto[];
  /** Away today: no check-in is asked of her. */
  awayToday?: { reason: AbsenceReason; from: string; to: string };
}
