// HTTP edge of authentication: reads the bearer token into ctx.state.principal; role checks for the few routers not on route tables.
import type { Context, Next } from 'koa';
import { hasRole, type Principal, type StaffRole } from '@linli/contracts';
import type { TokenService } from '../core/tokens';
import { AppError, forbidden } from './errors';

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

/** Staff only; with roles given, the staff member needs one of them (admin always passes). */
export function requireStaff(...roles: StaffRole[]) {
  return async (ctx: Context, next: Next) => {
    const p = principalOf(ctx);
    if (p.kind !== 'staff') throw forbidden('仅限社区工作人员');
    if (roles.length && !hasRole(p, ...roles)) throw forbidden();
    await next();
  };
}

export { buildingScope, coversBuilding, hasRole, isStaff, type ResidentPrincipal, type StaffPrincipal } from '@linli/contracts';

