// 24-hour message board (24小时留言板): posts, replies, moderation and desk registration payloads.
import { z } from 'zod';
import { IdCursor, ObjectIdString, text } from './common';
import { TicketCategory, type AttachmentDto } from './tickets';

export const POST_CATEGORIES = ['建议', '求助', '表扬', '闲置', '失物招领'] as const;
export const PostCategory = z.enum(POST_CATEGORIES);
export type PostCategory = z.infer<typeof PostCategory>;

/** held: caught by the sensitive-word list, waiting for review; hidden: taken down by staff. */
export const POST_STATUSES = ['published', 'held', 'hidden'] as const;
export const PostStatus = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatus>;

export const POST_STATUS_LABELS: Record<PostStatus, string> = { published: '已发布', held: '待审核', hidden: '已隐藏' };

export const REPLY_STATUSES = ['visible', 'held', 'hidden'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** Staff moderation of a post or a reply: take it down (with a reason), put it back, or let a held one through. */
export const POST_ACTIONS = ['hide', 'restore', 'approve'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

export interface PostTransition {
  from: readonly PostStatus[];
  to: PostStatus;
}

/** The one post transition table. Server enforces it; the panel shows only legal moderation buttons. */
export const POST_TRANSITIONS: Record<PostAction, PostTransition> = {
  hide: { from: ['published', 'held'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'published' },
  approve: { from: ['held'], to: 'published' },
};

export function legalPostActions(status: PostStatus): PostAction[] {
  return POST_ACTIONS.filter((a) => POST_TRANSITIONS[a].from.includes(status));
}

export interface ReplyTransition {
  from: readonly ReplyStatus[];
  to: ReplyStatus;
}

/** The same moderation moves for a reply, whose shown state is `visible`. */
export const REPLY_TRANSITIONS: Record<PostAction, ReplyTransition> = {
  hide: { from: ['visible', 'held'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'visible' },
  approve: { from: ['held'], to: 'visible' },
};

export const BOARD_LIMITS = { textMax: 1000, replyMax: 500, photosMax: 9, repliesPerPost: 200, sensitiveWords: 500 } as const;

export const PostCreate = z
  .object({
    category: PostCategory,
    text: text(BOARD_LIMITS.textMax),
    photos: z.array(ObjectIdString).max(BOARD_LIMITS.photosMax, `最多 ${BOARD_LIMITS.photosMax} 张照片`).default([]),
    /** Desk registration: staff post on behalf of this resident, who then sees the post as theirs. */
    residentId: ObjectIdString.optional(),
  })
  .strict();
export type PostCreate = z.infer<typeof PostCreate>;

export const PostQuery = z
  .object({
    category: PostCategory.optional(),
    /** Staff only; residents always see published posts (and their own held ones). */
    status: PostStatus.optional(),
    mine: z.enum(['1', '0']).optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type PostQuery = z.infer<typeof PostQuery>;

export const ReplyCreate = z.object({ text: text(BOARD_LIMITS.replyMax) }).strict();
export type ReplyCreate = z.infer<typeof ReplyCreate>;

/** Hiding needs a reason (its author is shown it); restoring and approving may give one for the log. */
export const ModerationReason = z.object({ reason: text(200) }).strict();
export type ModerationReason = z.infer<typeof ModerationReason>;

export const ModerationNote = z.object({ reason: text(200).optional() }).strict();
export type ModerationNote = z.infer<typeof ModerationNote>;

export const PostToTicket = z.object({ category: TicketCategory, title: text(60).optional() }).strict();
export type PostToTicket = z.infer<typeof PostToTicket>;

export const SensitiveWords = z
  .object({
    words: z
      .array(z.string().trim().min(1, '敏感词不能为空').max(20, '敏感词不能超过 20 个字'))
      .max(BOARD_LIMITS.sensitiveWords, `敏感词最多 ${BOARD_LIMITS.sensitiveWords} 个`),
  })
  .strict();
export type SensitiveWords = z.infer<typeof SensitiveWords>;

export interface BoardAuthorDto {
  kind: 'resident' | 'staff';
  /** Residents see a masked name (王**) and the building; staff see the full name. */
  name: string;
  building?: string;
  /** Staff only. */
  residentId?: string;
}

export interface ModerationDto {
  reason: string;
  by: string;
  at: string;
}

export const MODERATION_ACTIONS = [
  'held',
  'approved',
  'hidden',
  'restored',
  'ticket',
  'reply-held',
  'reply-approved',
  'reply-hidden',
  'reply-restored',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export interface ModerationLogDto {
  action: ModerationAction;
  reason?: string;
  replyId?: string;
  /** Name of the staff member (or 系统 for automatic holds). */
  by: string;
  at: string;
}

export interface ReplyDto {
  id: string;
  text: string;
  author: { kind: 'resident' | 'staff'; name: string; building?: string };
  /** Replies by community staff (官方回复). */
  official: boolean;
  status: ReplyStatus;
  mine: boolean;
  /** Staff only. */
  hidden?: ModerationDto;
  heldWords?: string[];
  createdAt: string;
}

export interface PostDto {
  id: string;
  communityId: string;
  category: PostCategory;
  text: string;
  photos: AttachmentDto[];
  author: BoardAuthorDto;
  /** 'desk' when staff registered it for a resident at the service desk. */
  channel: 'app' | 'desk' | 'staff';
  /** Staff only: who registered a desk post. */
  registeredBy?: { id: string; name: string };
  /** True for the resident the post belongs to (including desk posts registered for them). */
  mine: boolean;
  status: PostStatus;
  /** Staff only: the sensitive words that held the post. */
  heldWords?: string[];
  /** Staff, and the post's own resident. */
  hidden?: ModerationDto;
  ticket?: { id: string; no: string };
  /** Staff only: who held, approved, hid or restored what, and why. */
  log?: ModerationLogDto[];
  /** Visible replies (all of them on the detail view, the latest few in lists). */
  replies: ReplyDto[];
  replyCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Payload of the `post:replied` socket event. */
export interface PostRepliedEvent {
  postId: string;
  reply: ReplyDto;
  replyCount: number;
}

/** Payload of the `post:removed` socket event (a post residents could see was hidden). */
export interface PostRemovedEvent {
  id: string;
}
