// Resident login: WeChat code in the mini-program, the dev login (DEV_LOGIN=1) in H5; then the profile from /api/me.
import Taro from '@tarojs/taro';
import { api, setUnauthorizedHandler } from './api';
import { ApiError } from './errors';
import { clearDraftText } from '../store/report-draft';
import { saveSession, session, type Me } from '../store/session';

interface LoginReply {
  token: string;
  resident: Me;
}

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/home/index';

setUnauthorizedHandler(() => {
  void Taro.reLaunch({ url: LOGIN_PAGE });
});

export async function wechatLogin(): Promise<Me> {
  let code: string;
  try {
    ({ code } = await Taro.login());
  } catch {
    throw new ApiError('微信登录失败，请稍后重试', 0, 'NETWORK');
  }
  const r = await api.post<LoginReply>('/auth/wechat/login', { code });
  saveSession({ token: r.token, resident: r.resident });
  return r.resident;
}

export async function devLogin(openid: string, name?: string): Promise<Me> {
  const r = await api.post<LoginReply>('/auth/dev/login', { openid, ...(name ? { name } : {}) });
  saveSession({ token: r.token, resident: r.resident });
  return r.resident;
}

/** Refreshes the profile (tags, household, channels) from the server. */
export async function refreshMe(): Promise<Me | null> {
  const r = await api.get<{ kind: string; resident?: Me }>('/me');
  if (r.kind !== 'resident' || !r.resident) return null;
  saveSession({ token: session.get().token, resident: r.resident });
  return r.resident;
}

export function logout(): void {
  clearDraftText();
  saveSession({ token: null, resident: null });
  void Taro.reLaunch({ url: LOGIN_PAGE });
}

/** Pages call this on show: weapp logs in silently; H5 goes to the login page. Returns true when logged in. */
export async function ensureLoggedIn(): Promise<boolean> {
  if (session.get().token) return true;
  if (process.env.TARO_ENV === 'weapp') {
    try {
      await wechatLogin();
      return true;
    } catch {
      /* fall through to the login page, which shows the error and a retry button */
    }
  }
  void Taro.reLaunch({ url: LOGIN_PAGE });
  return false;
}

/** Runs a page's loader once the resident is logged in (pages call it from useDidShow). */
export function whenLoggedIn(fn: () => unknown): void {
  void ensureLoggedIn().then((ok) => {
    if (ok) void fn();
  });
}
