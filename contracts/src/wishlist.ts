// Renovation wish list (心愿清单): rounds, items, household votes, and the one item-status transition table.
import { z } from 'zod';
import { Address, CalendarDay, IdCursor, ObjectIdString, text } from './common';
import type { LedgerEntryDto } from './ledger';
import type { AttachmentDto } from './tickets';

export const WISH_ITEM_STATUSES = ['pending', 'approved', 'building', 'done', 'rejected'] as const;
export const WishItemStatus = z.enum(WISH_ITEM_STATUSES);
export type WishItemStatus = z.infer<typeof WishItemStatus>;

export const WISH_ITEM_STATUS_LABELS: Record<WishItemStatus, string> = {
  pending: '待评估',
  approved: '已立项',
  building: '施工中',
  done: '已完成',
  rejected: '不采纳',
};

export const WISH_ITEM_ACTIONS = ['approve', 'start', 'complete', 'reject'] as const;
export const WishItemAction = z.enum(WISH_ITEM_ACTIONS);
export type WishItemAction = z.infer<typeof WishItemAction>;

export const WISH_ITEM_ACTION_LABELS: Record<WishItemAction, string> = {
  approve: '立项',
  start: '开工',
  complete: '完工',
  reject: '不采纳',
};

export interface WishItemTransition {
  from: readonly WishItemStatus[];
  to: WishItemStatus;
  /** The move needs a reason (shown to residents). */
  needsReason?: boolean;
}

/** The one transition table: 待评估 → 已立项 → 施工中 → 已完成, or 不采纳 (with a reason) before work starts. */
export const WISH_ITEM_TRANSITIONS: Record<WishItemAction, WishItemTransition> = {
  approve: { from: ['pending'], to: 'approved' },
  start: { from: ['approved'], to: 'building' },
  complete: { from: ['building'], to: 'done' },
  reject: { from: ['pending', 'approved'], to: 'rejected', needsReason: true },
};

export function legalWishActions(status: WishItemStatus): WishItemAction[] {
  return WISH_ITEM_ACTIONS.filter((a) => WISH_ITEM_TRANSITIONS[a].from.includes(status));
}

const Fen = z
  .number({ invalid_type_error: '金额必须是数字' })
  .int('金额以分为单位，必须是整数')
  .min(0, '金额不能为负')
  .max(10_000_000_000, '金额超出上限');

export const WishSubItemInput = z
  .object({
    title: text(60),
    description: text(500).optional(),
    estimatedCost: Fen.optional(),
  })
  .strict();
export type WishSubItemInput = z.infer<typeof WishSubItemInput>;

export const WishItemInput = z
  .object({
    title: text(60),
    description: text(2000).optional(),
    /** Estimated cost in integer fen. */
    estimatedCost: Fen.optional(),
    photos: z.array(ObjectIdString).max(9, '最多 9 张照片').default([]),
    subItems: z.array(WishSubItemInput).max(30, '小项最多 30 个').default([]),
  })
  .strict();
export type WishItemInput = z.infer<typeof WishItemInput>;

const IsoTime = z.string().datetime({ offset: true, message: '时间格式不正确' });

export const WishRoundCreate = z
  .object({
    title: text(60),
    description: text(2000).optional(),
    /** Each household picks up to this many items. */
    maxChoices: z.number().int().min(1, '至少可选 1 项').max(20, '最多可选 20 项'),
    opensAt: IsoTime,
    closesAt: IsoTime,
    items: z.array(WishItemInput).min(1, '至少需要 1 个心愿项').max(60, '心愿项最多 60 个'),
  })
  .strict()
  .refine((r) => Date.parse(r.closesAt) > Date.parse(r.opensAt), { message: '截止时间应晚于开始时间', path: ['closesAt'] })
  .refine((r) => r.maxChoices <= r.items.length, { message: '可选项数不能超过心愿项总数', path: ['maxChoices'] });
export type WishRoundCreate = z.infer<typeof WishRoundCreate>;

export const WishVoteCast = z
  .object({ itemIds: z.array(ObjectIdString).min(1, '请至少选择 1 项').max(20) })
  .strict()
  .refine((v) => new Set(v.itemIds).size === v.itemIds.length, { message: '不能重复选择同一项', path: ['itemIds'] });
export type WishVoteCast = z.infer<typeof WishVoteCast>;

/** One paper ballot from a residents' meeting: the door plate of the household and its picks. */
export const WishPaperBallot = z
  .object({
    household: Address.extend({ unit: text(20), room: text(20) }).strict(),
    itemIds: z.array(ObjectIdString).min(1, '请至少选择 1 项').max(20),
  })
  .strict()
  .refine((v) => new Set(v.itemIds).size === v.itemIds.length, { message: '不能重复选择同一项', path: ['itemIds'] });

