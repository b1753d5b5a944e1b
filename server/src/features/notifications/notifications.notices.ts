// Notice messages in the same delivery ledger: a published notice's SMS (one SendSms per 200 numbers) and WeChat subscribe messages, one row per resident and channel, moved by the SMS status reports.
import type { Connection, Model } from 'mongoose';
import type { NotifyDeliveryStatus } from '@linli/contracts';
import type { Config } from '../../config';
import { scoped } from '../../db/scope';
import type { Logger } from '../../logger';
import { deliveryModel, type DeliveryDoc, type DeliveryHistoryEntry } from './notifications.model';
import type { AlertSms, SendOutcome } from './notifications.providers';
import type { SubscribeNotice, WechatSubscribe } from './notifications.wechat';
import { isOnlyDuplicateKeys } from '../../db/connection';

export type NoticeChannel = 'sms' | 'subscribe';

/** One attempt for one resident: `attempt` is the notice's own count (1 = first), so the first writes the row and later ones move it. */
export interface NoticeRecipient {
  residentId: string;
  name: string;
  attempt: number;
  /** sms: the 11-digit number. */
  phone?: string;
  /** subscribe: the mini-program openid (passed for the send, never stored in the ledger). */
  openid?: string;
}

/** Per resident: ok, or the provider's reason and whether another attempt can help (the notice's own timer retries). */
export type NoticeSendResult = { ok: true } | { ok: false; error: string; retry: boolean };

/** A notice recipient's ledger status per channel (what the door-knock list and the receipts read). */
export type NoticeReach = Map<string, Partial<Record<NoticeChannel, { status: NotifyDeliveryStatus; reason?: string }>>>;

/** What the notices feature may use: send one batch on a channel, and read every resident's ledger status for a notice. */
export interface NoticeMessagesApi {
  send(channel: NoticeChannel, notice: SubscribeNotice & { communityId: string }, batch: NoticeRecipient[]): Promise<Map<string, NoticeSendResult>>;
  reach(communityId: string, noticeId: string): Promise<NoticeReach>;
}

/** A notice's ledger row (the stored delivery shape, subject a notice instead of an alert). */
type NoticeRow = Omit<DeliveryDoc, 'alertId' | 'level' | 'alert' | 'purpose' | 'channel'> & { noticeId: string; purpose: 'notice'; channel: NoticeChannel };

/** Every (notice, resident, channel) has one row: its _id. */
export const noticeRowId = (noticeId: string, residentId: string, channel: NoticeChannel) => `notice:${noticeId}:resident-${residentId}:${channel}`;

export class NoticeMessages implements NoticeMessagesApi {
  private readonly model: Model<NoticeRow>;
  constructor(
    conn: Connection,
    private readonly d: {
      config: Config;
      log: Logger;
      sms: AlertSms;
      subscribe: WechatSubscribe;
      counted?: (channel: NoticeChannel, outcome: 'sent' | 'failed') => void;
    },
  ) {
    this.model = deliveryModel(conn) as unknown as Model<NoticeRow>;
  }

