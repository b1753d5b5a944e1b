// WeChat subscribe messages (the WeChat server API, base URL configurable so tests use a local fake): access token cached and refreshed once at a time.
import { shanghaiDateTime } from '@linli/contracts';
import type { Config } from '../../config';

/** Per recipient: ok, or WeChat's error and whether trying again can help. */
export type SubscribeResult = { ok: true } | { ok: false; error: string; retry: boolean };

/** What a notice's subscribe message shows: its title, category and publication time; tapping it opens the notice. */
export interface SubscribeNotice {
  title: string;
  category: string;
  publishedAt: Date;
  noticeId: string;
}

/** WeChat server API: access token (cached) and subscribe messages. Base URL configurable so tests use a local fake. */
export class WechatSubscribe {
  private token: { value: string; until: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(private readonly config: Config) {}

  get configured(): boolean {
    return !!(this.config.WECHAT_APPID && this.config.WECHAT_SECRET && this.config.WECHAT_NOTICE_TEMPLATE_ID);
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.until > Date.now()) return this.token.value;
    // One refresh at a time: concurrent sends share it instead of invalidating each other's token.
    this.fetching ??= (async () => {
      try {
        const url = new URL('/cgi-bin/token', this.config.WECHAT_API_BASE);
        url.search = new URLSearchParams({
          grant_type: 'client_credential',
          appid: this.config.WECHAT_APPID ?? '',
          secret: this.config.WECHAT_SECRET ?? '',
        }).toString();
        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
        const data = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
        if (!data.access_token) throw new Error(`token: ${data.errcode ?? res.status} ${data.errmsg ?? ''}`.trim());
        const ttl = Math.max(60, (data.expires_in ?? 7200) - 300) * 1000;
        this.token = { value: data.access_token, until: Date.now() + ttl };
        return data.access_token;
      } finally {
        this.fetching = null;
      }
    })();
    return this.fetching;
  }

  async send(openid: string, m: SubscribeNotice): Promise<SubscribeResult> {
    if (!this.configured) return { ok: false, error: '订阅消息未配置', retry: false };
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const token = await this.accessToken(attempt > 0);
        const url = new URL('/cgi-bin/message/subscribe/send', this.config.WECHAT_API_BASE);
        url.search = new URLSearchParams({ access_token: token }).toString();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            touser: openid,
            template_id: this.config.WECHAT_NOTICE_TEMPLATE_ID,
            page: `pages/notice/index?id=${m.noticeId}`,
            data: {
              thing1: { value: m.title.slice(0, 20) },
              thing2: { value: m.category },
              time3: { value: shanghaiDateTime(m.publishedAt) },
            },
          }),
          signal: AbortSignal.timeout(5000),
        });
        const data = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
        if (res.ok && (data.errcode ?? 0) === 0) return { ok: true };
        // 40001/42001: token invalid or expired (rotated elsewhere) — fetch a fresh one once.
        if ((data.errcode === 40001 || data.errcode === 42001) && attempt === 0) continue;
        const error = `${data.errcode ?? res.status} ${data.errmsg ?? ''}`.trim();
        // 43101: the user has not (or no longer) subscribed; 40003: bad openid — retrying will not help.
        return { ok: false, error, retry: !(data.errcode === 43101 || data.errcode === 40003 || data.errcode === 40037) };
      }
      return { ok: false, error: 'access_token 无效', retry: true };
    } catch (err) {
      return { ok: false, error: String((err as Error)?.message ?? err).slice(0, 300), retry: true };
    }
  }
}
