// Alert persistence: dedupe (bump or insert under a unique key), status-checked updates, keyset listing, seen event ids, counters.
import type { Connection, FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import {
  alertModel,
  ingestStatsModel,
  seenEventModel,
  type AlertDoc,
  type AlertHistoryEntry,
  type IngestStatsDoc,
  type SeenEventDoc,
} from './alert.model';

export interface AlertListFilter {
  statuses?: string[];
  type?: string;
  severity?: string;
  audience?: string;
  residentId?: string;
  residentIds?: string[];
  deviceId?: string;
  /** Staff limited to some buildings: personal alerts only for residents of these buildings. */
  personalBuildings?: string[] | null;
  beforeId?: string;
  limit: number;
}

export class AlertRepository {
  readonly model: Model<AlertDoc>;
  private readonly seen: Model<SeenEventDoc>;
  private readonly stats: Model<IngestStatsDoc>;
  constructor(conn: Connection) {
    this.model = alertModel(conn);
    this.seen = seenEventModel(conn);
    this.stats = ingestStatsModel(conn);
  }

  /** Counts one more occurrence on the open alert holding `dedupeKey`, if it was last seen since `since`. */
  bump(communityId: string, dedupeKey: string, since: Date, at: Date, data: AlertDoc['data']) {
    return this.model
      .findOneAndUpdate(
        scoped<AlertDoc>(communityId, { dedupeKey, lastSeenAt: { $gte: since }, status: { $in: ['raised', 'acknowledged'] } }),
        { $inc: { count: 1 }, $max: { lastSeenAt: at }, $set: { data } },
        { new: true },
      )
      .lean<AlertDoc>();
  }

  /** Frees the key held by an alert that went quiet for longer than the window (it stays open, but new events start a new alert). */
  async releaseStale(communityId: string, dedupeKey: string, since: Date) {
    const stale = await this.model
      .find(scoped<AlertDoc>(communityId, { dedupeKey, lastSeenAt: { $lt: since } }), { _id: 1 })
      .lean<{ _id: Types.ObjectId }[]>();
    for (const s of stale) {
      await this.model.updateOne(scoped<AlertDoc>(communityId, { _id: s._id, dedupeKey }), { $set: { dedupeKey: `${dedupeKey}#${s._id}` } });
    }
  }

  /** Inserts; a duplicate-key error means another raise of the same incident won the race. */
  async insert(doc: Omit<AlertDoc, 'createdAt' | 'updatedAt'>): Promise<AlertDoc | null> {
    try {
      return (await this.model.create(doc)).toObject();
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<AlertDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<AlertDoc>();
  }

  byDedupeKey(communityId: string, dedupeKey: string) {
    return this.model.findOne(scoped<AlertDoc>(communityId, { dedupeKey })).lean<AlertDoc>();
  }

  /** Applies a change only if the alert still matches `cond`; null means someone else moved it first. */
  applyIf(
    communityId: string,
    id: string,
    cond: FilterQuery<AlertDoc>,
    update: { set?: Record<string, unknown>; unset?: string[]; push?: AlertHistoryEntry | AlertHistoryEntry[] },
  ) {
    const u: UpdateQuery<AlertDoc> = {};
    if (update.set) u.$set = update.set;
    if (update.unset?.length) u.$unset = Object.fromEntries(update.unset.map((k) => [k, 1]));
    if (update.push) u.$push = { history: Array.isArray(update.push) ? { $each: update.push } : update.push };
    return this.model
      .findOneAndUpdate(scoped<AlertDoc>(communityId, { _id: new Types.ObjectId(id), ...cond }), u, { new: true })
      .lean<AlertDoc>();
  }

  list(communityId: string, f: AlertListFilter) {
    const q: FilterQuery<AlertDoc> = {};
    if (f.statuses?.length) q.status = f.statuses.length === 1 ? f.statuses[0] : { $in: f.statuses };
    if (f.type) q.type = f.type;
    if (f.severity) q.severity = f.severity;
    if (f.audience) q.audience = f.audience;
    if (f.residentId) q['subject.residentId'] = f.residentId;
    if (f.residentIds) q['subject.residentId'] = { $in: f.residentIds };
    if (f.deviceId) q.deviceId = f.deviceId;
    if (f.personalBuildings) q.$or = [{ audience: { $ne: 'personal' } }, { 'subject.building': { $in: f.personalBuildings } }];
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    return this.model.find(scoped(communityId, q)).sort({ _id: -1 }).limit(f.limit).lean<AlertDoc[]>();
  }

  count(communityId: string, filter: FilterQuery<AlertDoc>) {
    return this.model.countDocuments(scoped(communityId, filter));
  }

  // ---- replay protection ----------------------------------------------------------------

  /** true if this (device, event id) is new; false if it was seen before (a replay). */
  async claimEvent(communityId: string, deviceId: string, eventId: string, at: Date): Promise<boolean> {
    try {
      await this.seen.create({ _id: `${deviceId}:${eventId}`, communityId, seenAt: at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Gives an event id back when its processing failed, so the device's retry is not taken for a replay. */
  async unclaimEvent(deviceId: string, eventId: string) {
    await this.seen.deleteOne({ _id: `${deviceId}:${eventId}` });
  }

  pruneSeen(before: Date) {
    return this.seen.deleteMany({ seenAt: { $lt: before } });
  }

  // ---- counters -------------------------------------------------------------------------

  async addStats(communityId: string, inc: Record<string, number>) {
    const $inc = Object.fromEntries(Object.entries(inc).map(([k, v]) => [`counts.${k}`, v]));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.stats.updateOne({ _id: communityId }, { $inc }, { upsert: true });
        return;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  getStats(communityId: string) {
    return this.stats.findById(communityId).lean<IngestStatsDoc>();
  }
}

