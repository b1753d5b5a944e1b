// Notices and receipts persistence: conditional status changes, idempotent receipt writes, keyset feeds, delivery outcomes.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import type { NoticeStatus } from '@linli/contracts';
import { scoped } from '../../db/scope';
import { isOnlyDuplicateKeys } from '../../db/connection';
import {
  noticeModel,
  noticeReceiptModel,
  type DeliveryChannel,
  type DeliveryOutcome,
  type NoticeDoc,
  type NoticeReceiptDoc,
} from './notice.model';

/** Keyset position in a resident's feed (pinned first, newest next). */
export interface FeedKey {
  pinRank: number;
  publishedAt: Date;
  noticeId: string;
}

const oid = (id: string) => new Types.ObjectId(id);

export class NoticeRepository {
  readonly model: Model<NoticeDoc>;
  readonly receipts: Model<NoticeReceiptDoc>;
  constructor(conn: Connection) {
    this.model = noticeModel(conn);
    this.receipts = noticeReceiptModel(conn);
  }

  async insert(doc: Omit<NoticeDoc, '_id' | 'createdAt' | 'updatedAt' | 'readCount'>): Promise<NoticeDoc> {
    return (await this.model.create({ ...doc, readCount: 0 })).toObject();
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<NoticeDoc>(communityId, { _id: oid(id) })).lean<NoticeDoc>();
  }

  byIds(communityId: string, ids: string[]) {
    return this.model.find(scoped<NoticeDoc>(communityId, { _id: { $in: ids.map(oid) } })).lean<NoticeDoc[]>();
  }

  /** Applies the change only while the notice is in one of `from`; null means it moved on first. */
  setIf(communityId: string, id: string, from: readonly NoticeStatus[], set: Partial<NoticeDoc>, unset: string[] = []) {
    const update: Record<string, unknown> = { $set: set };
    if (unset.length) update.$unset = Object.fromEntries(unset.map((k) => [k, 1]));
    return this.model
      .findOneAndUpdate(scoped<NoticeDoc>(communityId, { _id: oid(id), status: { $in: from } }), update, { new: true })
      .lean<NoticeDoc>();
  }

  /** True for exactly one caller: the one that gets to push this notice. */
  async claimPush(communityId: string, id: string): Promise<boolean> {
    const r = await this.model.updateOne(scoped<NoticeDoc>(communityId, { _id: oid(id), pushedAt: { $exists: false } }), { $set: { pushedAt: new Date() } });
    return r.modifiedCount > 0;
  }

  /** One run announces a published notice: the claim is free when nobody holds it or its holder's lease is over. */
  async claimFanOut(communityId: string, id: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const r = await this.model.updateOne(
      scoped<NoticeDoc>(communityId, {
        _id: oid(id),
        fannedOutAt: { $exists: false },
        $or: [{ fanOutClaimedAt: { $exists: false } }, { fanOutClaimedAt: { $lt: new Date(now.getTime() - leaseMs) } }],
      }),
      { $set: { fanOutClaimedAt: now } },
    );
    return r.modifiedCount > 0;
  }

  markFannedOut(communityId: string, id: string) {
    return this.model.updateOne(scoped<NoticeDoc>(communityId, { _id: oid(id) }), { $set: { fannedOutAt: new Date() } });
  }

  /** Sets the door-knock list's due or opened time once (a re-run keeps the first). */
  async setDoorKnock(communityId: string, id: string, field: 'dueAt' | 'openedAt', at: Date): Promise<boolean> {
    const r = await this.model.updateOne(
      scoped<NoticeDoc>(communityId, { _id: oid(id), [`doorKnock.${field}`]: { $exists: false } }),
      { $set: { [`doorKnock.${field}`]: at } },
    );
    return r.modifiedCount > 0;
  }

  listForStaff(communityId: string, q: { status?: NoticeStatus; category?: string; beforeId?: string; limit: number }) {
    const f: FilterQuery<NoticeDoc> = {};
    if (q.status) f.status = q.status;
    if (q.category) f.category = q.category;
    if (q.beforeId) f._id = { $lt: oid(q.beforeId) };
    return this.model.find(scoped(communityId, f)).sort({ _id: -1 }).limit(q.limit).lean<NoticeDoc[]>();
  }

  // ---- receipts ----------------------------------------------------------------------------

  /** Inserts receipts, skipping people who already have one (an interrupted publication re-runs safely). */
  async insertReceipts(docs: Omit<NoticeReceiptDoc, '_id'>[]): Promise<void> {
    if (!docs.length) return;
    try {
      await this.receipts.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isOnlyDuplicateKeys(err)) throw err;
    }
  }

  countReceipts(communityId: string, noticeId: string) {
    return this.receipts.countDocuments(scoped<NoticeReceiptDoc>(communityId, { noticeId: oid(noticeId) }));
  }

  receipt(communityId: string, noticeId: string, residentId: string) {
    return this.receipts.findOne(scoped<NoticeReceiptDoc>(communityId, { noticeId: oid(noticeId), residentId })).lean<NoticeReceiptDoc>();
  }

  receiptsOf(communityId: string, noticeId: string, buildings?: string[] | null) {
    const f: FilterQuery<NoticeReceiptDoc> = { noticeId: oid(noticeId) };
    if (buildings) f.building = { $in: buildings };
    return this.receipts.find(scoped(communityId, f)).lean<NoticeReceiptDoc[]>();
  }

  /** A resident's visible feed page, pinned first then newest. */
  feed(communityId: string, residentId: string, now: Date, after: FeedKey | undefined, limit: number) {
    const f: FilterQuery<NoticeReceiptDoc> = { residentId, feed: true, visibleUntil: { $gt: now } };
    if (after) {
      const nid = oid(after.noticeId);
      f.$or = [
        { pinRank: { $lt: after.pinRank } },
        { pinRank: after.pinRank, publishedAt: { $lt: after.publishedAt } },
        { pinRank: after.pinRank, publishedAt: after.publishedAt, noticeId: { $lt: nid } },
      ];
    }
    return this.receipts
      .find(scoped(communityId, f))
      .sort({ pinRank: -1, publishedAt: -1, noticeId: -1 })
      .limit(limit)
      .lean<NoticeReceiptDoc[]>();
  }

  countUnread(communityId: string, residentId: string, now: Date) {
    return this.receipts.countDocuments(
      scoped<NoticeReceiptDoc>(communityId, { residentId, feed: true, visibleUntil: { $gt: now }, readAt: { $exists: false } }),
    );
  }

  /** True only for the first read: later calls change nothing. */
  async markRead(communityId: string, noticeId: string, residentId: string, at: Date): Promise<boolean> {
    const r = await this.receipts.updateOne(
      scoped<NoticeReceiptDoc>(communityId, { noticeId: oid(noticeId), residentId, readAt: { $exists: false } }),
      { $set: { readAt: at } },
    );
    if (r.modifiedCount === 0) return false;
    await this.model.updateOne(scoped<NoticeDoc>(communityId, { _id: oid(noticeId) }), { $inc: { readCount: 1 } });
    return true;
  }

  // ---- channel deliveries ------------------------------------------------------------------

  dueDeliveries(communityId: string, noticeId: string, channel: DeliveryChannel, now: Date, limit: number) {
    return this.receipts
      .find(
        scoped<NoticeReceiptDoc>(communityId, {
          noticeId: oid(noticeId),
          [`deliveries.${channel}.status`]: 'pending',
          [`deliveries.${channel}.nextAt`]: { $lte: now },
        }),
      )
      .sort({ _id: 1 })
      .limit(limit)
      .lean<NoticeReceiptDoc[]>();
  }

  /** Earliest retry still waiting on this channel, if any. */
  async nextRetryAt(communityId: string, noticeId: string, channel: DeliveryChannel): Promise<Date | null> {
    const r = await this.receipts
      .findOne(scoped<NoticeReceiptDoc>(communityId, { noticeId: oid(noticeId), [`deliveries.${channel}.status`]: 'pending' }))
      .sort({ [`deliveries.${channel}.nextAt`]: 1 })
      .lean<NoticeReceiptDoc>();
    return r?.deliveries[channel]?.nextAt ?? null;
  }

  /** Records one attempt's outcome, only if the delivery is still pending with the attempt count we read. */
  setDelivery(communityId: string, receiptId: Types.ObjectId, channel: DeliveryChannel, expectedAttempts: number, outcome: DeliveryOutcome) {
    return this.receipts.updateOne(
      scoped<NoticeReceiptDoc>(communityId, {
        _id: receiptId,
        [`deliveries.${channel}.status`]: 'pending',
        [`deliveries.${channel}.attempts`]: expectedAttempts,
      }),
      { $set: { [`deliveries.${channel}`]: outcome } },
    );
  }
}
