// Tickets: categories, statuses, the one transition table, and the payloads at the edges.
import { z } from 'zod';
import { Address, IdCursor, ObjectIdString, text } from './common';
import type { LadderAudience, TicketExtensionDto } from './service';

export const TICKET_CATEGORIES = [
  '电梯',
  '水电',
  '燃气',
  '环境卫生',
  '噪音扰民',
  '路灯照明',
  '停车',
  '公共设施',
  '安全隐患',
  '邻里纠纷',
  '其他',
] as const;
export const TicketCategory = z.enum(TICKET_CATEGORIES);
export type TicketCategory = z.infer<typeof TicketCategory>;

/** Default SLA in hours per category; a community may override any of them. */
export const DEFAULT_SLA_HOURS: Record<TicketCategory, number> = {
  电梯: 4,
  水电: 8,
  燃气: 2,
  环境卫生: 24,
  噪音扰民: 24,
  路灯照明: 48,
  停车: 24,
  公共设施: 48,
  安全隐患: 4,
  邻里纠纷: 72,
  其他: 72,
};

export const TICKET_STATUSES = [
  'submitted',
  'accepted',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'cancelled',
] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  assigned: '已派单',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
  cancelled: '已撤销',
};

/** Statuses in which a ticket is still being worked on: its SLA runs, it may be urged and it shows in the inbox. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress'];

export function isOpenTicketStatus(status: TicketStatus): boolean {
  return OPEN_TICKET_STATUSES.includes(status);
}

export const TICKET_ACTIONS = ['accept', 'assign', 'start', 'resolve', 'close', 'reopen', 'cancel'] as const;
export const TicketAction = z.enum(TICKET_ACTIONS);
export type TicketAction = z.infer<typeof TicketAction>;

export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  accept: '受理',
  assign: '派单',
  start: '开始处理',
  resolve: '办结',
  close: '关闭',
  reopen: '重新打开',
  cancel: '撤销',
};

/** Who may perform a move: staff responsible for the ticket's building, or its reporter. */
export type TicketActor = 'staff' | 'reporter';

export interface TicketTransition {
  from: readonly TicketStatus[];
  to: TicketStatus;
  by: readonly TicketActor[];
}

/** The one transition table. Server enforces it; clients use it to show only legal actions. */
export const TICKET_TRANSITIONS: Record<TicketAction, TicketTransition> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['staff'] },
  assign: { from: ['submitted', 'accepted', 'assigned'], to: 'assigned', by: ['staff'] },
  start: { from: ['accepted', 'assigned'], to: 'in_progress', by: ['staff'] },
  resolve: { from: ['in_progress'], to: 'resolved', by: ['staff'] },
  close: { from: ['resolved'], to: 'closed', by: ['staff', 'reporter'] },
  reopen: { from: ['resolved', 'closed'], to: 'accepted', by: ['staff', 'reporter'] },
  cancel: { from: ['submitted', 'accepted', 'assigned'], to: 'cancelled', by: ['staff', 'reporter'] },
};

/** A resolved or closed ticket may be reopened for this long after it was resolved. */
export const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;

export function legalActions(status: TicketStatus, actor: TicketActor): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => {
    const t = TICKET_TRANSITIONS[a];
    return t.from.includes(status) && t.by.includes(actor);
  });
}

export const TICKET_CHANNELS = ['app', 'bot', 'desk'] as const;
export const TicketChannel = z.enum(TICKET_CHANNELS);
export type TicketChannel = z.infer<typeof TicketChannel>;

export const Reporter = z
  .object({
    residentId: ObjectIdString.optional(),
    name: text(40),
    wechatName: text(60).optional(),
    wechatId: text(120).optional(),
    /** Group the report came from (bot), so progress can be posted back there. */
    roomId: text(120).optional(),
    roomTopic: text(120).optional(),
    phone: z.string().regex(/^1\d{10}$/, '手机号格式不正确').optional(),
  })
  .strict();
