// Tencent Cloud senders for alerts: SMS (SendSms, official SMS SDK) and voice calls (VMS SendTtsVoice on the official SDK core), endpoints configurable.
import * as smsSdk from 'tencentcloud-sdk-nodejs-sms';
import { AbstractClient, type ClientConfig } from 'tencentcloud-sdk-nodejs-common';
import type { Config } from '../../config';

/** One attempt's outcome: the provider's id for the message or call, or its reason and whether trying again can help. */
export type SendOutcome = { ok: true; providerId: string } | { ok: false; error: string; retry: boolean };

/** Codes that will not change by retrying (bad number, template or signature not approved, credentials). */
const PERMANENT = /^(InvalidParameter|InvalidParameterValue|UnsupportedOperation|UnauthorizedOperation|AuthFailure|MissingParameter|FailedOperation\.(PhoneNumberInBlacklist|TemplateParamSetNotMatchApprovedTemplate|SignatureIncorrectOrUnapproved|TemplateIncorrectOrUnapproved|MissingSignature|MissingTemplate|ContainSensitiveWord))/;

const SmsClient = smsSdk.sms.v20210111.Client;

function clientConfig(c: Config, endpoint: string, region: string): ClientConfig {
  return {
    credential: { secretId: c.TENCENTCLOUD_SECRET_ID, secretKey: c.TENCENTCLOUD_SECRET_KEY },
    region,
    profile: {
      // Local fakes (tests, drills) speak plain http; the real endpoints are https only.
      httpProfile: { endpoint, protocol: endpoint.startsWith('127.0.0.1') ? 'http://' : 'https://', reqTimeout: 10 },
    },
  };
}

function failure(err: unknown): SendOutcome {
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  return { ok: false, error: `${code} ${e.message ?? String(err)}`.trim().slice(0, 300), retry: !PERMANENT.test(code) };
}

/** Voice messages have no per-product npm package: this is how every product client is built on the SDK core. */
class VmsClient extends AbstractClient {
  constructor(config: ClientConfig) {
    super('vms.tencentcloudapi.com', '2020-09-02', config);
  }
  SendTtsVoice(req: {
    TemplateId: string;
    TemplateParamSet: string[];
    CalledNumber: string;
    VoiceSdkAppid: string;
    PlayTimes: number;
    SessionContext: string;
  }): Promise<{ SendStatus?: { CallId?: string; SessionContext?: string }; RequestId?: string }> {
    return this.request('SendTtsVoice', req);
  }
}

export class AlertSms {
  private readonly client: InstanceType<typeof SmsClient> | null;
  constructor(private readonly config: Config) {
    const c = config;
    this.client = c.TENCENTCLOUD_SECRET_ID && c.TENCENTCLOUD_SECRET_KEY && c.TENCENT_SMS_SDK_APPID
      ? new SmsClient(clientConfig(c, c.TENCENT_SMS_ENDPOINT, c.TENCENT_SMS_REGION))
      : null;
  }

  /** Why this template cannot be sent, or null when it can. */
  unavailable(templateId: string | undefined): string | null {
    if (!this.client) return '短信服务未配置';
    if (!templateId) return '未配置该类短信模板';
    return null;
  }

  async send(phone: string, templateId: string | undefined, params: string[], context: string): Promise<SendOutcome> {
    const why = this.unavailable(templateId);
    if (why) return { ok: false, error: why, retry: false };
    try {
      const res = await this.client!.SendSms({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: this.config.TENCENT_SMS_SDK_APPID!,
        SignName: this.config.TENCENT_SMS_SIGN,
        TemplateId: templateId!,
        TemplateParamSet: params,
        SessionContext: context,
      });
      const s = res.SendStatusSet?.[0];
      if (!s) return { ok: false, error: '短信服务未返回发送结果', retry: true };
      if (s.Code === 'Ok' && s.SerialNo) return { ok: true, providerId: s.SerialNo };
      const code = s.Code ?? '';
      return { ok: false, error: `${code} ${s.Message ?? ''}`.trim(), retry: !PERMANENT.test(code) };
    } catch (err) {
      return failure(err);
    }
  }

  /** One SendSms call for up to 200 numbers with the same text (a notice); each number's own outcome, keyed by the 11-digit phone. */
  async sendMany(phones: string[], templateId: string | undefined, params: string[], context: string): Promise<Map<string, SendOutcome>> {
    const out = new Map<string, SendOutcome>();
    const why = this.unavailable(templateId);
    if (why) {
      for (const p of phones) out.set(p, { ok: false, error: why, retry: false });
      return out;
    }
    try {
      const res = await this.client!.SendSms({
        PhoneNumberSet: phones.map((p) => `+86${p}`),
        SmsSdkAppId: this.config.TENCENT_SMS_SDK_APPID!,
        SignName: this.config.TENCENT_SMS_SIGN,
        TemplateId: templateId!,
        TemplateParamSet: params,
        SessionContext: context,
      });
      for (const s of res.SendStatusSet ?? []) {
        const phone = (s.PhoneNumber ?? '').replace(/^\+?86/, '');
        const code = s.Code ?? '';
        out.set(phone, code === 'Ok' && s.SerialNo ? { ok: true, providerId: s.SerialNo } : { ok: false, error: `${code} ${s.Message ?? ''}`.trim(), retry: !PERMANENT.test(code) });
      }
      for (const p of phones) if (!out.has(p)) out.set(p, { ok: false, error: '短信服务未返回该号码的结果', retry: true });
    } catch (err) {
      const f = failure(err);
      for (const p of phones) out.set(p, f);
    }
    return out;
  }
}

export class AlertVoice {
  private readonly client: VmsClient | null;
  constructor(private readonly config: Config) {
    const c = config;
    this.client = c.TENCENTCLOUD_SECRET_ID && c.TENCENTCLOUD_SECRET_KEY && c.TENCENT_VMS_SDK_APPID && c.TENCENT_VMS_TEMPLATE_ID
      ? new VmsClient(clientConfig(c, c.TENCENT_VMS_ENDPOINT, c.TENCENT_VMS_REGION))
      : null;
  }

  unavailable(): string | null {
    return this.client ? null : '语音电话服务未配置';
  }

  async call(phone: string, params: string[], context: string, templateId = this.config.TENCENT_VMS_TEMPLATE_ID): Promise<SendOutcome> {
    if (!this.client) return { ok: false, error: '语音电话服务未配置', retry: false };
    if (!templateId) return { ok: false, error: '未配置该类语音模板', retry: false };
    try {
      const res = await this.client.SendTtsVoice({
        TemplateId: templateId,
        TemplateParamSet: params,
        CalledNumber: `+86${phone}`,
        VoiceSdkAppid: this.config.TENCENT_VMS_SDK_APPID!,
        PlayTimes: this.config.TENCENT_VMS_PLAY_TIMES,
        SessionContext: context,
      });
      const callId = res.SendStatus?.CallId;
      return callId ? { ok: true, providerId: callId } : { ok: false, error: '语音服务未返回呼叫编号', retry: true };
    } catch (err) {
      return failure(err);
    }
  }
}
