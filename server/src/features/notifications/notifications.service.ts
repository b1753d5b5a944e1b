// Alert notification rules: who gets which channel at each level, one send per ledger row with retries on persisted timers, and acknowledgement that stops everything.
import crypto from 'node:crypto';
import {
  coversBuilding,
  hasRole,
  isAckReply,
  shanghaiDateTime,
  VOICE_RESULT_LABELS,
  type AlertNotifyChannel,
  type BotAlertReply,
  type BotAlertReplyResult,
  type Principal,
  type SmsReply,
  type SmsStatusReport,
  type VoiceCallback,
} from '@linli/contracts';
import type { Config } from '../../config';
import { AppError, notFound } from '../../core/errors';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import type { Logger } from '../../logger';
import type { Bus, DomainEvents } from '../events';
import type { AlertsApi } from '../alerts/alert.service';
import type { BotFeedApi } from '../bot-feed/bot-feed.service';
import type { CareService } from '../care/care.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { AckLinkView } from './notifications.ack-page';
import type { DeliveryDoc, DeliveryRecipient } from './notifications.model';
import { NotificationRepository, type NewDelivery } from './notifications.repository';
import type { AlertSms, AlertVoice, SendOutcome } from './notifications.providers';
import { alertParams, botText, takenParams } from './notifications.texts';

export const SEND_TIMER_KIND = 'notify.send';
/** An attempt in flight holds its row this long; a node that dies mid-send leaves it to be retried after. */
const LEASE_MS = 60_000;
const sendKey = (id: string, attempts: number) => `notify-send:${id}:${attempts}`;
/** A reply answers the newest alert SMS sent to its number within this window. */
const REPLY_WINDOW_MS = 24 * 3600_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** Emergencies reach the elder whatever the hour; everything else asked of her respects her quiet hours. */
const NEVER_WAIT: ReadonlySet<string> = new Set(['sos', 'fall']);
/** A voice call waits at most this long for the alert SMS still to go out on this node (see callTurn). */
const CALL_HOLD_MAX_MS = 1500;

/** 10 characters from 56 unambiguous ones (58 bits): fits an SMS template variable, unguessable within a day. */
export function newAckCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return code;
}

type Notify = DomainEvents['alert.notify'];
type Updated = DomainEvents['alert.updated'];

export interface NotificationDeps {
  config: Config;
  scheduler: Scheduler;
  log: Logger;
  sms: AlertSms;
  voice: AlertVoice;
  alerts: Pick<AlertsApi, 'ackExternal' | 'stillRaised'>;
  /** The elder's bound WeChat contacts (bot channel). */
  residents: Pick<ResidentsApi, 'wechatContactsOf'>;
  /** The bot channel hands its message to the community bot's durable queue. */
  botFeed: BotFeedApi;
  /** The elder's quiet hours: a non-emergency message to her that falls inside them waits for their end. */
  care?: Pick<CareService, 'outOfQuietHours'>;
  bus: Bus;
  /** Every attempt's outcome, for /metrics. */
  counted?: (channel: AlertNotifyChannel, purpose: DeliveryDoc['purpose'], outcome: 'sent' | 'failed' | 'cancelled') => void;
}

export class NotificationService {
  private readonly repo: NotificationRepository;
  private readonly inFlight = new Set<Promise<unknown>>();
  /**
   * Alerts acknowledged or resolved on this node, marked synchronously while the ack's request is still being answered
   * (the bus calls subscribers in the emitting call): a send checks it right before the provider call, after every await,
   * so no send leaves this node once the ack has answered. Other nodes' acks are seen through stillRaised.
   */
  private readonly closed = new Set<string>();
  /** Steps being notified (rows not yet created) and alert SMS not yet handed to the provider, on this node: calls wait for both. */
  private notifying = 0;
  private smsToGo = 0;
  private readonly heldCalls = new Set<() => void>();

  constructor(
    conn: import('mongoose').Connection,
    private readonly d: NotificationDeps,
  ) {
    this.repo = new NotificationRepository(conn);
  }

