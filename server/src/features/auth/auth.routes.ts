// Sign-in route table (staff password, WeChat code, dev openid) and /api/me.
import type { Context } from 'koa';
import { DevLogin, StaffLogin, WechatLogin } from '@linli/contracts';
import type { Config } from '../../config';
import { route, type AnyRoute } from '../../core/feature';
import { AppError } from '../../core/errors';
import { RateLimiter } from '../../core/rate-limit';
import type { AuthService } from './auth.service';

export function authRoutes(auth: AuthService, config: Pick<Config, 'COMMUNITY_ID' | 'DEV_LOGIN'>): AnyRoute[] {
  const loginLimiter = new RateLimiter(10, 60_000);
  // A district deployment serves several communities: the mini-program names its own, anything odd falls back to the default.
  const community = (ctx: Context) => {
    const hint = ctx.get('X-Community-Id');
    return hint && /^[a-z0-9-]{2,32}$/.test(hint) ? hint : config.COMMUNITY_ID;
  };
  const devLogin = config.DEV_LOGIN
    ? route({
        method: 'post', path: '/api/auth/dev/login', auth: 'public', body: DevLogin,
        summary: 'Resident sign-in by openid without WeChat (development and tests only, DEV_LOGIN=1)',
        handler({ ctx, body }) {
          return auth.residentLogin(community(ctx), body.openid, body.name);
        },
      })
    : // Disabled: answers as if it did not exist, before looking at the body.
      route({
        method: 'post', path: '/api/auth/dev/login', auth: 'public', errors: ['NOT_FOUND'],
        summary: 'Resident sign-in by openid (disabled in this deployment: always 404)',
        handler() {
          throw new AppError('NOT_FOUND', '接口不存在');
        },
      });

  return [
    route({
      method: 'post', path: '/api/auth/staff/login', auth: 'public', body: StaffLogin, errors: ['RATE_LIMITED'],
      summary: 'Staff sign-in with username and password; answers a token and the account',
      handler({ ctx, body }) {
        loginLimiter.take(`staff:${body.username}:${ctx.ip}`, '登录尝试太频繁，请一分钟后再试');
        return auth.staffLogin(body.username, body.password);
      },
    }),
    route({
      method: 'post', path: '/api/auth/wechat/login', auth: 'public', body: WechatLogin,
      summary: 'Resident sign-in with a WeChat login code (jscode2session); answers a token and the resident',
      description: 'The `X-Community-Id` header names the community (default: this deployment\'s). Someone not in the registry gets an unverified account.',
      handler({ ctx, body }) {
        return auth.wechatLogin(community(ctx), body.code);
      },
    }),
    devLogin,
    route({
      method: 'get', path: '/api/me', auth: 'signed-in',
      summary: 'Who the token belongs to: the staff account, the resident profile, or the bot',
      handler({ principal }) {
        return auth.me(principal);
      },
    }),
  ];
}
