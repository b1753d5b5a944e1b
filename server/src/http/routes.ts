// Mounts the features' route tables on Koa: checks who may call, parses params, query and body with the declared schemas, shapes the reply.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { hasRole, isStreetAccount, type Principal } from '@linli/contracts';
import type { AnyRoute, RouteAuth } from '../core/feature';
import { AppError, forbidden } from '../core/errors';
import { IndexedRouter } from './router-index';
import { parse } from './validate';

/** What a street (街道) account may call besides the routes that name 'street': its own account. */
const STREET_ACCOUNT_PATHS = new Set(['/api/me', '/api/auth/logout', '/api/auth/logout-all', '/api/auth/password']);

/**
 * Enforces a route's declared audience; returns the caller (null only for public and device routes).
 * A street account is read-only by construction: it passes only routes listing 'street' (and its account routes), never
 * 'staff' or 'signed-in' ones, whose services would treat it as staff of its home community.
 */
export function authorize(auth: RouteAuth, principal: Principal | null, path = ''): Principal | null {
  if (auth === 'public' || auth === 'device') return principal;
  if (!principal) throw new AppError('UNAUTHORIZED', '请先登录');
  if (isStreetAccount(principal)) {
    if ((typeof auth !== 'string' && auth.includes('street')) || STREET_ACCOUNT_PATHS.has(path)) return principal;
    throw forbidden('街道账号只能查看街道总览');
  }
  if (auth === 'signed-in') return principal;
  if (auth === 'resident' || auth === 'bot') {
    if (principal.kind !== auth) throw forbidden();
    return principal;
  }
  if (principal.kind !== 'staff') throw forbidden('仅限社区工作人员');
  if (auth !== 'staff' && auth.length && !hasRole(principal, ...auth)) throw forbidden();
  return principal;
}

function parseParams(def: AnyRoute, ctx: Context) {
  if (!def.params) return undefined;
  const r = def.params.safeParse(ctx.params ?? {});
  if (r.success) return r.data;
  // A malformed path parameter answers with its own message (e.g. "无效的编号"), naming the parameter.
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('VALIDATION', details[0]?.message ?? '无效的编号', details);
}

export function routerFor(routes: AnyRoute[]): Router {
  const router = new IndexedRouter();
  for (const def of routes) {
    router[def.method](def.path, async (ctx) => {
      if (def.secretPath) ctx.state.logPath = def.path;
      const screen = ctx.state.screen === true;
      if (screen && !def.screen) throw forbidden('大屏令牌只能查看大屏内容');
      const principal = authorize(def.auth, (ctx.state.principal as Principal | null) ?? null, def.path);
      const params = parseParams(def, ctx);
      const query = def.query ? parse(def.query, { ...ctx.query }) : undefined;
      const body = def.body ? parse(def.body, (ctx.request as unknown as { body?: unknown }).body ?? {}) : undefined;
      ctx.status = def.status ?? 200;
      const result = await def.handler({ ctx, principal: principal as Principal, params, query, body });
      if (result !== undefined) ctx.body = screen && def.screen ? def.screen(result) : result;
    });
  }
  return router;
}