  /** Runs work after the event handler returns; stop() waits for it so nothing writes into a closed database. */
  private track<T>(p: Promise<T>): void {
    const q = p.catch((err) => this.d.log.error({ err }, 'notification work failed'));
    this.inFlight.add(q);
    void q.finally(() => this.inFlight.delete(q));
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  // ---- a level is notified ----------------------------------------------------------------

  /** One row per recipient and channel, inserted once per level (the row's _id), then every row is tried at once and independently. */
  async onNotify(n: Notify): Promise<void> {
    this.notifying++;
    try {
      await this.notifyStep(n);
    } finally {
      this.notifying--;
      this.releaseCalls();
    }
  }

  private async notifyStep({ alert, level, channels: all, staff, contacts, self, family }: Notify): Promise<void> {
    if (!all.length || alert.status !== 'raised') return;
    const alertId = String(alert._id);
    // The bot's rows need a read (the elder's bound WeChat contacts): started first, awaited once the other rows are made.
    const bot = all.includes('bot') ? this.botRows({ alert, level, self, family }) : undefined;
    bot?.catch(() => undefined); // awaited below; a failure surfaces there
    const rows: NewDelivery[] = [];
    const channels = all.filter((c) => c !== 'bot');
    const recipients: Array<{ key: string; r: DeliveryRecipient }> = [
      ...staff.map((s) => ({ key: `staff-${s.id}`, r: { kind: 'staff' as const, id: s.id, name: s.name, phone: s.phone } })),
      ...contacts.map((c) => ({ key: `contact-${c.phone}`, r: { kind: 'contact' as const, name: c.name, relation: c.relation, phone: c.phone } })),
    ];
    if (self) {
      // The elder herself is asked, not alarmed: her own message ("{1}，您今天还好吗？回复1报平安"), no link.
      const position = `${alert.round ?? 0}.${alert.step ?? level}`;
      const r: DeliveryRecipient = { kind: 'resident', id: self.residentId, name: self.name, phone: self.phone };
      const alertScope = { type: alert.type, audience: alert.audience, building: alert.subject?.building ?? alert.location?.building };
      for (const channel of channels)
        rows.push(this.row({ _id: `${alertId}:${position}:resident-${self.residentId}:${channel}`, communityId: alert.communityId, alertId, level, purpose: 'check', channel, recipient: r, params: [clipName(self.name)], alert: alertScope }));
    }
    const base = {
      communityId: alert.communityId,
      alertId,
      level,
      purpose: 'alert' as const,
      params: alertParams(alert),
      alert: { type: alert.type, audience: alert.audience, building: alert.subject?.building ?? alert.location?.building },
    };
    // One send per step and round of the policy: a re-fired step inserts nothing, a repeat round sends again.
    const position = `${alert.round ?? 0}.${alert.step ?? level}`;
    const seen = new Set<string>();
    for (const { key, r } of recipients) {
      if (seen.has(key)) continue;
      seen.add(key);
      for (const channel of channels) {
        // The SMS carries a one-tap link (<PUBLIC_URL>/a/{4}) and may be answered with "1"; the call reads the first three.
        const link = channel === 'sms' ? { ackCode: newAckCode(), ackExpiresAt: new Date(Date.now() + this.d.config.NOTIFY_ACK_LINK_TTL_HOURS * 3600_000) } : {};
        const params = link.ackCode ? [...base.params, link.ackCode] : base.params;
        rows.push(this.row({ ...base, ...link, params, _id: `${alertId}:${position}:${key}:${channel}`, channel, recipient: r }));
      }
    }
    // Whether it is still unacknowledged is read once for the whole step, alongside the rows' writes: the first SMS of an SOS
    // waits for neither in turn. (An ack answered meanwhile on this node is caught by `closed` right before each send.) Not
    // asked when nothing can be sent (every row skipped: no phone, channel not configured — a public alert in a storm).
    const raised = bot || rows.some((r) => r.status === 'queued') ? this.d.alerts.stillRaised(alert.communityId, alertId) : undefined;
    raised?.catch(() => undefined); // awaited before the sends; a failure surfaces there
    if (bot) rows.unshift(...(await bot));
    await this.enqueueAll(await this.deferQuiet(rows), raised);
  }

  /**
   * A message to the elder herself (her own question, bot / SMS / call) that is not about an emergency waits for the end of her
   * quiet hours: queued with its first attempt due then, on a persisted timer (sent by attempt(); re-armed at boot by pendingJobs).
   */
  private async deferQuiet(rows: NewDelivery[]): Promise<Array<NewDelivery & { deferred?: boolean }>> {
    const now = new Date();
    const until = new Map<string, Date | null>();
    const out: Array<NewDelivery & { deferred?: boolean }> = [];
    for (const r of rows) {
      const rid = r.recipient.id;
      if (r.status !== 'queued' || !rid) {
        out.push(r);
        continue;
      }
      if (!until.has(rid)) until.set(rid, await this.quietUntil(r, now));
      const end = until.get(rid);
      out.push(end ? { ...r, nextAttemptAt: end, deferred: true } : r);
    }
    return out;
  }

  /** When a message to the elder herself at `at` may go: null when it need not wait (not to her, an emergency, outside her quiet hours). */
  private async quietUntil(r: Pick<DeliveryDoc, 'communityId' | 'purpose' | 'recipient' | 'alert'>, at: Date): Promise<Date | null> {
    if (!this.d.care || r.recipient.kind !== 'resident' || !r.recipient.id || r.purpose !== 'check' || NEVER_WAIT.has(r.alert?.type)) return null;
    const end = await this.d.care.outOfQuietHours(r.communityId, r.recipient.id, at);
    return end.getTime() > at.getTime() ? end : null;
  }

  /**
   * The bot channel: a private message to each WeChat contact bound to the elder — herself on a step that asks her, her
   * family on a step that tells family. Staff have no bound WeChat, so a staff-only step adds no bot row.
   */
  private async botRows({ alert, level, self, family }: Pick<Notify, 'alert' | 'level' | 'self' | 'family'>): Promise<NewDelivery[]> {
    const residentId = alert.subject?.residentId;
    if (alert.audience !== 'personal' || !residentId || !(self || family)) return [];
    const alertId = String(alert._id);
    const position = `${alert.round ?? 0}.${alert.step ?? level}`;
    const scope = { type: alert.type, audience: alert.audience, building: alert.subject?.building ?? alert.location?.building };
    const bound = await this.d.residents.wechatContactsOf(alert.communityId, residentId);
    return bound
      .filter((c) => (self ? c.relation === 'self' : c.relation === 'family'))
      .map((c) =>
        this.row({
          _id: `${alertId}:${position}:${wechatKey(c.contactId)}:bot`,
          communityId: alert.communityId,
          alertId,
          level,
          purpose: self ? 'check' : 'alert',
          channel: 'bot',
          recipient: self
            ? { kind: 'resident', id: residentId, name: self.name, wechatId: c.contactId }
            : { kind: 'contact', name: c.name ?? '家属', relation: '家属（微信）', wechatId: c.contactId },
          params: self ? [clipName(self.name)] : alertParams(alert),
          alert: scope,
        }),
      );
  }

  /** A new row: queued for an attempt now, or skipped with the reason (no phone, channel not configured). */
  private row(r: Omit<NewDelivery, 'status'>): NewDelivery {
    const why = r.channel === 'bot' ? (r.recipient.wechatId ? null : '未绑定微信，已跳过') : !r.recipient.phone ? '无手机号，已跳过' : this.unavailable(r.channel, r.purpose);
    return why ? { ...r, status: 'skipped', reason: why } : { ...r, status: 'queued', nextAttemptAt: new Date() };
  }

  private unavailable(channel: AlertNotifyChannel, purpose: DeliveryDoc['purpose']): string | null {
    if (channel === 'bot') return null;
    if (channel === 'voice') return this.d.voice.unavailable() ?? (this.voiceTemplate(purpose) ? null : '未配置该类语音模板');
    return this.d.sms.unavailable(this.smsTemplate(purpose));
  }

  private smsTemplate(purpose: DeliveryDoc['purpose']): string | undefined {
    const c = this.d.config;
    return purpose === 'alert' ? c.TENCENT_SMS_ALERT_TEMPLATE_ID : purpose === 'check' ? c.TENCENT_SMS_CHECK_TEMPLATE_ID : c.TENCENT_SMS_ACK_TEMPLATE_ID;
  }

  private voiceTemplate(purpose: DeliveryDoc['purpose']): string | undefined {
    return purpose === 'check' ? this.d.config.TENCENT_VMS_CHECK_TEMPLATE_ID : this.d.config.TENCENT_VMS_TEMPLATE_ID;
  }

  /**
   * Inserts the row once; a queued row is inserted already holding its first attempt (attempts 1, leased), so the first
   * send needs no claiming update: the unique _id decides which node sends it, and a crash mid-send retries after the lease.
   */
  private async enqueue(row: NewDelivery): Promise<void> {
    return this.enqueueAll([row]);
  }

  /**
   * Several rows in one write (a level's recipients × channels), then every created one is sent on its own. `raised`: whether
   * their alert is still unacknowledged, already being read (onNotify); else each alert is read once before its sends.
   */
  private async enqueueAll(rows: Array<NewDelivery & { deferred?: boolean }>, raised?: Promise<boolean>): Promise<void> {
    const { created, error } = await this.repo.insertAllOnce(
      rows.map(({ deferred, ...row }) => {
        if (deferred)
          return { d: { ...row, history: [{ status: 'queued' as const, at: new Date(), note: `免打扰时段，${shanghaiDateTime(row.nextAttemptAt!).slice(11, 16)} 后发送` }] }, attempts: 0 };
        const queued = row.status === 'queued';
        return {
          d: {
            ...row,
            ...(queued ? { nextAttemptAt: new Date(Date.now() + LEASE_MS) } : {}),
            ...(row.status === 'skipped' ? { history: [{ status: 'skipped' as const, at: new Date(), note: row.reason }] } : {}),
          },
          attempts: queued ? 1 : 0,
        };
      }),
    );
    // Deferred rows (quiet hours) wait on their own persisted timer; the rest are sent now.
    for (const c of created) if (c.status === 'queued' && c.attempts === 0 && c.nextAttemptAt) await this.scheduleRetry(c, c.nextAttemptAt);
    // What was stored is sent even when another row of the step failed to store; that failure is then reported.
    const queued = created.filter((c) => c.status === 'queued' && c.attempts > 0);
    if (queued.length) this.track(this.sendAll(queued, raised));
    if (error) throw error;
  }

  /**
   * Rows created together are checked against their alert once (each would have read the same alert at the same moment),
   * then sent independently: a slow or failing SMS must not hold up the call.
   */
  private async sendAll(rows: DeliveryDoc[], known?: Promise<boolean>): Promise<void> {
    const raised = new Map<string, Promise<boolean>>();
    const check = (r: DeliveryDoc) => {
      if (!raised.has(r.alertId)) raised.set(r.alertId, known ?? this.d.alerts.stillRaised(r.communityId, r.alertId));
      return raised.get(r.alertId)!;
    };
    for (const r of rows) {
      if (r.purpose === 'taken') {
        this.track(this.send(r, true));
        continue;
      }
      // Counted until handed to the provider (or given up): voice calls wait for them (callTurn).
      let dispatched: (() => void) | undefined;
      if (r.channel === 'sms') {
        this.smsToGo++;
        dispatched = () => {
          dispatched = undefined;
          this.smsToGo--;
          this.releaseCalls();
        };
      }
      this.track(check(r).then((ok) => this.send(r, ok, () => dispatched?.())).finally(() => dispatched?.()));
    }
  }

  /**
   * A voice call's turn: at once, unless alert SMS are still to go out on this node (or steps are still being notified) —
   * then when they are out, or after CALL_HOLD_MAX_MS. In a burst of SOS presses every request to the provider costs the
   * same busy core the other alerts' first SMS wait for, and the call's target (p99 3 s) leaves more room than the SMS's
   * (2 s). true when the call was held (its alert's status is then read again).
   */
  private callTurn(): Promise<boolean> {
    if (!this.notifying && !this.smsToGo) return Promise.resolve(false);
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        this.heldCalls.delete(go);
        resolve(true);
      };
      const timer = setTimeout(go, CALL_HOLD_MAX_MS);
      this.heldCalls.add(go);
    });
  }

  private releaseCalls(): void {
    if (this.notifying || this.smsToGo) return;
    for (const go of [...this.heldCalls]) go();
  }

  // ---- one attempt ------------------------------------------------------------------------

  /** Claims attempt n+1 of a row (one node wins), then sends it. */
  async attempt(id: string, seenAttempts: number): Promise<void> {
    const row = await this.repo.claim(id, seenAttempts, new Date(Date.now() + LEASE_MS));
    if (row) await this.send(row);
  }


  /**
   * Sends a claimed attempt and records the outcome. Right before sending, the alert itself must still be unacknowledged:
   * the ack's stop marker is written by a subscriber after the ack answered, so it alone would leave a window. `stillRaised`:
   * that check, already made for the rows created with this one (sendAll).
   */
  private async send(row: DeliveryDoc, stillRaised?: boolean, dispatched?: () => void): Promise<void> {
    const id = row._id;
    if (row.channel === 'voice' && row.purpose !== 'taken' && (await this.callTurn())) stillRaised = undefined;
    const raised = row.purpose === 'taken' || (stillRaised ?? (await this.d.alerts.stillRaised(row.communityId, row.alertId)));
    // `closed` is read after the last await before the provider call: an ack answered on this node meanwhile stops it.
    if (!raised || (row.purpose !== 'taken' && this.closed.has(row.alertId))) {
      await this.repo.cancel(id, '预警已确认，不再发送');
      this.d.counted?.(row.channel, row.purpose, 'cancelled');
      return;
    }
    const phone = row.recipient.phone!;
    const context = `alert:${row.alertId}`;
    dispatched?.();
    let out: SendOutcome;
    if (row.channel === 'bot') out = await this.botSend(row);
    else if (row.channel === 'voice') out = await this.d.voice.call(phone, row.params, context, this.voiceTemplate(row.purpose));
    else out = await this.d.sms.send(phone, this.smsTemplate(row.purpose), row.params, context);
    this.d.counted?.(row.channel, row.purpose, out.ok ? 'sent' : 'failed');
    if (out.ok) {
      const recorded = await this.repo.recordSent(id, row.attempts, out.providerId, row.channel === 'bot');
      // Acknowledged while this message was on its way: its reader learns who took it, like those reached before the ack.
      if (!recorded && row.purpose === 'alert' && (row.channel === 'sms' || row.channel === 'bot')) {
        const stop = await this.repo.stopInfo(row.alertId);
        if (stop?.by) await this.tellTaken(row, stop.by);
      }
      return;
    }
    const retryAt = await this.retryAt(row, out.retry);
    const failed = await this.repo.recordFailed(id, row.attempts, out.error, retryAt);
    if (failed && retryAt) await this.scheduleRetry(failed, retryAt);
    this.d.log.warn({ delivery: id, channel: row.channel, attempts: row.attempts, error: out.error, retry: !!retryAt }, 'alert notification failed');
  }

  /**
   * The bot's queue is durable (kept until the bot has posted it), so handing the message over is the send; the bot's
   * acknowledgement of the item marks the row delivered (onBotPosted).
   */
  private async botSend(row: DeliveryDoc): Promise<SendOutcome> {
    try {
      const item = await this.d.botFeed.enqueue({
        communityId: row.communityId,
        kind: row.purpose === 'check' ? 'checkin' : 'alert',
        key: `notify:${row._id}`,
        text: botText(row.purpose, row.params),
        target: { wechatId: row.recipient.wechatId },
        ref: `notify:${row._id}`,
      });
      // null: the item was queued by an earlier attempt that died before recording it; the queue still has it.
      return { ok: true, providerId: item ? String(item._id) : `notify:${row._id}` };
    } catch (err) {
      return { ok: false, error: `机器人队列写入失败：${(err as Error).message}`.slice(0, 200), retry: true };
    }
  }

  /** The bot posted a queued item: a private alert message it carried is delivered. */
  async onBotPosted(item: { _id: unknown; ref?: string }): Promise<void> {
    if (!item.ref?.startsWith('notify:')) return;
    const id = item.ref.slice('notify:'.length);
    await this.repo.report(id, String(item._id), true, '机器人已私信送达', null);
  }

  private async retryAt(row: DeliveryDoc, retryable: boolean): Promise<Date | null> {
    // Rows about a ticket or a notice are retried by their own feature (or not at all): a failed report only records it.
    if (!row.alertId) return null;
    if (!retryable || row.attempts >= this.d.config.NOTIFY_RETRY_MAX_ATTEMPTS) return null;
    if (row.purpose === 'alert' && (await this.repo.stopped(row.alertId))) return null;
    const at = new Date(Date.now() + this.d.config.NOTIFY_RETRY_BASE_MS * 2 ** Math.max(0, row.attempts - 1));
    // Trying the elder again must not wake her: a retry due inside her quiet hours waits for their end.
    return (await this.quietUntil(row, at)) ?? at;
  }

  private scheduleRetry(row: DeliveryDoc, at: Date): Promise<void> {
    return this.d.scheduler.schedule({
      key: sendKey(row._id, row.attempts),
      communityId: row.communityId,
      kind: SEND_TIMER_KIND,
      fireAt: at,
      payload: { deliveryId: row._id, attempts: row.attempts },
    });
  }

  /** Timer handler: idempotent through the claim (a second fire finds the count moved on). */
  onTimer(job: TimerJob): Promise<void> {
    return this.attempt(String(job.payload.deliveryId), Number(job.payload.attempts));
  }

  /** At boot: every row with an attempt due comes back as a persisted timer (kept if it already exists, so no deadline moves). */
  async pendingJobs(): Promise<Array<TimerJob & { persist: boolean }>> {
    return (await this.repo.pending()).map((r) => ({
      key: sendKey(r._id, r.attempts),
      communityId: r.communityId,
      kind: SEND_TIMER_KIND,
      fireAt: r.nextAttemptAt!,
      payload: { deliveryId: r._id, attempts: r.attempts },
      persist: true,
    }));
  }

  // ---- acknowledgement --------------------------------------------------------------------

  /** Ack (or resolve without one): nothing more is sent for the alert; those already reached by SMS learn who took it. */
  async onUpdated({ alert, change }: Updated): Promise<void> {
    if (change !== 'ack' && change !== 'resolve') return;
    const alertId = String(alert._id);
    this.closed.add(alertId);
    if (this.closed.size > 50_000) this.closed.delete(this.closed.values().next().value!);
    const by = alert.acknowledgedBy ?? alert.resolvedBy;
    // The marker first: any attempt that has not claimed its row yet sees it and sends nothing.
    const first = await this.repo.stop(alert.communityId, alertId, by ? { ...(by.id ? { id: by.id } : {}), name: by.name } : undefined);
    // Sends already out but still waiting to be recorded are written now, so settling finds them sent (→ acknowledged).
    await this.repo.flushSent().catch(() => undefined);
    const before = await this.repo.forAlert(alert.communityId, alertId);
    const who = by?.name ? `${by.name}${change === 'ack' ? '已确认' : '已处理'}` : '预警已处理';
    await this.repo.settle(alert.communityId, alertId, who);
    for (const r of before) if ((r.status === 'queued' || r.status === 'failed') && r.nextAttemptAt) await this.d.scheduler.cancel(sendKey(r._id, r.attempts));
    if (!first || change !== 'ack' || !by) return;

    // Read after settling: a send recorded while we settled is 'acknowledged' now (reached), one recorded later finds its
    // row cancelled and tells its reader itself (see send) — read before, a send finishing in between was told by nobody.
    const reached = new Map<string, DeliveryDoc>();
    for (const r of await this.repo.forAlert(alert.communityId, alertId)) {
      if (r.purpose !== 'alert' || r.status !== 'acknowledged') continue;
      const to = r.channel === 'sms' ? r.recipient.phone : r.channel === 'bot' ? r.recipient.wechatId : undefined;
      if (to) reached.set(`${r.channel}:${to}`, r);
    }
    await Promise.all([...reached.values()].map((r) => this.tellTaken(r, by)));
  }

  /** Tells one person an alert SMS reached who took it (once per person: the row's _id), never the taker themselves. */
  private async tellTaken(r: DeliveryDoc, by: { id?: string; name: string }): Promise<void> {
    if (r.recipient.kind === 'staff' && r.recipient.id === by.id) return;
    // An emergency contact who took it through their SMS is not told about themselves either.
    if (r.recipient.kind === 'contact' && !by.id && r.recipient.name === by.name) return;
    const who = r.channel === 'bot' ? wechatKey(r.recipient.wechatId ?? '') : r.recipient.kind === 'staff' ? `staff-${r.recipient.id}` : `contact-${r.recipient.phone}`;
    await this.enqueue(
      this.row({
        _id: `${r.alertId}:ack:${who}:${r.channel}`,
        communityId: r.communityId,
        alertId: r.alertId,
        level: 'ack',
        purpose: 'taken',
        channel: r.channel,
        recipient: r.recipient,
        params: takenParams(r.params, by.name),
        alert: r.alert,
      }),
    );
  }

  // ---- acknowledgement from a phone: the SMS link and a reply ----------------------------------

  /** What the link's page shows. An unknown or expired code is "invalid", whatever the reason (no oracle for guessers). */
  async ackLink(code: string): Promise<AckLinkView & { row?: DeliveryDoc }> {
    const row = /^[A-Za-z0-9]{10}$/.test(code) ? await this.repo.byAckCode(code) : null;
    if (!row || !row.ackExpiresAt || row.ackExpiresAt < new Date()) return { state: 'invalid' };
    const stop = await this.repo.stopInfo(row.alertId);
    const [who, what, where] = row.params;
    return {
      row,
      state: stop ? 'taken' : 'open',
      who, what, where,
      at: shanghaiDateTime(row.createdAt).slice(5),
      recipient: { kind: row.recipient.kind, name: row.recipient.name },
      takenBy: stop?.by?.name,
    };
  }

  /** The link's button: the recipient takes the alert (as themselves: the staff member, or the family member by name). */
  async ackByLink(code: string): Promise<AckLinkView> {
    const view = await this.ackLink(code);
    if (view.state !== 'open' || !view.row) return strip(view);
    const out = await this.ackAs(view.row, '通过短信链接确认');
    return strip({ ...view, state: 'taken', justTaken: out?.acked ?? false, takenBy: out?.alert.acknowledgedBy?.name ?? view.takenBy });
  }

  /**
   * Tencent's reply callback. "1" / "收到" to an alert SMS takes that alert; "1" / "好" from the elder to "您今天还好吗"
   * is her check-in. Other words are only recorded.
   */
  async smsReply(reply: SmsReply): Promise<{ matched: number; ignored: number }> {
    const phone = reply.mobile.replace(/^\+/, '').replace(new RegExp(`^${reply.nationcode}(?=1\\d{10}$)`), '');
    const row = /^1\d{10}$/.test(phone) ? await this.repo.latestAlertSmsTo(phone, new Date(Date.now() - REPLY_WINDOW_MS)) : null;
    if (!row) return this.outcome(0, 1);
    const text = reply.text.trim().slice(0, 60);
    if (!isAckReply(text)) {
      await this.repo.note(row._id, row.status, `收到回复「${text}」（不是确认，未处理）`);
      return { matched: 1, ignored: 0 };
    }
    if (row.purpose === 'check') {
      await this.repo.note(row._id, row.status, `老人回复「${text}」报平安`);
      this.d.bus.emit('resident.answered', { communityId: row.communityId, residentId: row.recipient.id!, alertId: row.alertId, via: 'sms', text });
      return { matched: 1, ignored: 0 };
    }
    await this.ackAs(row, `短信回复「${text}」确认`);
    return { matched: 1, ignored: 0 };
  }

  /**
   * The bot relays a private "收到" / "1": it takes the newest alert the bot sent that contact, or is the elder's answer to
   * "您今天还好吗". Anything else, or nothing sent to that contact, changes nothing (the bot handles the words as usual).
   */
  async botReply(p: Principal, reply: BotAlertReply): Promise<BotAlertReplyResult> {
    if (p.kind !== 'bot') throw new AppError('FORBIDDEN', '仅限社区机器人');
    const text = reply.text.trim().slice(0, 60);
    if (!isAckReply(text)) return { outcome: 'none', reply: '' };
    const row = await this.repo.latestBotTo(p.communityId, reply.wechatId, new Date(Date.now() - REPLY_WINDOW_MS));
    if (!row) return { outcome: 'none', reply: '' };
    if (row.purpose === 'check') {
      if (!(await this.d.alerts.stillRaised(row.communityId, row.alertId))) return { outcome: 'none', reply: '' };
      await this.repo.note(row._id, row.status, `老人微信回复「${text}」报平安`);
      this.d.bus.emit('resident.answered', { communityId: row.communityId, residentId: row.recipient.id!, alertId: row.alertId, via: 'bot', text });
      return { outcome: 'checked_in', reply: `${row.recipient.name}，收到您的平安，祝您身体健康！` };
    }
    const out = await this.ackAs(row, `微信回复「${text}」确认`);
    const [who, what] = row.params;
    if (out?.acked) return { outcome: 'taken', reply: `已确认由您处理${who}的${what}，社区和其他家人会收到通知。请尽快联系她，需要帮助请拨打社区电话。` };
    const taker = out?.alert.acknowledgedBy?.name ?? out?.alert.resolvedBy?.name;
    return { outcome: 'already', reply: `${who}的${what}已由${taker ?? '他人'}处理，谢谢您的关心。` };
  }

  private async ackAs(row: DeliveryDoc, via: string) {
    const r = row.recipient;
    const actor = r.kind === 'staff' && r.id ? { kind: 'staff' as const, id: r.id, name: r.name } : { kind: 'contact' as const, name: r.name };
    const out = await this.d.alerts.ackExternal(row.communityId, row.alertId, actor, via);
    await this.repo.note(row._id, row.status, out?.acked ? `${r.name}${via}` : `${r.name}${via}时预警已被他人确认`);
    return out;
  }

  // ---- provider callbacks -----------------------------------------------------------------

  verifyToken(token: string): void {
    const a = Buffer.from(token);
    const b = Buffer.from(this.d.config.NOTIFY_CALLBACK_TOKEN);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) throw new AppError('FORBIDDEN', '回调地址无效');
  }

  /** SMS status reports. Reports that match no row (unknown id, or a number that is not the row's) change nothing. */
  async smsReports(reports: SmsStatusReport[]): Promise<{ matched: number; ignored: number }> {
    let matched = 0;
    for (const r of reports) {
      const ok = r.report_status === 'SUCCESS';
      const note = ok ? '短信已送达' : `短信未送达：${[r.errmsg, r.description].filter(Boolean).join(' ')}`.slice(0, 300);
      if (await this.report('sms', r.sid, r.mobile, ok, note)) matched++;
    }
    return this.outcome(matched, reports.length);
  }

  async voiceReport(cb: VoiceCallback): Promise<{ matched: number; ignored: number }> {
    const matched =
      'voiceprompt_callback' in cb
        ? await this.report(
            'voice',
            cb.voiceprompt_callback.callid,
            cb.voiceprompt_callback.mobile,
            cb.voiceprompt_callback.result === '0',
            `电话${VOICE_RESULT_LABELS[cb.voiceprompt_callback.result]}`,
          )
        : await this.report(
            'voice',
            cb.voice_failure_callback.callid,
            cb.voice_failure_callback.mobile,
            false,
            `电话未送达：${cb.voice_failure_callback.failure_reason}（${cb.voice_failure_callback.failure_code}）`,
          );
    return this.outcome(matched ? 1 : 0, 1);
  }

  private outcome(matched: number, total: number) {
    // Nothing recognisable: refuse it (a forged or misrouted callback), so it is visible at the provider's side too.
    if (!matched) throw new AppError('VALIDATION', '回执与发送记录不匹配');
    return { matched, ignored: total - matched };
  }

  private async report(channel: AlertNotifyChannel, providerId: string, mobile: string, ok: boolean, note: string): Promise<boolean> {
    const row = await this.repo.byProviderId(providerId);
    if (!row || row.channel !== channel || !row.recipient.phone || !mobile.endsWith(row.recipient.phone)) return false;
    const retryAt = ok || row.status !== 'sent' ? null : await this.retryAt(row, true);
    const after = await this.repo.report(row._id, providerId, ok, note, retryAt);
    if (after?.status === 'failed' && retryAt) await this.scheduleRetry(after, retryAt);
    return !!after;
  }

  // ---- reading ----------------------------------------------------------------------------

  /** The ledger of one alert, for staff who may see the alert (personal alerts: their buildings, or staff/care roles). */
  async forAlert(p: Principal, alertId: string): Promise<DeliveryDoc[]> {
    if (p.kind !== 'staff') throw notFound('预警');
    const rows = await this.repo.forAlert(p.communityId, alertId);
    const scope = rows[0]?.alert;
    if (scope?.audience === 'personal' && !hasRole(p, 'staff', 'care') && !coversBuilding(p, scope.building)) throw notFound('预警');
    return rows;
  }
}

/** The page never needs the row (it holds the full phone number). */
function strip(v: AckLinkView & { row?: DeliveryDoc }): AckLinkView {
  const { row: _row, ...view } = v;
  return view;
}

/** A WeChat contact in a row id: hashed, since row ids are shown to staff and the contact id must not leave the server. */
function wechatKey(contactId: string): string {
  return `wechat-${crypto.createHash('sha256').update(contactId).digest('hex').slice(0, 16)}`;
}

/** Her name as the template's {1} (Tencent caps a variable's length). */
function clipName(name: string): string {
  return name.length > 12 ? name.slice(0, 12) : name;
}
