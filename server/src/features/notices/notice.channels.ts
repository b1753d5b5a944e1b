// Outbound notice channels: Tencent Cloud SMS (official SDK) and WeChat subscribe messages, both with configurable endpoints.
import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import { shanghaiDateTime } from '@linli/contracts';
import type { Config } from '../../config';

/** Per recipient: ok, or the provider's error and whether trying again can help. */
export type SendResult = { ok: true } | { ok: false; error: string; retry: boolean };

export interface NoticeMessage {
  title: string;
  category: string;
  publishedAt: Date;
  noticeId: string;
}

const SmsClient = tencentcloud.sms.v20210111.Client;

/** Tencent's per-number codes that will not change by retrying (bad number, unsubscribed, template mismatch, …). */
const SMS_PERMANENT = /^(InvalidParameterValue|UnsupportedOperation|FailedOperation\.(PhoneNumberInBlacklist|TemplateParamSetNotMatchApprovedTemplate|SignatureIncorrectOrUnapproved|TemplateIncorrectOrUnapproved|MissingSignature|MissingTemplate|ContainSensitiveWord))|AuthFailure/;

export class TencentSms {
  private readonly client: InstanceType<typeof SmsClient> | null;
  constructor(private readonly config: Config) {
    const c = config;
    this.client =
      c.TENCENTCLOUD_SECRET_ID && c.TENCENTCLOUD_SECRET_KEY && c.TENCENT_SMS_SDK_APPID && c.TENCENT_SMS_TEMPLATE_ID
        ? new SmsClient({
            credential: { secretId: c.TENCENTCLOUD_SECRET_ID, secretKey: c.TENCENTCLOUD_SECRET_KEY },
            region: c.TENCENT_SMS_REGION,
            profile: {
              httpProfile: {
                endpoint: c.TENCENT_SMS_ENDPOINT,
                // Local fakes (tests, drills) speak plain http; the real endpoint is https only.
                protocol: c.TENCENT_SMS_ENDPOINT.startsWith('127.0.0.1') ? 'http://' : 'https://',
                reqTimeout: 10,
              },
            },
          })
        : null;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  /** One SendSms call for up to 200 numbers (Tencent's limit); results keyed by the 11-digit phone. */
  async send(phones: string[], m: NoticeMessage): Promise<Map<string, SendResult>> {
    const out = new Map<string, SendResult>();
    if (!this.client) {
      for (const p of phones) out.set(p, { ok: false, error: '短信服务未配置', retry: false });
      return out;
    }
    try {
      const res = await this.client.SendSms({
        PhoneNumberSet: phones.map((p) => `+86${p}`),
        SmsSdkAppId: this.config.TENCENT_SMS_SDK_APPID!,
        SignName: this.config.TENCENT_SMS_SIGN,
        TemplateId: this.config.TENCENT_SMS_TEMPLATE_ID!,
        // Template variables are short on Tencent's side; the full text is in the mini-program.
        TemplateParamSet: [m.title.slice(0, 20)],
        SessionContext: `notice:${m.noticeId}`,
      });
      for (const s of res.SendStatusSet ?? []) {
        const phone = (s.PhoneNumber ?? '').replace(/^\+?86/, '');
        const code = s.Code ?? '';
        out.set(phone, code === 'Ok' ? { ok: true } : { ok: false, error: `${code} ${s.Message ?? ''}`.trim(), retry: !SMS_PERMANENT.test(code) });
      }
      for (const p of phones) if (!out.has(p)) out.set(p, { ok: false, error: '短信服务未返回该号码的结果', retry: true });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      const code = e.code ?? '';
      const error = `${code} ${e.message ?? String(err)}`.trim().slice(0, 300);
      for (const p of phones) out.set(p, { ok: false, error, retry: !SMS_PERMANENT.test(code) });
    }
    return out;
  }
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

  async send(openid: string, m: NoticeMessage): Promise<SendResult> {
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