  /**
   * One batch on one channel: sent first (SMS: one call for every number), then recorded — a first attempt inserts the rows
   * in their outcome in one write (queued → sent/failed in their history), a later attempt moves its row. A crash between the
   * send and the record leaves the notice's receipt pending, so its timer sends again and the row is written then.
   */
  async send(channel: NoticeChannel, n: SubscribeNotice & { communityId: string }, batch: NoticeRecipient[]): Promise<Map<string, NoticeSendResult>> {
    const queuedAt = new Date();
    const outcomes = channel === 'sms' ? await this.sendSms(n, batch) : await this.sendSubscribe(n, batch);
    const at = new Date();
    const params = [n.title.slice(0, 20)];
    /** A resident's row as this attempt leaves it (queued → its outcome). */
    const row = (r: NoticeRecipient, out: SendOutcome): NoticeRow => ({
      _id: noticeRowId(n.noticeId, r.residentId, channel),
      communityId: n.communityId,
      noticeId: n.noticeId,
      purpose: 'notice',
      channel,
      recipient: { kind: 'resident', id: r.residentId, name: r.name, ...(channel === 'sms' && r.phone ? { phone: r.phone } : {}) },
      params,
      attempts: 1,
      ...(out.ok ? { status: 'sent' as const, providerId: out.providerId, providerIds: [out.providerId] } : { status: 'failed' as const, reason: out.error }),
      history: [{ status: 'queued', at: queuedAt }, entry(out, at)],
      createdAt: queuedAt,
      updatedAt: at,
    });
    const firsts: NoticeRow[] = [];
    const later: Array<{ r: NoticeRecipient; out: SendOutcome }> = [];
    for (const r of batch) {
      const out = outcomes.get(r.residentId)!;
      this.d.counted?.(channel, out.ok ? 'sent' : 'failed');
      if (r.attempt > 1) {
        later.push({ r, out });
        continue;
      }
      firsts.push(row(r, out));
    }
    if (firsts.length) {
      try {
        await this.model.insertMany(firsts, { ordered: false, lean: true });
      } catch (err) {
        if (!isOnlyDuplicateKeys(err)) throw err;
        // Rows written by a run that died before its receipts were updated: this attempt moves them instead.
        for (const w of (err as { writeErrors?: { index: number }[] }).writeErrors ?? []) {
          const r = batch.filter((b) => b.attempt <= 1)[w.index];
          if (r) later.push({ r, out: outcomes.get(r.residentId)! });
        }
      }
    }
    for (const { r, out } of later) {
      const moved = await this.move(noticeRowId(n.noticeId, r.residentId, channel), out, at);
      // An earlier attempt that died before writing its row: this one writes it, counting every attempt the notice made.
      if (moved.matchedCount === 0) await this.model.insertMany([{ ...row(r, out), attempts: r.attempt }], { ordered: false, lean: true }).catch((err) => {
        if (!isOnlyDuplicateKeys(err)) throw err;
      });
    }
    return new Map([...outcomes].map(([id, o]) => [id, o.ok ? { ok: true } : { ok: false, error: o.error, retry: o.retry }]));
  }

  private move(id: string, out: SendOutcome, at: Date) {
    return this.model.updateOne(
      { _id: id },
      out.ok
        ? { $set: { status: 'sent', providerId: out.providerId }, $unset: { reason: 1 }, $inc: { attempts: 1 }, $addToSet: { providerIds: out.providerId }, $push: { history: entry(out, at) } }
        : { $set: { status: 'failed', reason: out.error }, $inc: { attempts: 1 }, $push: { history: entry(out, at) } },
    );
  }

  private async sendSms(n: SubscribeNotice, batch: NoticeRecipient[]): Promise<Map<string, SendOutcome>> {
    const phones = [...new Set(batch.map((r) => r.phone!))];
    // Template variables are short on Tencent's side; the full text is in the mini-program.
    const byPhone = await this.d.sms.sendMany(phones, this.d.config.TENCENT_SMS_TEMPLATE_ID, [n.title.slice(0, 20)], `notice:${n.noticeId}`);
    return new Map(batch.map((r) => [r.residentId, byPhone.get(r.phone!) ?? { ok: false, error: '无结果', retry: true }]));
  }

  /** A few at a time: WeChat answers each message on its own. */
  private async sendSubscribe(n: SubscribeNotice, batch: NoticeRecipient[]): Promise<Map<string, SendOutcome>> {
    const out = new Map<string, SendOutcome>();
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const r = batch[next++]!;
        const res = await this.d.subscribe.send(r.openid!, n);
        // WeChat gives no message id to report on later: the row's own key stands in for it.
        out.set(r.residentId, res.ok ? { ok: true, providerId: `wx:${noticeRowId(n.noticeId, r.residentId, 'subscribe')}:${r.attempt}` } : res);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SUBSCRIBE_CONCURRENCY, batch.length) }, worker));
    return out;
  }

  /** Every row of a notice (one equality read, served by the ledger's index): the status per resident and channel. */
  async reach(communityId: string, noticeId: string): Promise<NoticeReach> {
    const rows = await this.model
      .find(scoped<NoticeRow>(communityId, { noticeId } as never), { recipient: 1, channel: 1, status: 1, reason: 1 })
      .lean<Pick<NoticeRow, 'recipient' | 'channel' | 'status' | 'reason'>[]>();
    const out: NoticeReach = new Map();
    for (const r of rows) {
      const id = r.recipient.id!;
      const m = out.get(id) ?? {};
      m[r.channel] = { status: r.status, ...(r.reason ? { reason: r.reason } : {}) };
      out.set(id, m);
    }
    return out;
  }
}

const SUBSCRIBE_CONCURRENCY = 8;

function entry(out: SendOutcome, at: Date): DeliveryHistoryEntry {
  return out.ok ? { status: 'sent', at, providerId: out.providerId } : { status: 'failed', at, note: out.error };
}
