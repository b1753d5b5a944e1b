// 接诉即办 service clock: the two deadlines per category (签收, 办结), the working calendar, the 催办/督办/街道 ladder, extensions, and the KPI query.
import { z } from 'zod';
import { CalendarDay, text } from './common';
import { DEFAULT_SLA_HOURS, TICKET_CATEGORIES, TicketCategory } from './tickets';

/** `calendar`: the clock runs day and night (lifts, gas, water, hazards); `working`: only in working hours of working days. */
export const SERVICE_CLOCKS = ['calendar', 'working'] as const;
export const ServiceClock = z.enum(SERVICE_CLOCKS);
export type ServiceClock = z.infer<typeof ServiceClock>;
export const SERVICE_CLOCK_LABELS: Record<ServiceClock, string> = { calendar: '全天计时', working: '工作时间计时' };

const AROUND_THE_CLOCK: readonly TicketCategory[] = ['电梯', '燃气', '水电', '安全隐患'];

/** Hours to sign for (签收) a report, per category; the hours to finish (办结) are the category's SLA hours (DEFAULT_SLA_HOURS, overridable). */
export const DEFAULT_SIGN_HOURS: Record<TicketCategory, number> = Object.fromEntries(
  TICKET_CATEGORIES.map((c) => [c, AROUND_THE_CLOCK.includes(c) ? 0.25 : 0.5]),
) as Record<TicketCategory, number>;

export const DEFAULT_SERVICE_CLOCK: Record<TicketCategory, ServiceClock> = Object.fromEntries(
  TICKET_CATEGORIES.map((c) => [c, AROUND_THE_CLOCK.includes(c) ? 'calendar' : 'working']),
) as Record<TicketCategory, ServiceClock>;

export const DEFAULT_WORK_HOURS = { start: '08:30', end: '17:30' } as const;

/**
 * The ladder before and after each deadline, as fractions of the time allowed: 催办 to the assignee (or the duty staff) when
 * `remindAt` of it has passed, 督办 to the community leader at the deadline, to the street (街道) when overdue by `streetAfter` of it.
 */
export const SERVICE_LADDER = { remindAt: 0.8, streetAfter: 1 } as const;

export const LADDER_STEPS = ['remind', 'supervise', 'street'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
export type ServiceDeadline = 'sign' | 'finish';
/** Who a ladder step reaches. */
export type LadderAudience = 'assignee' | 'duty' | 'leader' | 'street';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

/** A community's service settings as staff edit them (every field optional: what is left out stays as it is). */
export const ServiceSettingsPatch = z
  .object({
    signHours: z.record(TicketCategory, z.number().min(0.01, '时限必须大于 0').max(24 * 30, '时限最长 30 天')).optional(),
    clock: z.record(TicketCategory, ServiceClock).optional(),
    workStart: HHMM.optional(),
    workEnd: HHMM.optional(),
    /** Extra days off (e.g. next year's holidays before the library knows them). */
    holidays: z.array(CalendarDay).max(200, '最多 200 天').optional(),
    /** Extra working days (调休上班). */
    workdays: z.array(CalendarDay).max(200, '最多 200 天').optional(),
  })
  .strict()
  .refine((p) => !p.workStart || !p.workEnd || p.workStart < p.workEnd, { message: '下班时间应晚于上班时间', path: ['workEnd'] })
  .refine((p) => !p.holidays || !p.workdays || !p.holidays.some((d) => p.workdays!.includes(d)), { message: '同一天不能既是假日又是调休工作日', path: ['workdays'] });
export type ServiceSettingsPatch = z.infer<typeof ServiceSettingsPatch>;

export interface ServiceRuleDto {
  signHours: number;
  finishHours: number;
  clock: ServiceClock;
}

export interface ServiceSettingsDto {
  communityId: string;
  rules: Record<TicketCategory, ServiceRuleDto>;
  workStart: string;
  workEnd: string;
  holidays: string[];
  workdays: string[];
  /** SERVICE_CLOCK_SCALE: every duration is multiplied by it (1 in production); with another value every clock runs day and night. */
  scale: number;
}

/** `GET /api/service/calendar?from=&to=` — which days count as working days (public holidays, 调休, the community's own). */
export const ServiceCalendarQuery = z.object({ from: CalendarDay, to: CalendarDay }).strict().refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export interface ServiceCalendarDayDto {
  day: string;
  work: boolean;
  /** Why: 法定节假日 / 调休上班 / 周末 / 社区设置. */
  reason?: string;
}

export const TicketExtensionRequest = z
  .object({
    hours: z.number().min(0.5, '至少延长 0.5 小时').max(24 * 30, '最多延长 30 天'),
    reason: text(200),
  })
  .strict();
export type TicketExtensionRequest = z.infer<typeof TicketExtensionRequest>;

export const TicketExtensionDecision = z.object({ approve: z.boolean(), note: text(200).optional() }).strict();
export type TicketExtensionDecision = z.infer<typeof TicketExtensionDecision>;

export const EXTENSION_STATUS_LABELS = { pending: '待审批', approved: '已批准', rejected: '未批准' } as const;
export type ExtensionStatus = keyof typeof EXTENSION_STATUS_LABELS;

export interface TicketExtensionDto {
  hours: number;
  reason: string;
  status: ExtensionStatus;
  requestedAt: string;
  requestedBy: string;
  decidedAt?: string;
  decidedBy?: string;
}

export { DEFAULT_SLA_HOURS as DEFAULT_FINISH_HOURS };

// ---- KPIs (GET /api/stats/service) ----------------------------------------------------------------------------------

export const SERVICE_STATS_GROUPS = ['month', 'category', 'assignee', 'building', 'community'] as const;
export type ServiceStatsGroup = (typeof SERVICE_STATS_GROUPS)[number];
export const SERVICE_STATS_GROUP_LABELS: Record<ServiceStatsGroup, string> = { month: '按月', category: '按类别', assignee: '按处理人', building: '按楼栋', community: '按社区' };

export const ServiceStatsQuery = z
  .object({ from: CalendarDay, to: CalendarDay, groupBy: z.enum(SERVICE_STATS_GROUPS).optional() })
  .strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: '一次最多统计一年', path: ['to'] });
