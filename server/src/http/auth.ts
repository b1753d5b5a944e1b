// HTTP edge of authentication: reads the bearer token into ctx.state.principal (the route tables decide who may call).
import type { Context, Next } from 'koa';
import type { TokenService } from '../core/tokens';

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
