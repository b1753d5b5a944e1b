// Token issuing and checking for HTTP and Socket.io: staff and resident JWTs, and the bot's service token.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Context, Next } from 'koa';
import type { Principal, StaffRole } from '@linli/contracts';
import type { Config } from '../config';
import { AppError, forbidden } from './errors';

type Claims = Principal & { iat?: number; exp?: number };

export class TokenService {
  constructor(private readonly config: Config) {}

  sign(p: Principal): string {
    return jwt.sign(p, this.config.JWT_SECRET, { algorithm: 'HS256', expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /** Resolves a bearer token to a principal, or null when it is missing, expired or forged. */
  verify(token: string | undefined | null, communityHint?: string): Principal | null {
    if (!token) return null;
    if (safeEqual(token, this.config.BOT_TOKEN)) {
      const communityId = communityHint && /^[a-z0-9-]{2,32}$/.test(communityHint) ? communityHint : this.config.COMMUNITY_ID;
      return { kind: 'bot', id: 'bot', communityId, name: '社区机器人' };
    }
    try {
      const c = jwt.verify(token, this.config.JWT_SECRET, { algorithms: ['HS256'] }) as Claims;
      delete c.iat;
      delete c.exp;
      return c;
    } catch {
      return null;
    }
  }
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1]?.trim();
}

/** Attaches ctx.state.principal when a valid token is present; never rejects by itself. */
export function authenticate(tokens: TokenService) {
  return async (ctx: Context, next: Next) => {
    const hint = ctx.get('X-Community-Id') || undefined;
    ctx.state.principal = tokens.verify(bearer(ctx.get('Authorization')), hint);
    await next();
  };
}

export function principalOf(ctx: Context): Principal {
  const p = ctx.state.principal as Principal | null;
  if (!p) throw new AppError('UNAUTHORIZED', '请先登录');
  return p;
}

export function requireAuth() {
  return async (ctx: Context, next: Next) => {
    principalOf(ctx);
    await next();
  };
}

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type ResidentPrincipal = Extract<Principal, { kind: 'resident' }>;

export function isStaff(p: Principal): p is StaffPrincipal {
  return p.kind === 'staff';
}

export function hasRole(p: Principal, ...roles: StaffRole[]): boolean {
  return p.kind === 'staff' && (p.roles.includes('admin') || roles.some((r) => p.roles.includes(r)));
}

/** Staff only; with roles given, the staff member needs one of them (admin always passes). */
export function requireStaff(...roles: StaffRole[]) {
  return async (ctx: Context, next: Next) => {
    const p = principalOf(ctx);
    if (p.kind !== 'staff') throw forbidden('仅限社区工作人员');
    if (roles.length && !hasRole(p, ...roles)) throw forbidden();
    await next();
  };
}

/** A grid worker (网格员) only covers their buildings; other staff roles cover the whole community. */
export function coversBuilding(p: StaffPrincipal, building: string | undefined): boolean {
  if (p.roles.includes('admin') || p.roles.includes('staff')) return true;
  if (!building) return false;
  return p.buildings.includes(building);
}

export function buildingScope(p: StaffPrincipal): string[] | null {
  if (p.roles.includes('admin') || p.roles.includes('staff')) return null;
  return p.buildings;
}
