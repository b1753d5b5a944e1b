// Group bot: the per-community feed of things the bot must post (notices, public-safety alerts, ticket progress) and the demo chat.
import { z } from 'zod';
import { ObjectIdString, text } from './common';
import type { WechatRelation } from './residents';

export const BOT_FEED_KINDS = ['notice', 'alert', 'ticket', 'checkin', 'other'] as const;
export type BotFeedKind = (typeof BOT_FEED_KINDS)[number];

/** Where the bot posts an item: no room and no person → every configured community group. */
export interface BotFeedTarget {
  roomId?: string;
  roomTopic?: string;
  /** The person to @-mention in the room, or to message privately when no room is given. */
  wechatName?: string;
  wechatId?: string;
}

export interface BotFeedItemDto {
  id: string;
  communityId: string;
  kind: BotFeedKind;
  /** Chinese text to post as is (the bot masks phone and ID numbers and truncates before posting). */
  text: string;
  target: BotFeedTarget;
  /** What the item is about, for tracing (e.g. "ticket:BM-000001"). */
  ref?: string;
  createdAt: string;
  ackedAt?: string;
}

export const BotFeedQuery = z
  .object({
    /** Only items after this one (its id); the bot passes the last id it has processed. */
    after: ObjectIdString.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** The bot's outbox at this poll (jobs not yet accepted by the server, age of the oldest): shown on /metrics. */
    outbox: z.coerce.number().int().min(0).max(1_000_000).optional(),
    outboxOldestSeconds: z.coerce.number().min(0).max(1e9).optional(),
  })
  .strict();
export type BotFeedQuery = z.infer<typeof BotFeedQuery>;

/** Bot-side lookup of the tickets one WeChat user reported (我的工单). */
export const BotTicketQuery = z
  .object({
    wechatName: text(60).optional(),
    wechatId: text(120).optional(),
    limit: z.coerce.number().int().min(1).max(20).default(5),
  })
  .strict()
  // A display name is anyone's to take (issue 12 item 7): 我的工单 is looked up by the sender's contact id only.
  .refine((q) => q.wechatId, { message: '请提供微信号（仅凭微信昵称不能查询工单）', path: ['wechatId'] });
export type BotTicketQuery = z.infer<typeof BotTicketQuery>;

/**
 * Demo mode: the simulated group's members have these fixed contact ids (a real puppet's ids are stable too), so the demo
 * seed can bind 王奶奶 to 王秀兰 and 「平安」 works at once; the others bind with a code from the panel.
 */
export const DEMO_CONTACT_IDS: Readonly<Record<string, string>> = { 王奶奶: 'demo-wx-wangnainai', 李大爷: 'demo-wx-lidaye', 张阿姨: 'demo-wx-zhangayi' };

/** Demo mode (群聊模拟): speak in the simulated community group as a resident. */
export const BotDemoSay = z
  .object({
    name: text(40),
    text: text(500).optional(),
    /** base64 of a SILK or MP3 clip. */
    voiceBase64: z.string().max(4 * 1024 * 1024).optional(),
    private: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.text || b.voiceBase64, { message: '请输入内容或上传语音', path: ['text'] });
export type BotDemoSay = z.infer<typeof BotDemoSay>;

/**
 * How the bot treats un-addressed messages in a community group: listen hears reports and asks before filing; auto files a
 * bound resident's at once; mention answers only @, 报修… prefixes and private chats.
 */
export const BOT_GROUP_MODES = ['listen', 'auto', 'mention'] as const;
export type BotGroupMode = (typeof BOT_GROUP_MODES)[number];
export const BOT_GROUP_MODE_LABELS: Record<BotGroupMode, string> = {
  listen: '倾听：不用 @ 也能听懂，登记前先问一句',
  auto: '自动：已绑定的居民直接登记，其他人先问一句',
  mention: '仅 @：只回应 @ 社区小助手、报修开头的消息和私聊',
};

/** 群聊模拟: the simulated group's mode and who in it is bound to a resident. */
export interface BotDemoGroup {
  topic: string;
  mode: BotGroupMode;
  members: Array<{ name: string; bound?: { residentName: string; relation: WechatRelation } }>;
}

export interface BotDemoMessage {
  at: string;
  from: string;
  /** true when the bot said it. */
  bot: boolean;
  text: string;
  room?: string;
}
