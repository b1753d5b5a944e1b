// The auth face: staff password sign-in with refresh, logout and password change; WeChat and dev sign-in; and /api/me.
import type { FeatureCore, LinliFace } from '../feature-core';
import { authRoutes } from './auth.routes';
import { AuthService, type AuthNeeds } from './auth.service';
import { WechatClient } from './wechat.client';

export function authFeature(core: Pick<FeatureCore, 'config' | 'tokens' | 'rateLimits'>, needs: AuthNeeds): LinliFace<AuthService> {
  const { config } = core;
  const wechat = new WechatClient(config.WECHAT_API_BASE, config.WECHAT_APPID, config.WECHAT_SECRET);
  const auth = new AuthService(core.tokens, needs.staff, needs.residents, wechat, needs.communities);
  return { name: 'auth', api: auth, routes: authRoutes(auth, needs.staff, config, core.rateLimits) };
}
