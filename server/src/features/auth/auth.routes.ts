// Login endpoints and /api/me.
import Router from '@koa/router';
import type { Context } from 'koa';
import { DevLogin, StaffLogin, WechatLogin } from '@linli/contracts';
import type { Config } from '../../config';
import { principalOf, requireAuth } from '../../http/auth';
import { AppError } from '../../http/errors';
import { body } from '../../http/validate';
import { RateLimiter } from '../../core/rate-limit';
import type { AuthService } from './auth.service';

export function authRoutes(auth: AuthService, config: Config): Router {
  const r = new Router({ prefix: '/api' });
  const loginLimiter = new RateLimiter(10, 60_000);
  const community = (ctx: Context) => {
    const hint = ctx.get('X-Community-Id');
    return hint && /^[a-z0-9-]{2,32}$/.test(hint) ? hint : config.COMMUNITY_ID;
  };

  r.post('/auth/staff/login', async (ctx) => {
    const input = body(ctx, StaffLogin);
    loginLimiter.take(`staff:${input.username}:${ctx.ip}`, '登录尝试太频繁，请一分钟后再试');
    ctx.body = await auth.staffLogin(input.username, input.password);
  });
  r.post('/auth/wechat/login', async (ctx) => {
    const input = body(ctx, WechatLogin);
    ctx.body = await auth.wechatLogin(community(ctx), input.code);
  });
  r.post('/auth/dev/login', async (ctx) => {
    if (!config.DEV_LOGIN) throw new AppError('NOT_FOUND', '接口不存在');
    const input = body(ctx, DevLogin);
    ctx.body = await auth.residentLogin(community(ctx), input.openid, input.name);
  });
  r.get('/me', requireAuth(), async (ctx) => {
    ctx.body = await auth.me(principalOf(ctx));
  });
  return r;
}