export type Reporter = z.infer<typeof Reporter>;

export const TicketAudio = z
  .object({
    uploadId: ObjectIdString,
    durationMs: z.number().int().min(0).max(600_000).optional(),
    transcript: text(2000).optional(),
  })
  .strict();

export const TicketCreate = z
  .object({
    category: TicketCategory,
    description: text(2000).optional(),
    title: text(60).optional(),
    location: Address.optional(),
    attachments: z.array(ObjectIdString).max(9, '最多 9 个附件').default([]),
    audio: TicketAudio.optional(),
    channel: TicketChannel,
    reporter: Reporter.optional(),
    /** The device the problem is about (an alert's device): a device is a place of its own for duplicate linking. */
    deviceId: text(64).optional(),
    /** The reporter chose 「一起关注」 on this open report of the same place and category (GET /api/tickets/similar). */
    duplicateOf: ObjectIdString.optional(),
  })
  .strict()
  .refine((t) => t.description || t.audio, { message: '请填写问题描述', path: ['description'] });
export type TicketCreate = z.infer<typeof TicketCreate>;

export const TicketTransitionBody = z
  .object({
    action: TicketAction,
    assigneeId: ObjectIdString.optional(),
    note: text(500).optional(),
  })
  .strict()
  .refine((b) => b.action !== 'assign' || b.assigneeId, { message: '派单需要指定处理人', path: ['assigneeId'] });
export type TicketTransitionBody = z.infer<typeof TicketTransitionBody>;

export const TicketComment = z.object({ body: text(1000), internal: z.boolean().default(false) }).strict();
export type TicketComment = z.infer<typeof TicketComment>;

export const TicketRating = z
  .object({ score: z.number().int().min(1, '评分为 1-5 分').max(5, '评分为 1-5 分'), comment: text(300).optional() })
  .strict();
export type TicketRating = z.infer<typeof TicketRating>;

export const TicketTranscript = z.object({ transcript: text(2000) }).strict();
/** The group bot threads the answer to 「请问是几号楼几单元？」 into the report it filed without a place (issue 14). */
export const TicketLocate = z.object({ location: Address }).strict();
export type TicketLocate = z.infer<typeof TicketLocate>;

/**
 * `GET /api/tickets/by-no/:no`. The group bot asks on someone's behalf and must name them (their WeChat contact id):
 * it is answered only with that person's or their household's ticket (issue 12 item 7).
 */
export const TicketByNoQuery = z.object({ wechatId: text(120).optional() }).strict();
export type TicketByNoQuery = z.infer<typeof TicketByNoQuery>;

