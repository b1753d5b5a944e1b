// Ticket messages in the same delivery ledger: a ticket's 催办/督办/街道 SMS to staff and its 回访 question to the resident (bot private message or SMS), each sent once.
import crypto from 'node:crypto';
import type { NotifyDeliveryStatus } from '@linli/contracts';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { maskPii } from '../../logger';
import { scoped } from '../../db/scope';
import { isDuplicateKey } from '../../db/connection';
import type { BotFeedApi } from '../bot-feed/bot-feed.service';
import { deliveryModel, type DeliveryDoc, type DeliveryRecipient } from './notifications.model';
import type { AlertSms, SendOutcome } from './notifications.providers';

/** One message about a ticket to one person on one channel. */
export interface TicketMessage {
  communityId: string;
  ticketId: string;
  /** Unique per occasion (e.g. `sign.remind`, `revisit`): with the recipient and channel it is the row's _id, so a repeat sends nothing. */
  occasion: string;
  purpose: 'ladder' | 'revisit';
  channel: 'sms' | 'bot';
  recipient: { kind: 'staff' | 'resident'; id?: string; name: string; phone?: string; wechatId?: string };
  /** SMS template parameters (Tencent caps each at 12 characters: the caller keeps them short). */
  params: string[];
  /** The bot's private message (whole sentences). */
  text: string;
}

/** A ticket's ledger row as staff read it (number masked, the WeChat contact never shown). */
export interface TicketDeliveryDto {
  id: string;
  purpose: 'ladder' | 'revisit';
  channel: 'sms' | 'bot';
  recipient: { kind: string; id?: string; name: string; phone?: string };
  status: NotifyDeliveryStatus;
  attempts: number;
  reason?: string;
  history: Array<{ status: NotifyDeliveryStatus; at: string; note?: string }>;
  createdAt: string;
}

/** What other features may use: send a ticket message (once per occasion) and read a ticket's rows. */
export interface TicketMessagesApi {
  send(m: TicketMessage): Promise<NotifyDeliveryStatus | 'duplicate'>;
  forTicket(communityId: string, ticketId: string): Promise<TicketDeliveryDto[]>;
}

type TicketRow = Omit<DeliveryDoc, 'alertId' | 'level' | 'alert'> & { ticketId: string };

export class TicketMessages implements TicketMessagesApi {
  private readonly model;
  constructor(
    conn: import('mongoose').Connection,
    private readonly d: { config: Config; log: Logger; sms: AlertSms; botFeed: BotFeedApi; counted?: (channel: 'sms' | 'bot', purpose: 'ladder' | 'revisit', outcome: 'sent' | 'failed') => void },
  ) {
    this.model = deliveryModel(conn);
  }

  private template(purpose: TicketMessage['purpose']): string | undefined {
    return purpose === 'ladder' ? this.d.config.TENCENT_SMS_LADDER_TEMPLATE_ID : this.d.config.TENCENT_SMS_REVISIT_TEMPLATE_ID;
  }

  /**
   * Inserts the row (its _id is the send key: a second call for the same occasion finds it and sends nothing), then makes one
   * attempt. No retries: a ladder step or a 回访 that failed is on the ledger and the panel for staff to follow up.
   */
  async send(m: TicketMessage): Promise<NotifyDeliveryStatus | 'duplicate'> {
    const who = m.channel === 'bot' ? `wechat-${hash(m.recipient.wechatId ?? '')}` : m.recipient.kind === 'staff' ? `staff-${m.recipient.id}` : `resident-${m.recipient.id ?? hash(m.recipient.phone ?? '')}`;
    const _id = `ticket:${m.ticketId}:${m.occasion}:${who}:${m.channel}`;
    const why = m.channel === 'bot' ? (m.recipient.wechatId ? null : '未绑定微信，已跳过') : !m.recipient.phone ? '无手机号，已跳过' : this.d.sms.unavailable(this.template(m.purpose));
    const now = new Date();
    const recipient: DeliveryRecipient = { ...m.recipient };
    const status: NotifyDeliveryStatus = why ? 'skipped' : 'queued';
    try {
      await this.model.create({
        _id, communityId: m.communityId, ticketId: m.ticketId, purpose: m.purpose, channel: m.channel, recipient, params: m.params,
        status, attempts: why ? 0 : 1, ...(why ? { reason: why } : {}), history: [{ status, at: now, ...(why ? { note: why } : {}) }],
      } as unknown as DeliveryDoc);
    } catch (err) {
      if (isDuplicateKey(err)) return 'duplicate';
      throw err;
    }
    if (why) return 'skipped';
    const out = m.channel === 'bot' ? await this.botSend(_id, m) : await this.d.sms.send(m.recipient.phone!, this.template(m.purpose), m.params, `ticket:${m.ticketId}`);
    this.d.counted?.(m.channel, m.purpose, out.ok ? 'sent' : 'failed');
    const at = new Date();
    if (out.ok) {
      await this.model.updateOne({ _id, status: 'queued' }, { $set: { status: 'sent', providerId: out.providerId }, $addToSet: { providerIds: out.providerId }, $push: { history: { status: 'sent', at, providerId: out.providerId } } });
      return 'sent';
    }
    await this.model.updateOne({ _id, status: 'queued' }, { $set: { status: 'failed', reason: out.error }, $push: { history: { status: 'failed', at, note: out.error } } });
    this.d.log.warn({ delivery: _id, channel: m.channel, error: out.error }, 'ticket message failed');
    return 'failed';
  }

  /** The bot's queue is durable: handing the message over is the send; the bot posting it marks the row delivered (ref notify:<id>). */
  private async botSend(id: string, m: TicketMessage): Promise<SendOutcome> {
    try {
      const item = await this.d.botFeed.enqueue({ communityId: m.communityId, kind: 'ticket', key: `notify:${id}`, text: m.text, target: { wechatId: m.recipient.wechatId }, ref: `notify:${id}` });
      return { ok: true, providerId: item ? String(item._id) : `notify:${id}` };
    } catch (err) {
      return { ok: false, error: `机器人队列写入失败：${(err as Error).message}`.slice(0, 200), retry: false };
    }
  }

  async forTicket(communityId: string, ticketId: string): Promise<TicketDeliveryDto[]> {
    const rows = await this.model.find(scoped<DeliveryDoc>(communityId, { ticketId } as never)).sort({ createdAt: 1, _id: 1 }).lean<TicketRow[]>();
    return rows.map((r) => ({
      id: r._id,
      purpose: r.purpose as TicketDeliveryDto['purpose'],
      channel: r.channel as TicketDeliveryDto['channel'],
      recipient: { kind: r.recipient.kind, ...(r.recipient.id ? { id: r.recipient.id } : {}), name: r.recipient.name, ...(r.recipient.phone ? { phone: maskPii(r.recipient.phone) } : {}) },
      status: r.status,
      attempts: r.attempts,
      ...(r.reason ? { reason: r.reason } : {}),
      history: r.history.map((h) => ({ status: h.status, at: h.at.toISOString(), ...(h.note ? { note: h.note } : {}) })),
      createdAt: r.createdAt.toISOString(),
    }));
  }
}

/** A contact id or number inside a row id: hashed, since row ids are shown to staff. */
function hash(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);
}