export type ServiceStatsQuery = z.infer<typeof ServiceStatsQuery>;

/**
 * The figures of a set of tickets filed (createdAt, Shanghai days) from `from` to `to` inclusive:
 * - `total`: every ticket filed; `duplicates`: those linked to an earlier report (重复报修);
 * - `counted`: one per problem — not a duplicate and not cancelled; the two on-time figures are of these:
 * - `signedOnTime`: signed for (受理/派单) no later than its 签收 deadline; `finishedOnTime`: resolved or closed, resolved no later
 *   than its 办结 deadline (after any approved extension);
 * - `rated`: tickets whose reporter rated them (duplicates too: every reporter rates her own); `satisfied`: rated 4 or 5.
 * Rates are fractions (0–1, 4 decimals), null when their denominator is 0: 响应率 signedOnTime/counted, 办结率 finishedOnTime/counted,
 * 满意率 satisfied/rated, 重复报修率 duplicates/total.
 */
export interface ServiceCounts {
  total: number;
  duplicates: number;
  counted: number;
  signedOnTime: number;
  finishedOnTime: number;
  rated: number;
  satisfied: number;
  rates: { signedOnTime: number | null; finishedOnTime: number | null; satisfied: number | null; duplicates: number | null };
}

export interface ServiceStatsDto {
  from: string;
  to: string;
  overall: ServiceCounts;
  groupBy?: ServiceStatsGroup;
  groups?: Array<{ key: string; label: string } & ServiceCounts>;
}

/** Rounded rate, or null when nothing to divide by. */
export function serviceRate(n: number, d: number): number | null {
  return d ? Math.round((n / d) * 10_000) / 10_000 : null;
}

/**
 * A resident's private answer to the bot's 回访 question: 1 / 满意, 2 / 不满意 (solved, but not well), 3 / 没解决 (reopens it).
 * Anything else is not an answer (the bot handles those words as usual).
 */
export function parseRevisitReply(text: string): { solved: boolean; score?: number } | null {
  const t = text.normalize('NFKC').replace(/[\s。.!！,，~～]/g, '');
  if (/^(1|满意|非常满意|很满意|解决了|已解决)$/.test(t)) return { solved: true, score: 5 };
  if (/^(2|不满意|不太满意|一般)$/.test(t)) return { solved: true, score: 2 };
  if (/^(3|没解决|没有解决|未解决|还没解决|没修好|还没修好)$/.test(t)) return { solved: false };
  return null;
}

/** The bot relays a private message that may answer its 回访 question. */
export const BotRevisitReply = z.object({ wechatId: z.string().min(1).max(128), text: z.string().max(500) }).strict();
export type BotRevisitReply = z.infer<typeof BotRevisitReply>;
/** `none`: not an answer to a pending 回访 (the bot goes on as usual); otherwise the bot says `reply`. */
export interface BotRevisitReplyResult {
  outcome: 'none' | 'recorded' | 'reopened';
  reply: string;
  no?: string;
}

/**
 * Triage suggestion for a report (issue 17), from its words or voice transcript: category (keyword rules unless the classifier
 * is sure of something else), building/unit and urgency. Staff see it on the ticket and confirm it (POST …/triage/accept).
 */
export interface TicketTriage {
  category: TicketCategory;
  /** 0–1: at least 0.9 when a keyword rule decided, the classifier's posterior otherwise. */
  confidence: number;
  categorySource: 'rules' | 'model';
  /** Someone may be trapped or hurt, or something burning or leaking. */
  urgent: boolean;
  location?: { building: string; unit?: string };
  /** Staff confirmed it (its category, place and urgency were applied). */
  accepted?: boolean;
}

/** Words to triage before filing (the desk form): the description, or a voice transcript. */
export const TriageRequest = z.object({ text: z.string().trim().min(1, '请先填写问题描述').max(2000, '描述最多 2000 字') }).strict();
export type TriageRequest = z.infer<typeof TriageRequest>;

/** Below this the bot's 其他 is kept rather than replaced by the classifier's guess. */
export const TRIAGE_APPLY_CONFIDENCE = 0.6;

/** 每月一题: the month whose recurring problems are ranked. */
export const TopProblemsQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') }).strict();
export type TopProblemsQuery = z.infer<typeof TopProblemsQuery>;

/**
 * One recurring problem of a month: a place (building + unit, or a device) and category, with every report filed there in the
 * month (`reports`, duplicates included), the distinct problems they were linked into (`problems`: one per duplicate cluster —
 * more than one means it came back), and how many of those are still open.
 */
export interface TopProblemDto {
  place: string;
  category: TicketCategory;
  reports: number;
  problems: number;
  open: number;
  /** The ticket numbers of the problems (primaries), oldest first. */
  nos: string[];
  /** The first report's title, as an example of the words. */
  example: string;
}

export interface TopProblemsDto {
  month: string;
  items: TopProblemDto[];
  /** A ready-made notice (每月一题) staff may publish as it is or edit. */
  notice: { title: string; body: string };
}
