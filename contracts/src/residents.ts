// Residents registry: the people notices target and tickets belong to.
import { z } from 'zod';
import type { StaffRole } from './auth';
import { CARE_TAGS } from './care';
import { IdCursor, ObjectIdString, text } from './common';

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
    /** The group bot's stable contact id for this resident (admin only, until the 绑定 flow of issue 14 sets it). */
    wechatId: z.string().trim().min(1).max(120).optional(),
    /** Channels this resident agreed to be contacted through (consent). */
    channels: z.array(NotifyChannel).max(NOTIFY_CHANNELS.length).optional(),
  })
  .strict();
export type ResidentCreate = z.infer<typeof ResidentCreate>;

export const ResidentPatch = ResidentCreate.partial().strict();
export type ResidentPatch = z.infer<typeof ResidentPatch>;

export const ResidentQuery = z
  .object({
    // Typed by a person: control characters are refused here rather than failing in the database's regex.
    q: text(40, 0).optional(),
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
  /** Admin view only: the mini-program openid (others see `wechatBound`). */
  openid?: string;
  wechatName?: string;
  /** Admin view only: the bound WeChat contact id the group bot knows this resident by. */
  wechatId?: string;
  channels: NotifyChannel[];
  /** WeChat contacts bound through a 绑定 code or by an admin (the resident herself and family members); staff who may read her see them, contact ids only admins. */
  wechatContacts?: WechatContactDto[];
  /** Staff views: whether a WeChat login is bound (the openid itself is for admins). */
  wechatBound?: boolean;
  /** true when `phone` is masked (138****0001); POST /api/residents/:id/reveal-phone shows it, audited. */
  phoneMasked?: boolean;
}

/**
 * Who may use the residents registry (issue 12), per role, combined over a staff member's roles:
 * - admin: everything, phones in clear, and the only one who may set or change an openid / WeChat binding (audited);
 * - staff (社区工作者): the whole registry, read and write; phones masked, revealed one at a time (audited);
 * - grid (网格员): residents of their own buildings only, read and write there; phones masked, reveal audited;
 * - care (关爱专员): read-only, residents the care programme is for (tagged 独居/空巢/高龄, CARE_TAGS), to enrol and
 *   follow them; only those tags shown; phones masked, reveal audited;
 * - finance (财务): no registry at all.
 */
export interface RegistryAccess {
  /** null: whole community; otherwise the union of these buildings and (careTags) the care programme's residents. */
  scope: null | { buildings: string[]; careTags: boolean };
  /** Buildings they may register and edit residents in; null = everywhere; [] = nowhere. */
  writeBuildings: string[] | null;
  phonesInClear: boolean;
  bindings: boolean;
}

/** The care programme's residents, as the care feature enrols them. */
export const REGISTRY_CARE_TAGS = CARE_TAGS;

/** The registry rights of one staff member, or null when they have none (finance). */
export function registryAccess(p: { roles: readonly StaffRole[]; buildings: readonly string[] }): RegistryAccess | null {
  const has = (r: StaffRole) => p.roles.includes(r);
  if (has('admin')) return { scope: null, writeBuildings: null, phonesInClear: true, bindings: true };
  if (has('staff')) return { scope: null, writeBuildings: null, phonesInClear: false, bindings: false };
  if (!has('grid') && !has('care')) return null;
  const buildings = has('grid') ? [...p.buildings] : [];
  return { scope: { buildings, careTags: has('care') }, writeBuildings: buildings, phonesInClear: false, bindings: false };
}

/** One entry of the registry's audit: phone reveals and binding changes. */
export interface ResidentAuditDto {
  id: string;
  at: string;
  action: 'phone.reveal' | 'binding.change' | 'binding.code' | 'binding.bind' | 'binding.revoke';
  residentId: string;
  residentName: string;
  /** Staff member, or for `binding.bind` the WeChat contact that redeemed the code (id 'wechat', roles []). */
  actor: { id: string; name: string; roles: string[] };
  /** For binding changes: which fields changed (never their values); for binding codes and binds: the relation (self / family). */
  fields?: string[];
}

export const ResidentAuditQuery = z
  .object({
    residentId: ObjectIdString.optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ResidentAuditQuery = z.infer<typeof ResidentAuditQuery>;

// ---- WeChat contacts bound to a resident (issue 14): 绑定 codes redeemed through the group bot ----------------------

/** self: the resident's own WeChat; family: a family member acting for her (家属). */
export const WECHAT_RELATIONS = ['self', 'family'] as const;
export const WechatRelation = z.enum(WECHAT_RELATIONS);
export type WechatRelation = z.infer<typeof WechatRelation>;
export const WECHAT_RELATION_LABELS: Record<WechatRelation, string> = { self: '本人', family: '家属' };

/** At most this many WeChat contacts per resident (herself and a few family members). */
export const MAX_WECHAT_CONTACTS = 5;
/** A bind code is valid this long, once. */
export const BIND_CODE_TTL_MINUTES = 15;

export interface WechatContactDto {
  /** Opaque id of this binding (to revoke it). */
  id: string;
  relation: WechatRelation;
  /** The WeChat display name when it was bound (for recognising it; never used to identify anyone). */
  name?: string;
  boundAt: string;
  /** code: redeemed a 绑定 code; admin: set in the registry by an admin (or the demo seed). */
  via: 'code' | 'admin';
  /** Admin view only: the bot's stable contact id. */
  contactId?: string;
}

/** `POST /api/residents/:id/bind-code`: who the code is for (the resident herself, or a family member). */
export const BindCodeCreate = z.object({ relation: WechatRelation.default('self') }).strict();
export type BindCodeCreate = z.infer<typeof BindCodeCreate>;

export interface BindCodeDto {
  /** Six digits, shown once; the server keeps only a keyed hash. */
  code: string;
  expiresAt: string;
  relation: WechatRelation;
  residentName: string;
}

/** The bot redeems a code on behalf of the sender: "绑定 123456" (bot only). */
export const BindCodeRedeem = z
  .object({
    code: z.string().regex(/^\d{6}$/, '绑定码是 6 位数字'),
    /** The puppet's stable contact id of the sender — never the display name. */
    contactId: z.string().trim().min(1).max(120),
    contactName: text(60).optional(),
  })
  .strict();
export type BindCodeRedeem = z.infer<typeof BindCodeRedeem>;

export interface BindCodeRedeemed {
  residentName: string;
  relation: WechatRelation;
  /** false when this contact was already bound to this resident with this relation. */
  changed: boolean;
}

/** Who a WeChat contact is (bot only): the bound resident's name and the relation, or 404. */
export interface WechatBindingDto {
  residentName: string;
  relation: WechatRelation;
}

/** The bot reports who is in a community group (issue 14), so staff see who has no binding yet. */
export const BotGroupMembers = z
  .object({
    roomId: z.string().trim().min(1).max(120),
    topic: text(120).optional(),
    members: z
      .array(z.object({ contactId: z.string().trim().min(1).max(120), name: z.string().trim().max(60) }).strict())
      .max(2000),
  })
  .strict();
export type BotGroupMembers = z.infer<typeof BotGroupMembers>;

/** A group member no resident is bound to (display name only: it identifies nobody). */
export interface UnboundMemberDto {
  name: string;
  roomTopic?: string;
  syncedAt: string;
}
