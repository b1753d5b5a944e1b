// Ledger persistence: idempotent inserts (the _id is the send key), attempts claimed with the expected count, status changes conditional on the current one.
import type { Connection, Model } from 'mongoose';
import type { NotifyDeliveryStatus } from '@linli/contracts';
import { isDuplicateKey } from '../../db/connection';
import { insertBatched } from '../../db/insert-batch';
import { scoped } from '../../db/scope';
import { findSorted, sqlFind } from '../../db/sql-find';
import { sqlUpdateByIdBatched } from '../../db/update-batch';
import { lockedWrite } from '../../db/write-lock';
import { deliveryModel, stopModel, type DeliveryDoc, type DeliveryHistoryEntry, type StopDoc } from './notifications.model';

export type NewDelivery = Omit<DeliveryDoc, 'createdAt' | 'updatedAt' | 'history' | 'attempts'> & { history?: DeliveryHistoryEntry[] };

/** Sends recorded within this long of each other go to the database together (see recordSent). */
const SENT_BATCH_MS = 100;
const SENT_BATCH_MAX = 200;

interface SentWaiter {
  id: string;
  attempts: number;
  providerId: string;
  at: Date;
  resolve: (recorded: boolean) => void;
  reject: (err: unknown) => void;
}

const entry = (status: NotifyDeliveryStatus, at: Date, extra: Omit<DeliveryHistoryEntry, 'status' | 'at'> = {}): DeliveryHistoryEntry => ({ status, at, ...extra });

export class NotificationRepository {
  private readonly model: Model<DeliveryDoc>;
  private readonly stops: Model<StopDoc>;
  /** Provider acceptances waiting for the next ledger write (recordSent). */
  private sent: SentWaiter[] = [];
  private sentTimer?: NodeJS.Timeout;
  private sentFlush: Promise<void> = Promise.resolve();

  constructor(private readonly conn: Connection) {
    this.model = deliveryModel(conn);
    this.stops = stopModel(conn);
  }

