// Sign-in route table (staff password with refresh and logout, WeChat code, dev openid), the own password, and /api/me.
import type { Context } from 'koa';
import { DevLogin, PasswordChange, StaffLogin, StaffRefresh, WechatLogin, type StaffPrincipal } from '@linli/contracts';
import type { Config } from '../../config';
import type { RateLimits } from '../../core/rate-limit';
import type { StaffSessionClaims } from '../../core/tokens';
import { route, type AnyRoute } from '../../core/feature';
import { AppError } from '../../core/errors';
import type { AuthNeeds, AuthService } from './auth.service';
import { ClientFailures } from './login-throttle';

export function authRoutes(auth: AuthService, staff: AuthNeeds['staff'], config: Pick<Config, 'COMMUNITY_ID' | 'DEV_LOGIN'>, limits: RateLimits): AnyRoute[] {
  const clientFailures = new ClientFailures(limits);
  // A district deployment serves several communities: the mini-program names its own, anything odd falls back to the default.
  const community = (ctx: Context) => {
    const hint = ctx.get('X-Community-Id');
    return hint && /^[a-z0-9-]{2,32}$/.test(hint) ? hint : config.COMMUNITY_ID;
  };
  const session = (ctx: Context): StaffSessionClaims => {
    const s = ctx.state.session as StaffSessionClaims | undefined;
    if (!s) throw new AppError('UNAUTHORIZED', '请先登录');
    return s;
  };
  const devLogin = config.DEV_LOGIN
    ? route({
        method: 'post', path: '/api/auth/dev/login', auth: 'public', body: DevLogin, errors: ['NOT_FOUND'],
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
      summary: 'Staff sign-in with username and password; answers a 30-minute token, a refresh token and the account',
      description:
        'Wrong passwords are throttled per account (a growing wait after 3, a 15-minute lock after 10 that an admin can lift) and per client address ' +
        '(20 per 15 minutes). The client address is the connection\'s, or X-Forwarded-For as far as TRUSTED_PROXIES vouch for it.',
      async handler({ ctx, body }) {
        // ctx.ip is the socket address unless a trusted proxy forwarded the request (app.ts), so a made-up header buys nothing.
        if (await clientFailures.blocked(ctx.ip)) throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试');
        try {
          return await auth.staffLogin(body.username, body.password);
        } catch (err) {
          if (err instanceof AppError && err.code === 'UNAUTHORIZED') await clientFailures.record(ctx.ip);
          throw err;
        }
      },
    }),
    route({
      method: 'post', path: '/api/auth/staff/refresh', auth: 'public', body: StaffRefresh, errors: ['UNAUTHORIZED'],
      summary: 'Renew a staff access token with the refresh token (single use: the answer carries the next one)',
      handler({ body }) {
        return staff.refresh(body.refreshToken);
      },
    }),
    route({
      method: 'post', path: '/api/auth/logout', auth: 'staff', status: 204,
      summary: 'End this staff session: its access and refresh tokens stop working',
      async handler({ ctx }) {
        await staff.logout(session(ctx).sid);
      },
    }),
    route({
      method: 'post', path: '/api/auth/logout-all', auth: 'staff', status: 204,
      summary: 'Sign out everywhere: every session of this account ends, this one included',
      async handler({ principal: p }) {
        await staff.logoutEverywhere(p.communityId, p.id);
      },
    }),
    route({
      method: 'post', path: '/api/auth/password', auth: 'staff', body: PasswordChange,
      summary: 'Change one\'s own password (at least 10 characters, not a common one); other sessions end, this one gets new tokens',
      handler({ principal, body }) {
        return staff.changePassword(principal as StaffPrincipal, body.currentPassword, body.newPassword);
      },
    }),
    route({
      method: 'post', path: '/api/auth/wechat/login', auth: 'public', body: WechatLogin, errors: ['NOT_FOUND'],
      summary: 'Resident sign-in with a WeChat login code (jscode2session); answers a token and the resident',
      description: 'The `X-Community-Id` header names the community (default: this deployment\'s); it must exist. Someone not in the registry gets an unverified account.',
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
