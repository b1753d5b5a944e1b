// WeChat server API client: jscode2session (login). Base URL is configurable so tests use a local fake.
import { AppError } from '../../core/errors';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

export class WechatClient {
  constructor(
    private readonly base: string,
    private readonly appid: string | undefined,
    private readonly secret: string | undefined,
  ) {}

  async code2Session(code: string): Promise<WechatSession> {
    if (!this.appid || !this.secret) throw new AppError('UNAVAILABLE', '微信登录未配置，请联系社区');
    const url = new URL('/sns/jscode2session', this.base);
    url.search = new URLSearchParams({ appid: this.appid, secret: this.secret, js_code: code, grant_type: 'authorization_code' }).toString();
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch {
      throw new AppError('UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
    }
    const data = (await res.json().catch(() => ({}))) as { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
    if (!res.ok || !data.openid) {
      if (data.errcode === 40029 || data.errcode === 40163) throw new AppError('UNAUTHORIZED', '登录凭证无效或已使用，请重新登录');
      throw new AppError('UNAVAILABLE', '微信登录失败，请稍后再试');
    }
    return { openid: data.openid, unionid: data.unionid };
  }
}