/** The meeting paper ballots were collected at: a record every ballot references (the minutes-taker can be asked). */
export const WishMeeting = z
  .object({
    /** e.g. "第29次居民代表大会". */
    name: text(100),
    date: CalendarDay,
    place: text(100),
    /** 记录人: who took the minutes. */
    minutesTaker: text(40),
  })
  .strict();
export type WishMeeting = z.infer<typeof WishMeeting>;

export const WishPaperVotes = z
  .object({
    meeting: WishMeeting,
    ballots: z.array(WishPaperBallot).min(1, '请至少录入 1 张选票').max(200, '一次最多录入 200 张选票'),
  })
  .strict();
export type WishPaperVotes = z.infer<typeof WishPaperVotes>;

export const WishItemTransitionBody = z
  .object({ action: WishItemAction, reason: text(500).optional(), note: text(500).optional() })
  .strict()
  .refine((b) => !WISH_ITEM_TRANSITIONS[b.action].needsReason || b.reason, { message: '请填写不采纳的原因', path: ['reason'] });
export type WishItemTransitionBody = z.infer<typeof WishItemTransitionBody>;

export const WishProgressCreate = z
  .object({ note: text(1000), photos: z.array(ObjectIdString).max(9, '最多 9 张照片').default([]) })
  .strict();
export type WishProgressCreate = z.infer<typeof WishProgressCreate>;

export const WishLedgerLink = z.object({ entryId: ObjectIdString }).strict();
export type WishLedgerLink = z.infer<typeof WishLedgerLink>;

export const WishRoundQuery = z
  .object({ cursor: IdCursor.optional(), limit: z.coerce.number().int().min(1).max(50).default(20) })
  .strict();

export type WishRoundPhase = 'upcoming' | 'open' | 'closed';

export interface WishTallyDto {
  roundId: string;
  /** Households that have voted (app + paper). */
  households: number;
  paperHouseholds: number;
  /** Per item: total votes and how many of them came from paper ballots. */
  items: Array<{ itemId: string; votes: number; paperVotes: number }>;
}

export interface WishProgressDto {
  at: string;
  kind: 'status' | 'progress';
  from?: WishItemStatus;
  to?: WishItemStatus;
  note?: string;
  photos: AttachmentDto[];
  by: string;
}

export interface WishItemDto {
  id: string;
  roundId: string;
  no: number;
  title: string;
  description?: string;
  estimatedCost?: number;
  photos: AttachmentDto[];
  subItems: WishSubItemInput[];
  status: WishItemStatus;
  rejectReason?: string;
  progress: WishProgressDto[];
  /** Published ledger entries that paid for this item (expenses), and their sum in fen. */
  ledgerEntries: LedgerEntryDto[];
  spent: number;
}

export interface WishRoundDto {
  id: string;
  communityId: string;
  title: string;
  description?: string;
  maxChoices: number;
  opensAt: string;
  closesAt: string;
  phase: WishRoundPhase;
  createdAt: string;
  items: WishItemDto[];
  tally: WishTallyDto;
  /** Resident view: what their household chose (null if not voted yet). */
  myVote?: { itemIds: string[]; source: 'app' | 'paper'; at: string } | null;
}

export interface WishRoundSummaryDto {
  id: string;
  title: string;
  maxChoices: number;
  opensAt: string;
  closesAt: string;
  phase: WishRoundPhase;
  itemCount: number;
}

export interface WishPaperResultDto {
  recorded: number;
  /** Households that had already voted (in the app or on paper): not counted again. */
  duplicates: Array<{ household: string; existingSource: 'app' | 'paper' }>;
  tally: WishTallyDto;
}

/** One line of a round's vote register (staff only): GET /api/wishlists/:id/votes -> { items }. */
export interface WishVoteDto {
  household: string;
  itemIds: string[];
  source: 'app' | 'paper';
  /** Paper ballots: the meeting's name, and its record (date, place, minutes-taker). */
  meeting?: string;
  meetingRecord?: { id: string; date: string; place: string; minutesTaker: string };
  enteredBy?: string;
  at: string;
}

/** Socket `wishlist:updated`: a vote changed the tally, or an item moved / got progress. */
export interface WishlistUpdatedEvent {
  roundId: string;
  reason: 'vote' | 'item' | 'round';
  tally?: WishTallyDto;
  item?: WishItemDto;
}
