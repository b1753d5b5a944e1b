// Reaching people about alerts: channels, the delivery ledger's states, the default channel rule and the providers' callback payloads.
import { z } from 'zod';
import { ALERT_TYPE_SEVERITY, alertAudience, type AlertType, type EscalationLevel } from './alerts';

/** bot: a private message from the community bot to the WeChat contacts bound to the elder (herself, or family acting for her). */
export const ALERT_NOTIFY_CHANNELS = ['sms', 'voice', 'bot'] as const;
export type AlertNotifyChannel = (typeof ALERT_NOTIFY_CHANNELS)[number];
export const ALERT_NOTIFY_CHANNEL_LABELS: Record<AlertNotifyChannel, string> = { sms: '短信', voice: '语音电话', bot: '微信私信' };

/**
 * One row of the ledger per (alert, level, recipient, channel):
 * queued → sent → delivered, or failed (provider's reason; retried with backoff while attempts remain);
 * when the alert is acknowledged, reached rows become acknowledged and pending ones cancelled. No phone on record: skipped.
 */
export const NOTIFY_DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'acknowledged', 'cancelled', 'skipped'] as const;
export type NotifyDeliveryStatus = (typeof NOTIFY_DELIVERY_STATUSES)[number];
export const NOTIFY_DELIVERY_STATUS_LABELS: Record<NotifyDeliveryStatus, string> = {
  queued: '待发送',
  sent: '已发送',
  delivered: '已送达',
  failed: '失败',
  acknowledged: '已确认',
  cancelled: '已取消',
  skipped: '已跳过',
};

/** What a row is for: the alert itself, asking the elder herself whether she is well, or telling those already reached that someone took it. */
export type NotifyPurpose = 'alert' | 'check' | 'taken';

/**
 * The default policy's channel rule (admins change it per type, see escalation.ts): SMS for personal alerts and for critical/high public or device alerts;
 * a voice call as well for critical personal alerts (sos, fall). The panel is always told through its socket by the alerts feature.
 */
export function notifyChannels(type: AlertType): AlertNotifyChannel[] {
  const severity = ALERT_TYPE_SEVERITY[type];
  const personal = alertAudience(type) === 'personal';
  const out: AlertNotifyChannel[] = [];
  if (personal || severity === 'critical' || severity === 'high') out.push('sms');
  if (personal && severity === 'critical') out.push('voice');
  // Family bound to the elder in WeChat hear it privately from the bot as well (staff have no bound WeChat: no row for them).
  if (personal) out.push('bot');
  return out;
}

export interface NotifyDeliveryHistoryDto {
  status: NotifyDeliveryStatus;
  at: string;
  note?: string;
  providerId?: string;
}

export interface NotifyDeliveryDto {
  id: string;
  alertId: string;
  level: EscalationLevel | 'ack';
  purpose: NotifyPurpose;
  channel: AlertNotifyChannel;
  recipient: { kind: 'staff' | 'contact' | 'resident'; id?: string; name: string; relation?: string; /** masked (138****0001) */ phone?: string };
  status: NotifyDeliveryStatus;
  attempts: number;
  /** The provider's last reason for a failure (or why the row was skipped). */
  reason?: string;
  /** SMS SerialNo or VMS CallId of the last attempt. */
  providerId?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  history: NotifyDeliveryHistoryDto[];
  createdAt: string;
  updatedAt: string;
}

// ---- provider callbacks --------------------------------------------------------------------

/** Tencent Cloud SMS status report (短信下发状态回调): a JSON array, one entry per number. */
export const SmsStatusReport = z
  .object({
    user_receive_time: z.string().max(40),
    nationcode: z.string().regex(/^\d{1,4}$/),
    mobile: z.string().regex(/^\d{5,15}$/),
    report_status: z.enum(['SUCCESS', 'FAIL']),
    errmsg: z.string().max(100),
    description: z.string().max(200),
    sid: z.string().min(1).max(100),
  })
  .strict();
export type SmsStatusReport = z.infer<typeof SmsStatusReport>;
export const SmsStatusReports = z.array(SmsStatusReport).min(1).max(1000);

const VoiceResult = z
  .object({
    /** 0 answered, 1 not answered, 2 call failed. */
    result: z.enum(['0', '1', '2']),
    accept_time: z.string().max(20).optional(),
    call_from: z.string().max(30).optional(),
    callid: z.string().min(1).max(100),
    end_calltime: z.string().max(20).optional(),
    fee: z.string().max(10).optional(),
    mobile: z.string().regex(/^\d{5,15}$/),
    nationcode: z.string().regex(/^\d{1,4}$/),
    start_calltime: z.string().max(20).optional(),
  })
  .strict();

const VoiceFailure = z
  .object({
    call_from: z.string().max(30).optional(),
    callid: z.string().min(1).max(100),
    failure_code: z.number().int(),
    failure_reason: z.string().max(200),
    mobile: z.string().regex(/^\d{5,15}$/),
    nationcode: z.string().regex(/^\d{1,4}$/),
  })
  .strict();

/** Tencent Cloud VMS callbacks: the call's result (语音通知状态回调) or the reason it could not be delivered (语音送达失败原因). */
export const VoiceCallback = z.union([
  z.object({ voiceprompt_callback: VoiceResult }).strict(),
  z.object({ voice_failure_callback: VoiceFailure }).strict(),
]);
export type VoiceCallback = z.infer<typeof VoiceCallback>;

export const VOICE_RESULT_LABELS: Record<'0' | '1' | '2', string> = { '0': '已接听', '1': '未接听', '2': '呼叫异常' };

/** Tencent Cloud SMS reply callback (短信回复): someone answered an SMS. */
export const SmsReply = z
  .object({
    extend: z.string().max(20).optional(),
    mobile: z.string().regex(/^\+?\d{5,15}$/),
    nationcode: z.string().regex(/^\d{1,4}$/),
    sign: z.string().max(40),
    text: z.string().max(500),
    time: z.number().int().nonnegative(),
  })
  .strict();
export type SmsReply = z.infer<typeof SmsReply>;

/** Replies that mean "I am taking it" ("1", "收到", "好的", "我来"…): anything else is recorded and changes nothing. */
export function isAckReply(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[\s。.!！,，~～]/g, '');
  return /^(1|收到|好|好的|我来|我去|接单|确认|ok)$/i.test(t);
}

/** The bot relays a private message from a WeChat contact that may answer an alert it was sent ("收到", "1"): who and what. */
export const BotAlertReply = z
  .object({
    wechatId: z.string().min(1).max(128),
    text: z.string().max(500),
  })
  .strict();
export type BotAlertReply = z.infer<typeof BotAlertReply>;

/** What the bot tells the person who answered. */
export interface BotAlertReplyResult {
  /** taken: this reply took the alert; checked_in: the elder's own "1" counted as her check-in; already: someone else had; none: nothing to answer. */
  outcome: 'taken' | 'checked_in' | 'already' | 'none';
  /** Sentence for the bot to say back (Chinese). */
  reply: string;
}
