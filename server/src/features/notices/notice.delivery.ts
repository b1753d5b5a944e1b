// SMS and subscribe-message delivery of a published notice: batches the pending receipts, hands each batch to the notifications feature (which sends it and keeps the per-resident ledger), records each outcome, retries with backoff through persisted timers.
import type { Config } from '../../config';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import type { Logger } from '../../logger';
import type { NoticeMessagesApi, NoticeSendResult } from '../notifications/notifications.notices';
import type { DeliveryOutcome, NoticeReceiptDoc } from './notice.model';
import type { NoticeRepository } from './notice.repository';

export const DELIVERY_TIMER_KIND = 'notice.deliver';
export type RetriedChannel = 'sms' | 'subscribe';
export const deliveryKey = (noticeId: string, channel: RetriedChannel) => `notice-deliver:${noticeId}:${channel}`;

/** Tencent's limit of numbers in one SendSms call. */
const SMS_BATCH = 200;
const SUBSCRIBE_BATCH = 50;
/** Bounds one timer run; whatever is left is picked up by the next run, armed at once. */
const MAX_BATCHES_PER_RUN = 50;

export class NoticeDelivery {
  constructor(
    private readonly repo: NoticeRepository,
    private readonly scheduler: Scheduler,
    private readonly messages: NoticeMessagesApi,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  /** Arms (or re-arms) the channel's persisted timer for a notice. */
  kick(communityId: string, noticeId: string, channel: RetriedChannel, at = new Date()): Promise<void> {
    return this.scheduler.schedule({ key: deliveryKey(noticeId, channel), communityId, kind: DELIVERY_TIMER_KIND, fireAt: at, payload: { noticeId, channel } });
  }

  /** The delivery timer of one notice and channel. */
  async onTimer(job: TimerJob): Promise<void> {
    const noticeId = String(job.payload.noticeId);
    const channel = job.payload.channel as RetriedChannel;
    if (channel !== 'sms' && channel !== 'subscribe') return;
    await this.run(job.communityId, noticeId, channel);
  }

  async run(communityId: string, noticeId: string, channel: RetriedChannel): Promise<void> {
    const notice = await this.repo.byId(communityId, noticeId);
    if (!notice || notice.status !== 'published') return;
    const msg = { communityId, noticeId, title: notice.title, category: notice.category, publishedAt: notice.publishedAt ?? new Date() };
    let rest = false;
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const batch = await this.repo.dueDeliveries(communityId, noticeId, channel, new Date(), channel === 'sms' ? SMS_BATCH : SUBSCRIBE_BATCH);
      if (!batch.length) break;
      const sent = await this.messages.send(
        channel,
        msg,
        batch.map((r) => ({ residentId: r.residentId, name: r.name, attempt: (r.deliveries[channel]?.attempts ?? 0) + 1, ...(channel === 'sms' ? { phone: r.phone! } : { openid: r.openid! }) })),
      );
      const results = new Map(batch.map((r) => [String(r._id), sent.get(r.residentId) ?? { ok: false as const, error: '无结果', retry: true }]));
      // One clock per batch: the whole batch retries together instead of splitting into per-person calls.
      const at = new Date();
      for (const r of batch) await this.record(communityId, r, channel, results.get(String(r._id))!, at);
      if (i === MAX_BATCHES_PER_RUN - 1) rest = true;
    }
    const next = rest ? new Date() : await this.repo.nextRetryAt(communityId, noticeId, channel);
    // Re-arming our own key from inside the handler replaces the finished timer with the next retry.
    if (next) await this.kick(communityId, noticeId, channel, next);
  }

  private async record(communityId: string, r: NoticeReceiptDoc, channel: RetriedChannel, res: NoticeSendResult, now: Date): Promise<void> {
    const prev = r.deliveries[channel]!;
    const attempts = prev.attempts + 1;
    let outcome: DeliveryOutcome;
    if (res.ok) outcome = { status: 'sent', attempts, at: now };
    else if (!res.retry || attempts >= this.config.NOTICE_RETRY_MAX_ATTEMPTS) outcome = { status: 'failed', attempts, at: now, reason: res.error };
    else {
      const delay = this.config.NOTICE_RETRY_BASE_MS * 2 ** (attempts - 1);
      outcome = { status: 'pending', attempts, at: now, nextAt: new Date(now.getTime() + delay), reason: res.error };
    }
    if (!res.ok) this.log.warn({ noticeId: String(r.noticeId), channel, attempts, error: res.error, final: outcome.status === 'failed' }, 'notice delivery failed');
    await this.repo.setDelivery(communityId, r._id, channel, prev.attempts, outcome);
  }
}
