// HTTP edge of authentication: reads the bearer token into ctx.state.principal (the route tables decide who may call).
import type { Context, Next } from 'koa';
import type { TokenService } from '../core/tokens';
import { AppError } from '../core/errors';

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1]?.trim();
}

/** What a staff member whose password an admin set may still do before choosing a new one. */
const WHILE_PASSWORD_CHANGE_DUE = new Set(['/api/auth/password', '/api/auth/logout', '/api/auth/logout-all', '/api/auth/staff/refresh', '/api/me']);

/**
 * Attaches ctx.state.principal (and the staff session) when a valid, unrevoked token is present. It rejects nothing
 * by itself, except API calls by a staff member who must first change the password an admin set.
 */
export function authenticate(tokens: TokenService) {
  return async (ctx: Context, next: Next) => {
    const r = await tokens.resolve(bearer(ctx.get('Authorization')));
    ctx.state.principal = r?.principal ?? null;
    ctx.state.session = r?.session;
    ctx.state.screen = r?.screen === true;
    if (r?.mustChangePassword && ctx.path.startsWith('/api/') && !WHILE_PASSWORD_CHANGE_DUE.has(ctx.path))
      throw new AppError('FORBIDDEN', '管理员为您设置了临时密码，请先修改密码', { reason: 'PASSWORD_CHANGE_REQUIRED' });
    await next();
  };
}
