// Roles, login payloads and the identity every token carries.
import { z } from 'zod';
import { text } from './common';

/** `street` (街道): a read-only account over a street's communities, made by `npm run setup` only, never with another role. */
export const STAFF_ROLES = ['admin', 'staff', 'grid', 'care', 'finance', 'street'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffLogin = z.object({ username: text(64), password: z.string().min(1).max(200) }).strict();
export type StaffLogin = z.infer<typeof StaffLogin>;

export const WechatLogin = z.object({ code: text(200) }).strict();
export type WechatLogin = z.infer<typeof WechatLogin>;

export const DevLogin = z
  .object({ openid: z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, '无效的 openid'), name: text(40).optional() })
  .strict();
export type DevLogin = z.infer<typeof DevLogin>;

export const StaffCreate = z
  .object({
    username: z.string().regex(/^[a-z0-9_.-]{3,32}$/, '用户名只能包含小写字母、数字和 _ . -'),
    password: z.string().min(10, '密码至少 10 位').max(200),
    name: text(40),
    roles: z
      .array(StaffRole)
      .min(1)
      .max(STAFF_ROLES.length)
      // A community admin must not make an account that reads other communities: street accounts come from `npm run setup`.
      .refine((r) => !r.includes('street'), '街道账号由部署运维人员通过 setup 创建，不能在社区后台添加'),
    buildings: z.array(text(20)).max(50).optional(),
    phone: z.string().regex(/^1\d{10}$/, '手机号格式不正确').optional(),
    /** Default true: the password was chosen by the admin, so its holder picks a new one at first sign-in. */
    mustChangePassword: z.boolean().optional(),
  })
  .strict();
export type StaffCreate = z.infer<typeof StaffCreate>;

export type Principal =
  | { kind: 'staff'; id: string; communityId: string; roles: StaffRole[]; buildings: string[]; name: string; streetId?: string }
  | { kind: 'resident'; id: string; communityId: string; openid: string; name: string; householdId?: string; building?: string }
  | { kind: 'bot'; id: 'bot'; communityId: string; name: string };

export interface StaffDto {
  id: string;
  communityId: string;
  username: string;
  name: string;
  roles: StaffRole[];
  buildings: string[];
  /** A street (街道) account: the street whose communities it reads. */
  streetId?: string;
}

/** A new password: the length here; the server also refuses well-known passwords (its list is too big for the clients). */
export const NewPassword = z.string().min(10, '密码至少 10 位').max(200);

export const PasswordChange = z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(200), newPassword: NewPassword }).strict();
export type PasswordChange = z.infer<typeof PasswordChange>;

/** An admin sets a temporary password; its holder must change it at the next sign-in. */
export const PasswordReset = z.object({ password: NewPassword }).strict();
export type PasswordReset = z.infer<typeof PasswordReset>;

export const StaffRefresh = z.object({ refreshToken: z.string().min(20).max(200) }).strict();
export type StaffRefresh = z.infer<typeof StaffRefresh>;

/** A staff sign-in: a short access token, the refresh token that renews it, and the account. */
export interface StaffSessionDto {
  token: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: StaffDto;
  /** An admin set this password: change it before anything else. */
  mustChangePassword: boolean;
}

/** The admin's view of an account: whether it is enabled, locked after wrong passwords, or waiting for a password change. */
export interface StaffAccountDto extends StaffDto {
  active: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  mustChangePassword: boolean;
}

/** A big-screen token (issue 18): read-only, long-lived, revocable; the secret itself is shown once, at creation. */
export const ScreenTokenCreate = z
  .object({ name: z.string().trim().min(1, '请填写大屏名称').max(40, '大屏名称最多 40 个字') })
  .strict();
export type ScreenTokenCreate = z.infer<typeof ScreenTokenCreate>;

export interface ScreenTokenDto {
  id: string;
  name: string;
  createdAt: string;
  createdByName: string;
  revokedAt?: string;
}

/** The answer to creating one: the token and the address to open on the TV (`/panel/screen?t=<token>`), never shown again. */
export interface ScreenTokenCreatedDto {
  screen: ScreenTokenDto;
  token: string;
  url: string;
}
