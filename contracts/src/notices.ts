// Notices (社区通知): categories, audience targeting, channels, payloads at the edges and the DTOs clients read.
import { z } from 'zod';
import { Cursor, ObjectIdString, text } from './common';
import { NOTIFY_CHANNELS, NotifyChannel, ResidentTag } from './residents';
import type { AttachmentDto } from './tickets';
import { DoorKnockMinutes } from './door-knock';

export const NOTICE_CATEGORIES = ['通知', '活动', '政策法规', '停水停电', '紧急'] as const;
export const NoticeCategory = z.enum(NOTICE_CATEGORIES);
export type NoticeCategory = z.infer<typeof NoticeCategory>;

/** draft: saved, not sent; scheduled: waits for publishAt; publishing: recipients being written; published; withdrawn (before publishing). */
export const NOTICE_STATUSES = ['draft', 'scheduled', 'publishing', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿',
  scheduled: '定时发布',
  publishing: '发布中',
  published: '已发布',
  withdrawn: '已撤回',
};

/** edit: staff change the content; release: staff send a draft; publish/finish: publication starts and completes; withdraw: staff take it back. */
export const NOTICE_ACTIONS = ['edit', 'release', 'publish', 'finish', 'withdraw'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

export interface NoticeTransition {
  from: readonly NoticeStatus[];
  /** null: the notice keeps its status (an edit changes its content only). */
  to: NoticeStatus | null;
}

/** The one notice transition table. Server enforces it; a draft is sent at once or at its publishAt. */
export const NOTICE_TRANSITIONS: Record<NoticeAction, NoticeTransition> = {
  edit: { from: ['draft', 'scheduled'], to: null },
  release: { from: ['draft'], to: 'scheduled' },
  publish: { from: ['scheduled'], to: 'publishing' },
  finish: { from: ['publishing'], to: 'published' },
  withdraw: { from: ['draft', 'scheduled'], to: 'withdrawn' },
};

export function legalNoticeActions(status: NoticeStatus): NoticeAction[] {
  return NOTICE_ACTIONS.filter((a) => NOTICE_TRANSITIONS[a].from.includes(status));
}

/** A notice's channels: the residents' own (feed, push, group, SMS, subscribe) plus the estate's speakers (智慧广播, issue 19). */
export const NOTICE_CHANNELS = [...NOTIFY_CHANNELS, 'broadcast'] as const;
export const NoticeChannel = z.enum(NOTICE_CHANNELS);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

export const NOTICE_CHANNEL_LABELS: Record<NoticeChannel, string> = {
  feed: '小程序通知栏',
  push: '实时推送',
  group: '微信群',
  sms: '短信',
  subscribe: '订阅消息',
  broadcast: '智慧广播',
};

/**
 * Who a notice reaches. Criteria of different kinds combine with AND, values within one list with OR;
 * `all` alone means every verified resident. The server resolves it once, at publication.
 */
export const NoticeAudience = z
  .object({
    all: z.boolean().optional(),
    buildings: z.array(text(20)).min(1, '请至少选择一栋楼').max(100).optional(),
    minAge: z.number().int().min(0, '年龄不能为负数').max(120, '年龄不能超过 120 岁').optional(),
    tags: z.array(ResidentTag).min(1, '请至少选择一个标签').max(20).optional(),
    householdIds: z.array(ObjectIdString).min(1, '请至少选择一户').max(1000, '最多选择 1000 户').optional(),
  })
  .strict()
  .refine((a) => a.all === true || a.buildings || a.minAge !== undefined || a.tags || a.householdIds, {
    message: '请选择通知对象',
  });
export type NoticeAudience = z.infer<typeof NoticeAudience>;

const isoDate = z.string().datetime({ offset: true, message: '时间格式不正确' });
const channels = z
  .array(NoticeChannel)
  .min(1, '请至少选择一个发布渠道')
  .max(NOTICE_CHANNELS.length)
  .refine((c) => new Set(c).size === c.length, '发布渠道不能重复');

const NoticeFields = z.object({
  title: text(60),
  /** Markdown; rendered on the server to sanitized HTML (no raw HTML, no script). */
  body: text(10_000),
  category: NoticeCategory,
  audience: NoticeAudience,
  channels,
  /** Absent = publish now; in the future = scheduled. */
  publishAt: isoDate.optional(),
  expiresAt: isoDate.optional(),
  pinned: z.boolean().optional(),
  attachments: z.array(ObjectIdString).max(9, '最多 9 个附件').optional(),
  /** Save without sending (publish later with POST /api/notices/:id/publish). */
  draft: z.boolean().optional(),
  /** Minutes after publication when the unread / unreachable households become door-knock lists (default 120 for 紧急). */
  doorKnockAfterMinutes: DoorKnockMinutes.optional(),
});

const timesInOrder = (n: { publishAt?: string; expiresAt?: string }) =>
  !n.expiresAt || new Date(n.expiresAt).getTime() > (n.publishAt ? new Date(n.publishAt).getTime() : Date.now());

export const NoticeCreate = NoticeFields.strict().refine(timesInOrder, {
  message: '过期时间必须晚于发布时间',
  path: ['expiresAt'],
});
export type NoticeCreate = z.infer<typeof NoticeCreate>;

/**
 * Edits are allowed while a notice is a draft or scheduled. `publishAt` moves the scheduled time (future only;
 * to send at once use POST /api/notices/:id/publish); `expiresAt: null` removes the expiry.
 */
export const NoticePatch = NoticeFields.omit({ draft: true, publishAt: true, expiresAt: true })
  .partial()
  .extend({ publishAt: isoDate.optional(), expiresAt: isoDate.nullable().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有需要修改的内容');
export type NoticePatch = z.infer<typeof NoticePatch>;

export const NoticeQuery = z
  .object({
    /** Staff only: filter by status. */
    status: z.enum(NOTICE_STATUSES).optional(),
    category: NoticeCategory.optional(),
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type NoticeQuery = z.infer<typeof NoticeQuery>;

export const AudiencePreviewBody = z.object({ audience: NoticeAudience }).strict();
export type AudiencePreviewBody = z.infer<typeof AudiencePreviewBody>;

export interface AudiencePreviewDto {
  count: number;
}

export const ReceiptsQuery = z
  .object({
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    building: z.string().max(20).optional(),
  })
  .strict();
export type ReceiptsQuery = z.infer<typeof ReceiptsQuery>;

/** Outcome of one channel for one resident. */
export const DELIVERY_STATUSES = ['delivered', 'sent', 'pending', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryOutcomeDto {
  status: DeliveryStatus;
  attempts: number;
  at?: string;
  /** Why it failed or was skipped (e.g. 未同意短信通知, 未登记手机号). */
  reason?: string;
}

export interface NoticeDto {
  id: string;
  communityId: string;
  title: string;
  /** Raw Markdown as written. */
  body: string;
  /** Sanitized HTML rendered from body. */
  bodyHtml: string;
  category: NoticeCategory;
  pinned: boolean;
  status: NoticeStatus;
  publishAt?: string;
  publishedAt?: string;
  expiresAt?: string;
  attachments: AttachmentDto[];
  createdAt: string;
  updatedAt: string;
  /** Resident view: when this resident read it (absent = unread). */
  readAt?: string;
  /** Staff view only. */
  audience?: NoticeAudience;
  channels?: NoticeChannel[];
  createdBy?: { id: string; name: string };
  recipientCount?: number;
  readCount?: number;
  /** Staff view: the door-knock list's time (afterMinutes after publication), when it is due and when it was made. */
  doorKnock?: { afterMinutes: number; dueAt?: string; openedAt?: string };
}

export interface NoticeListDto {
  items: NoticeDto[];
  nextCursor: string | null;
  /** Residents: published, unexpired notices aimed at them that they have not read. */
  unreadCount: number;
}

export interface NoticeReceiptPerson {
  residentId: string;
  name: string;
  unit: string;
  room: string;
  /** Masked (138****0001) so the list can be printed for a door-to-door round. */
  phone?: string;
  readAt?: string;
  deliveries: Partial<Record<NotifyChannel, DeliveryOutcomeDto>>;
}

export interface NoticeReceiptsDto {
  noticeId: string;
  total: number;
  read: number;
  unread: number;
  buildings: { building: string; read: NoticeReceiptPerson[]; unread: NoticeReceiptPerson[] }[];
}

/** Socket `notice:published`: the notice as the receiver may see it. */
export type NoticePublishedEvent = NoticeDto;
