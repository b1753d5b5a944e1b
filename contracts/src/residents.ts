// Residents registry: the people notices target and tickets belong to.
import { z } from 'zod';
import { IdCursor, text } from './common';

export const RESIDENT_TAGS = ['独居', '空巢', '高龄', '残疾', '低保', '退役军人', '党员', '租户'] as const;
export const ResidentTag = z.enum(RESIDENT_TAGS);

export const NOTIFY_CHANNELS = ['feed', 'push', 'group', 'sms', 'subscribe'] as const;
export const NotifyChannel = z.enum(NOTIFY_CHANNELS);
export type NotifyChannel = z.infer<typeof NotifyChannel>;

const currentYear = new Date().getUTCFullYear();

export const ResidentCreate = z
  .object({
    name: text(40),
    phone: z.string().regex(/^1\d{10}$/, '手机号格式不正确').optional(),
    birthYear: z.number().int().min(1900).max(currentYear, '出生年份不正确'),
    building: text(20),
    unit: text(20),
    room: text(20),
    tags: z.array(ResidentTag).max(RESIDENT_TAGS.length).default([]),
    openid: z.string().regex(/^[A-Za-z0-9_-]{3,64}$/).optional(),
    wechatName: text(40).optional(),
    /** Channels this resident agreed to be contacted through (consent). */
    channels: z.array(NotifyChannel).max(NOTIFY_CHANNELS.length).optional(),
  })
  .strict();
export type ResidentCreate = z.infer<typeof ResidentCreate>;

export const ResidentPatch = ResidentCreate.partial().strict();
export type ResidentPatch = z.infer<typeof ResidentPatch>;

export const ResidentQuery = z
  .object({
    q: z.string().trim().max(40).optional(),
    building: z.string().max(20).optional(),
    tag: ResidentTag.optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface ResidentDto {
  id: string;
  communityId: string;
  householdId: string;
  name: string;
  phone?: string;
  birthYear: number;
  building: string;
  unit: string;
  room: string;
  tags: string[];
  openid?: string;
  wechatName?: string;
  channels: NotifyChannel[];
}