export const TicketQuery = z
  .object({
    status: z.union([TicketStatus, z.string().regex(/^[a-z_,]+$/).max(100)]).optional(),
    category: TicketCategory.optional(),
    assignee: z.union([ObjectIdString, z.literal('me')]).optional(),
    building: z.string().max(20).optional(),
    overdue: z.enum(['1', '0']).optional(),
    mine: z.enum(['1', '0']).optional(),
    /** 回访 state: `call` lists the return-visit call tasks. */
    revisit: z.enum(['asked', 'call', 'done']).optional(),
    // A search typed by a person: a NUL or other control character would reach the database's regex and fail there (500).
    q: text(40, 0).optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type TicketQuery = z.infer<typeof TicketQuery>;

export const TIMELINE_KINDS = [
  'created',
  'accepted',
  'assigned',
  'started',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
  'comment',
  'urged',
  'rated',
  'escalated',
  'transcribed',
  'located',
  'linked',
  'unlinked',
  'followed',
  'prioritized',
  'reminded',
  'supervised',
  'street',
  'extension_requested',
  'extended',
  'extension_rejected',
  'revisit',
  'triaged',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * How each timeline entry reads: `staff` in the panel (what was done), `resident` in the mini-program and in
 * the group bot (what happened to the resident's ticket). Callers may dress up an entry (assignee, score, note).
 */
export const TIMELINE_LABELS: Record<TimelineKind, { staff: string; resident: string }> = {
  created: { staff: '提交工单', resident: '已提交' },
  accepted: { staff: '受理', resident: '社区已受理' },
  assigned: { staff: '派单', resident: '已派单' },
  started: { staff: '开始处理', resident: '开始处理' },
  resolved: { staff: '办结', resident: '已处理完成' },
  closed: { staff: '关闭', resident: '已关闭' },
  reopened: { staff: '重新打开', resident: '已重新打开' },
  cancelled: { staff: '撤销', resident: '已撤销' },
  comment: { staff: '回复', resident: '留言' },
  urged: { staff: '催单', resident: '已催办' },
  rated: { staff: '评价', resident: '已评价' },
  escalated: { staff: '超时升级', resident: '已超时，已提醒负责人加快处理' },
  transcribed: { staff: '语音转写', resident: '语音已转为文字' },
  located: { staff: '补充地点', resident: '已补充地点' },
  linked: { staff: '合并为重复报事', resident: '已有人反映同一问题，已合并处理，进度同步通知您' },
  unlinked: { staff: '取消合并', resident: '已单独处理' },
  followed: { staff: '新增关注', resident: '又有居民反映了这个问题' },
  prioritized: { staff: '多户反映，提升优先级', resident: '多户居民反映，已加急处理' },
  reminded: { staff: '催办', resident: '已提醒工作人员尽快处理' },
  supervised: { staff: '督办', resident: '已超时，社区负责人督办' },
  street: { staff: '街道督办', resident: '已上报街道督办' },
  extension_requested: { staff: '申请延期', resident: '申请延期' },
  extended: { staff: '延期', resident: '处理时限已延长' },
  extension_rejected: { staff: '延期未批准', resident: '延期未批准' },
  revisit: { staff: '回访', resident: '社区回访' },
  triaged: { staff: '确认分诊', resident: '已确认问题类别' },
};

export interface TimelineEntryDto {
  kind: TimelineKind;
  at: string;
  actor: { kind: 'staff' | 'resident' | 'bot' | 'system'; id?: string; name: string };
  note?: string;
  internal?: boolean;
  from?: TicketStatus;
  to?: TicketStatus;
  assigneeId?: string;
  assigneeName?: string;
  score?: number;
  /** A ladder step (催办/督办/街道): whom it reached. */
  audience?: LadderAudience;
}

export interface AttachmentDto {
  id: string;
  url: string;
  mime: string;
  size: number;
}

export interface TicketDto {
  id: string;
  no: string;
  communityId: string;
  category: TicketCategory;
  title: string;
  description: string;
  location?: Address;
  attachments: AttachmentDto[];
  audio?: { uploadId: string; url: string; durationMs?: number; transcript?: string; status: 'pending' | 'done' };
  channel: TicketChannel;
  reporter: Reporter;
  status: TicketStatus;
  assigneeId?: string;
  assigneeName?: string;
  slaDueAt: string;
  overdue: boolean;
  escalatedAt?: string;
  resolvedAt?: string;
  rating?: { score: number; comment?: string };
  urgeCount: number;
  timeline: TimelineEntryDto[];
  createdAt: string;
  updatedAt: string;
  /** The device the problem is about, when it came from one. */
  deviceId?: string;
  /** This report is a duplicate of an open one (the primary): it shares the primary's deadline and follows its progress. */
  duplicateOf?: { id: string; no: string; by: DuplicateLinkedBy };
  /** Staff only: an open report of the same place and category that may be the same problem (below the auto-link similarity). */
  duplicateSuggestion?: { id: string; no: string; score: number };
  /** On a primary: how many later reports were linked to it. */
  followerCount: number;
  /** Distinct households that reported this problem (the primary and its linked reports); 1 for an unlinked ticket. */
  households: number;
  priority: TicketPriority;
  /** Staff only, on a primary: the reports linked to it. */
  linked?: Array<{ id: string; no: string }>;
  /** 签收 deadline (the 办结 deadline is `slaDueAt`), and when staff signed for it (受理 or 派单). */
  signDueAt?: string;
  signedAt?: string;
  /** The latest extension request (residents see it once approved, with its reason). */
  extension?: TicketExtensionDto;
  /** 回访 after resolution: asked the day after, a call task for staff when unanswered for three days, done when answered. */
  revisit?: { status: 'asked' | 'call' | 'done'; askedAt?: string; answeredAt?: string; solved?: boolean };
  /** Staff only: the triage suggestion from the report's words (see TicketTriage in service.ts). */
  triage?: import('./service').TicketTriage;
}

/** The answer to 回访: solved (with a score, 4–5 counts as satisfied) or not (没解决: the ticket reopens and is supervised). */
export const TicketRevisitAnswer = z
  .object({
    solved: z.boolean(),
    score: z.number().int().min(1, '评分为 1-5 分').max(5, '评分为 1-5 分').optional(),
    comment: text(300).optional(),
  })
  .strict();
export type TicketRevisitAnswer = z.infer<typeof TicketRevisitAnswer>;

export const TICKET_PRIORITIES = ['normal', 'high'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_PRIORITY_LABELS: Record<TicketPriority, string> = { normal: '普通', high: '加急' };

/** Who linked a duplicate: the server on its own (similar enough), staff confirming a suggestion, or the reporter (一起关注). */
export type DuplicateLinkedBy = 'auto' | 'staff' | 'reporter';

/** Reports of the same place and category are compared within this many hours of the open one. */
export const DUPLICATE_WINDOW_HOURS = 24;
/** At or above this text similarity (0–1) a report is linked at once; below it staff are asked to confirm. */
export const DUPLICATE_AUTO_SIMILARITY = 0.5;
/** This many distinct households on one problem raise its priority (群众反映集中). */
export const CROWD_HOUSEHOLDS = 3;

/** `GET /api/tickets/similar`: open reports of a place and category, asked before submitting (这部电梯已有人报修，要一起关注吗？). */
export const TicketSimilarQuery = z
  .object({
    category: TicketCategory,
    building: text(20).optional(),
    unit: text(20).optional(),
    deviceId: text(64).optional(),
  })
  .strict()
  .refine((q) => q.building || q.deviceId, { message: '请提供楼号或设备', path: ['building'] });
export type TicketSimilarQuery = z.infer<typeof TicketSimilarQuery>;

/** What a resident may see of someone else's open report: the place, category, status and how many follow it — never its words. */
export interface SimilarTicketDto {
  id: string;
  no: string;
  category: TicketCategory;
  place: string;
  status: TicketStatus;
  followerCount: number;
  createdAt: string;
}

/** Staff link a report to an open one of the same problem (confirming a suggestion, or by hand). */
export const TicketLinkBody = z.object({ primaryId: ObjectIdString }).strict();
export type TicketLinkBody = z.infer<typeof TicketLinkBody>;

/** How the bot and the mini-program say that a report joined an earlier one. */
export function duplicateNotice(category: TicketCategory, primaryNo: string, where: 'group' | 'app'): string {
  const what = category === '电梯' ? '这部电梯已有人报修' : '这个问题已有人反映';
  return `${what}（${primaryNo}），已为您加一，进度会${where === 'group' ? '在群里' : ''}通知${where === 'group' ? '' : '您'}`;
}

/** Per-category SLA override in hours (fractions allowed, e.g. 0.5 = 30 minutes). */
export const CommunitySlaPatch = z
  .record(TicketCategory, z.number().min(0.0001, 'SLA 必须大于 0').max(24 * 30, 'SLA 最长 30 天'))
  .refine((r) => Object.keys(r).length > 0, { message: '请至少设置一个类别' });
export type CommunitySlaPatch = z.infer<typeof CommunitySlaPatch>;