  /**
   * Many rows in one write (one transaction on the embedded engine instead of one per row); a row whose key exists (a
   * re-fired level) is skipped; the rows this call created come back, with the first other failure (the rest still stand).
   */
  async insertAllOnce(rows: Array<{ d: NewDelivery; attempts: number }>): Promise<{ created: DeliveryDoc[]; error?: unknown }> {
    const now = new Date();
    // Through the insert batcher: these rows — and those of other alerts notified in the same turn — are one write.
    const results = await Promise.allSettled(
      rows.map(({ d, attempts }) => insertBatched<DeliveryDoc>(this.model, { ...d, attempts, history: d.history ?? [entry(d.status, now)] })),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !isDuplicateKey(r.reason));
    return { created: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])), ...(failed ? { error: failed.reason } : {}) };
  }

  byId(id: string) {
    return this.model.findById(id).lean<DeliveryDoc>();
  }

  /** Provider callbacks carry no community: the provider's id (SerialNo, CallId) is the key. */
  byProviderId(providerId: string) {
    return this.model.findOne({ providerIds: providerId }).lean<DeliveryDoc>();
  }

  byAckCode(code: string) {
    return this.model.findOne({ ackCode: code }).lean<DeliveryDoc>();
  }

  /** The SMS a reply from this number answers: the newest alert or 您今天还好吗 SMS sent to it since `since`. */
  latestAlertSmsTo(phone: string, since: Date) {
    return this.model
      .findOne({ 'recipient.phone': phone, purpose: { $in: ['alert', 'check'] }, channel: 'sms', createdAt: { $gte: since }, providerIds: { $exists: true } })
      .sort({ createdAt: -1 })
      .lean<DeliveryDoc>();
  }

  /** The newest alert or check message the bot sent privately to a WeChat contact in this community since a time (what "收到" answers). */
  latestBotTo(communityId: string, wechatId: string, since: Date) {
    return this.model
      .findOne(scoped<DeliveryDoc>(communityId, { 'recipient.wechatId': wechatId, purpose: { $in: ['alert', 'check'] }, channel: 'bot', createdAt: { $gte: since }, providerIds: { $exists: true } }))
      .sort({ createdAt: -1 })
      .lean<DeliveryDoc>();
  }

  /** A row's own history line (a reply that was not an acknowledgement, who acknowledged through the link). */
  note(id: string, status: NotifyDeliveryStatus, note: string) {
    return this.model.updateOne({ _id: id }, { $push: { history: entry(status, new Date(), { note }) } });
  }

  /** An alert's rows in the order they were written (PostgreSQL answers on the embedded engine: read twice per acknowledgement). */
  forAlert(communityId: string, alertId: string) {
    return findSorted<DeliveryDoc>(this.model, scoped<DeliveryDoc>(communityId, { alertId }), { sort: { createdAt: 1, _id: 1 } });
  }

  /** Rows with an attempt due (retry deadline, or the lease of an attempt that never finished): re-armed at boot. */
  pending() {
    return this.model.find({ status: { $in: ['queued', 'failed'] }, nextAttemptAt: { $exists: true } }).lean<DeliveryDoc[]>();
  }

  /** Claims attempt n+1: only the caller that saw n attempts wins, and the lease covers a crash mid-send. */
  async claim(id: string, attempts: number, leaseUntil: Date): Promise<DeliveryDoc | null> {
    // Every send claims its row first (four per SOS): on the embedded engine one PostgreSQL statement under the row's lock,
    // sent with the other claims of this turn (db/update-batch.ts); the timestamp mongoose would add is set here.
    const now = new Date();
    const direct = await sqlUpdateByIdBatched(
      this.conn,
      this.model.collection.collectionName,
      id,
      {
        $set: { status: 'queued', nextAttemptAt: leaseUntil, updatedAt: now },
        $inc: { attempts: 1 },
        ...(attempts > 0 ? { $push: { history: entry('queued', now, { note: `第 ${attempts + 1} 次尝试` }) } } : {}),
      },
      'after',
      { model: this.model, filter: { status: { $in: ['queued', 'failed'] }, attempts } },
    );
    if (direct !== undefined) return direct as unknown as DeliveryDoc | null;
    return this.model
      .findOneAndUpdate(
        { _id: id, status: { $in: ['queued', 'failed'] }, attempts },
        {
          $set: { status: 'queued', nextAttemptAt: leaseUntil },
          $inc: { attempts: 1 },
          ...(attempts > 0 ? { $push: { history: entry('queued', new Date(), { note: `第 ${attempts + 1} 次尝试` }) } } : {}),
        },
        { new: true },
      )
      .lean<DeliveryDoc>();
  }

  /**
   * The provider accepted attempt n: true when the row moved to sent, false when it was no longer this attempt's (cancelled
   * by an acknowledgement mid-send) — the fact is recorded on it all the same.
   *
   * Bookkeeping after the message is out, so it waits for the sends around it: a burst of SOS presses made 4 of these per
   * alert, each a locked, mongoose-cast update competing on the server's one core with other alerts' first sends. They go
   * to the database every SENT_BATCH_MS, each as one PostgreSQL statement on the embedded engine (writeOneSent).
   */
  //
  // `now`: written at once on its own, under the row's own lock — the bot channel, whose message the bot may post and its
  // reader answer right away: the answer finds its message by the recorded send.
  recordSent(id: string, attempts: number, providerId: string, now = false): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const w = { id, attempts, providerId, at: new Date(), resolve, reject };
      if (now) return void this.writeSent([w]);
      this.sent.push(w);
      if (this.sent.length >= SENT_BATCH_MAX) void this.flushSent();
      else this.sentTimer ??= setTimeout(() => void this.flushSent(), SENT_BATCH_MS);
    });
  }

  /** Writes every waiting recordSent now (an acknowledgement settles the ledger after it; stop waits for it). */
  flushSent(): Promise<void> {
    clearTimeout(this.sentTimer);
    this.sentTimer = undefined;
    const batch = this.sent;
    this.sent = [];
    // Chained: a row's later bookkeeping never overtakes an earlier batch.
    this.sentFlush = this.sentFlush.then(() => (batch.length ? this.writeSent(batch) : undefined));
    return this.sentFlush;
  }

  private async writeSent(batch: SentWaiter[]): Promise<void> {
    await Promise.all(
      batch.map((w) =>
        this.writeOneSent(w).then(
          (moved) => w.resolve(moved),
          (err) => w.reject(err),
        ),
      ),
    );
  }

  /**
   * One row: on the embedded engine one PostgreSQL statement with the row's own lock, sent with the other writes of this
   * turn (db/update-batch.ts, db/sql-update.ts: the conditional
   * update, then — the row no longer this attempt's — the fact noted on it); else the driver under the row's lock.
   */
  private async writeOneSent(w: SentWaiter): Promise<boolean> {
    const name = this.model.collection.collectionName;
    const now = new Date();
    const sent = {
      $set: { status: 'sent' as const, providerId: w.providerId, updatedAt: now },
      $unset: { nextAttemptAt: 1 as const, reason: 1 as const },
      $addToSet: { providerIds: w.providerId },
      $push: { history: entry('sent', w.at, { providerId: w.providerId }) },
    };
    const late = {
      $set: { providerId: w.providerId, updatedAt: now },
      $addToSet: { providerIds: w.providerId },
      $push: { history: entry('sent', w.at, { providerId: w.providerId, note: '确认前已发出' }) },
    };
    const moved = await sqlUpdateByIdBatched(this.conn, name, w.id, sent, 'after', { model: this.model, filter: { status: 'queued', attempts: w.attempts } });
    if (moved) return true;
    if (moved === null && (await sqlUpdateByIdBatched(this.conn, name, w.id, late, 'after')) !== undefined) return false;
    const col = this.conn.db!.collection<{ _id: string }>(name);
    return lockedWrite(this.conn, name, { _id: w.id }, async () => {
      if ((await col.updateOne({ _id: w.id, status: 'queued', attempts: w.attempts }, sent)).modifiedCount) return true;
      await col.updateOne({ _id: w.id }, late);
      return false;
    });
  }

  recordFailed(id: string, attempts: number, reason: string, retryAt: Date | null) {
    return this.model
      .findOneAndUpdate(
        { _id: id, status: 'queued', attempts },
        {
          $set: { status: 'failed', reason, ...(retryAt ? { nextAttemptAt: retryAt } : {}) },
          ...(retryAt ? {} : { $unset: { nextAttemptAt: 1 } }),
          $push: { history: entry('failed', new Date(), { note: reason }) },
        },
        { new: true },
      )
      .lean<DeliveryDoc>();
  }

  /** A status report for a sent row. Reports for rows already acknowledged are recorded without moving them back. */
  async report(id: string, providerId: string, ok: boolean, note: string, retryAt: Date | null): Promise<DeliveryDoc | null> {
    const now = new Date();
    const moved = await this.model
      .findOneAndUpdate(
        { _id: id, providerId, status: 'sent' },
        ok
          ? { $set: { status: 'delivered', deliveredAt: now }, $push: { history: entry('delivered', now, { providerId, note }) } }
          : {
              $set: { status: 'failed', reason: note, ...(retryAt ? { nextAttemptAt: retryAt } : {}) },
              $push: { history: entry('failed', now, { providerId, note }) },
            },
        { new: true },
      )
      .lean<DeliveryDoc>();
    if (moved) return moved;
    return this.model
      .findOneAndUpdate(
        { _id: id, providerIds: providerId },
        { $set: ok ? { deliveredAt: now } : {}, $push: { history: entry(ok ? 'delivered' : 'failed', now, { providerId, note: `${note}（回执晚到，状态不变）` }) } },
        { new: true },
      )
      .lean<DeliveryDoc>();
  }

  /**
   * An alert's ledger after acknowledgement: pending rows are cancelled, rows that reached someone become acknowledged,
   * terminal failures stay as they are. On the embedded engine the rows are found by PostgreSQL and each written by `_id`,
   * its condition re-checked under the row's own lock (db/update-batch.ts): two `updateMany` by alertId took the whole
   * collection's lock, which every other alert's claims and sent marks then queued behind (200 acknowledgements held it
   * for 88 s in all, measured).
   */
  async settle(communityId: string, alertId: string, note: string) {
    const now = new Date();
    const base = scoped<DeliveryDoc>(communityId, { alertId, purpose: 'alert' });
    const cancelIf = { ...base, $or: [{ status: 'queued' }, { status: 'failed', nextAttemptAt: { $exists: true } }] };
    // updatedAt written as mongoose's timestamps would (the SQL path has no middleware).
    const cancel = { $set: { status: 'cancelled', updatedAt: now }, $unset: { nextAttemptAt: 1 }, $push: { history: entry('cancelled', now, { note }) } };
    const ackIf = { ...base, status: { $in: ['sent', 'delivered'] } };
    const ack = { $set: { status: 'acknowledged', updatedAt: now }, $push: { history: entry('acknowledged', now, { note }) } };
    // Every row either update could still move: a row's status may change between this read and its write, so both are asked.
    const rows = await sqlFind(this.model, { ...base, status: { $in: ['queued', 'failed', 'sent', 'delivered'] } }, { sort: {}, select: ['_id'] });
    if (rows) {
      const name = this.model.collection.collectionName;
      const written = await Promise.all(
        rows.flatMap((r) => [
          sqlUpdateByIdBatched(this.conn, name, r._id as string, cancel, 'after', { model: this.model, filter: cancelIf }),
          sqlUpdateByIdBatched(this.conn, name, r._id as string, ack, 'after', { model: this.model, filter: ackIf }),
        ]),
      );
      if (written.every((w) => w !== undefined)) return;
    }
    // MongoDB, or a row the SQL path left to the driver: the conditions make writing them all again harmless.
    await this.model.updateMany(cancelIf, cancel);
    await this.model.updateMany(ackIf, ack);
  }

  cancel(id: string, note: string) {
    return this.model.updateOne(
      { _id: id, status: { $in: ['queued', 'failed'] } },
      { $set: { status: 'cancelled' }, $unset: { nextAttemptAt: 1 }, $push: { history: entry('cancelled', new Date(), { note }) } },
    );
  }

  /** True when this call wrote the marker (the first acknowledgement). */
  async stop(communityId: string, alertId: string, by?: StopDoc['by']): Promise<boolean> {
    try {
      await this.stops.create({ _id: alertId, communityId, at: new Date(), ...(by ? { by } : {}) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  stopInfo(alertId: string) {
    return this.stops.findById(alertId).lean<StopDoc>();
  }

  async stopped(alertId: string): Promise<boolean> {
    return (await this.stops.exists({ _id: alertId })) !== null;
  }
}
