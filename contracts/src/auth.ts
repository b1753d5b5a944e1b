// Roles, login payloads and the identity every token carries.
import { z } from 'zod';
import { text } from './common';

export const STAFF_ROLES = ['admin', 'staff', 'grid', 'care', 'finance'] as const;
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
    password: z.string().min(8, '密码至少 8 位').max(200),
    name: text(40),
    roles: z.array(StaffRole).min(1).max(STAFF_ROLES.length),
    buildings: z.array(text(20)).max(50).optional(),
    phone: z.string().regex(/^1\d{10}$/, '手机号格式不正确').optional(),
  })
  .strict();
export type StaffCreate = z.infer<typeof StaffCreate>;

export type Principal =
  | { kind: 'staff'; id: string; communityId: string; roles: StaffRole[]; buildings: string[]; name: string }
  | { kind: 'resident'; id: string; communityId: string; openid: string; name: string; householdId?: string; building?: string }
  | { kind: 'bot'; id: 'bot'; communityId: string; name: string };

export interface StaffDto {
  id: string;
  communityId: string;
  username: string;
  name: string;
  roles: StaffRole[];
  buildings: string[];
}
