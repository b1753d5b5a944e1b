// Alert persistence: dedupe slots (by _id), status-checked updates, keyset listing, seen event ids, counters.
import type { Connection, FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { ReadBatch } from '../../core/read-batch';
import { isDuplicateKey } from '../../db/connection';
import { insertBatched } from '../../db/insert-batch';
import { sqlUpdateByIdBatched } from '../../db/update-batch';
import { scoped } from '../../db/scope';
import { findOneLean, findSorted } from '../../db/sql-find';
import { lockedWrite } from '../../db/write-lock';
import {
  alertModel,
  dedupeSlotModel,
  ingestStatsModel,
  seenEventModel,
  type AlertDoc,
  type AlertHistoryEntry,
  type DedupeSlotDoc,
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

interface BumpWaiter {
  at: Date;
  data: AlertDoc['data'];
  resolve: (before: AlertDoc | null) => void;
  reject: (err: unknown) => void;
}

export class AlertRepository {
  /** Per alert: bumps waiting for the one in flight on this node; they go to the database together next (see bump). */
  private readonly bumps = new Map<string, BumpWaiter[]>();

  private readonly model: Model<AlertDoc>;
  private readonly slots: Model<DedupeSlotDoc>;
  private readonly seen: Model<SeenEventDoc>;
  private readonly stats: Model<IngestStatsDoc>;
  /** Per-event reads asked in one turn (a storm's events), answered by one statement each (core/read-batch.ts). */
  private readonly slotReads: ReadBatch<DedupeSlotDoc>;
  private readonly statusReads: ReadBatch<Pick<AlertDoc, 'status' | 'communityId'>>;
  constructor(private readonly conn: Connection) {
    this.model = alertModel(conn);
    this.slots = dedupeSlotModel(conn);
    this.seen = seenEventModel(conn);
    this.stats = ingestStatsModel(conn);
    this.slotReads = new ReadBatch(this.slots);
    this.statusReads = new ReadBatch(this.model, { select: ['status', 'communityId'] });
  }

  /**
   * The driver's own collection, for the per-event operations below: each is one operation by `_id` on a known shape, and
   * mongoose's query machinery (casting, hooks, hydration) cost more server CPU than the operation itself (profiled: a
   * burst of 200 SOS kept the server's one core busy). Updates still take the write lock through lockedWrite.
   */
  private raw<T extends object>(model: { collection: { collectionName: string } }) {
    return this.conn.db!.collection<T>(model.collection.collectionName);
  }

  // ---- dedupe ----------------------------------------------------------------------------

  // On FerretDB 1.24 (SQLite) a filter with any field besides `_id` costs several times more than `_id` alone
  // (measured at 3,000 documents: findOne 10 ms vs 125 ms, findOneAndUpdate 38 ms vs 177 ms). The per-event
  // operations below therefore filter on `_id` only and check the rest in code; the rare race paths may use
  // richer filters. On MongoDB all of these are single indexed lookups either way.

  // The per-event reads go through sql-find: on the embedded engine one indexed PostgreSQL lookup (no FerretDB hop), which
  // measured ~100 µs of server CPU against ~160–230 µs for the driver's or mongoose's findOne (and far less database CPU).

  /** The alert an incident currently points to (null: none). */
  slot(communityId: string, incidentKey: string): Promise<DedupeSlotDoc | null> {
    return this.slotReads.get(`${communityId}:${incidentKey}`);
  }

  /** Points a free incident at a new alert. false = another raise got there first. */
  async claimFreeSlot(communityId: string, incidentKey: string, alertId: string, at: Date): Promise<boolean> {
    try {
      await insertBatched(this.slots, { _id: `${communityId}:${incidentKey}`, alertId, lastSeenAt: at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Moves the incident from `fromAlertId` (gone quiet, or closed) to a new alert; false = someone else moved it. */
  async takeOverSlot(communityId: string, incidentKey: string, fromAlertId: string, alertId: string, at: Date): Promise<boolean> {
    const r = await this.slots.updateOne({ _id: `${communityId}:${incidentKey}`, alertId: fromAlertId }, { $set: { alertId, lastSeenAt: at } });
    return r.modifiedCount > 0;
  }

  /** Frees the slot if it still points at this alert (resolved). */
  async releaseSlot(communityId: string, incidentKey: string, alertId: string) {
    await this.slots.deleteOne({ _id: `${communityId}:${incidentKey}`, alertId });
  }

  /**
   * One more occurrence, in one `_id`-only update. Returns the alert as it was *before*, so the caller can check
   * it was still open and within the window (and call unbump if not).
   */
  //
  // A chattering sensor's events for one alert would each wait for the document's lock in turn: those arriving while a bump
  // of that alert is in flight on this node wait for it and then go as one `$inc: n`. Each still answers only once its own
  // increment is stored, and sees the alert as it was before the batch with the count of those ahead of it added, so its
  // count is exact; should the alert turn out closed or quiet, each takes its own increment back (unbump).
  bump(alertId: string, at: Date, data: AlertDoc['data']): Promise<AlertDoc | null> {
    return new Promise((resolve, reject) => {
      const waiting = this.bumps.get(alertId);
      if (waiting) return void waiting.push({ at, data, resolve, reject });
      this.bumps.set(alertId, []);
      void this.bumpFrom(alertId, [{ at, data, resolve, reject }]);
    });
  }

  private async bumpFrom(alertId: string, batch: BumpWaiter[]): Promise<void> {
    while (batch.length) {
      const filter = { _id: new Types.ObjectId(alertId) };
      const last = batch.reduce((a, w) => (w.at > a ? w.at : a), batch[0]!.at);
      try {
        const update = { $inc: { count: batch.length }, $max: { lastSeenAt: last }, $set: { data: batch[batch.length - 1]!.data, updatedAt: new Date() } };
        const collection = this.model.collection.collectionName;
        // On the embedded engine one PostgreSQL round trip under the same lock, shared with the bumps of other alerts asked
        // for in this turn (db/update-batch.ts); else, or for a shape it leaves alone, the driver under lockedWrite.
        const direct = await sqlUpdateByIdBatched(this.conn, collection, filter._id, update, 'before');
        const before = (direct !== undefined
          ? direct
          : await lockedWrite(this.conn, collection, filter, () => this.raw<AlertDoc>(this.model).findOneAndUpdate(filter, update, { returnDocument: 'before' }))) as AlertDoc | null;
        batch.forEach((w, i) => w.resolve(before ? { ...before, count: before.count + i } : null));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
      batch = this.bumps.get(alertId) ?? [];
      if (batch.length) this.bumps.set(alertId, []);
    }
    this.bumps.delete(alertId);
  }

  /** Takes back a bump that landed on an alert that turned out closed or gone quiet. */
  async unbump(alertId: string, lastSeenAt: Date, data: AlertDoc['data']) {
    const filter = { _id: new Types.ObjectId(alertId) };
    await lockedWrite(this.conn, this.model.collection.collectionName, filter, () =>
      this.raw<AlertDoc>(this.model).updateOne(filter, { $inc: { count: -1 }, $set: { lastSeenAt, data, updatedAt: new Date() } }),
    );
  }

  async insert(doc: Omit<AlertDoc, 'createdAt' | 'updatedAt'>): Promise<AlertDoc> {
    // Batched with the other alerts raised in this turn (a burst of SOS presses): one write instead of one each.
    return insertBatched<AlertDoc>(this.model, doc as unknown as Record<string, unknown>);
  }

  /** Removes an alert that lost the race for its incident before anyone was told about it. */
  async discard(id: Types.ObjectId) {
    await this.model.deleteOne({ _id: id });
  }

  /** By _id alone (see above), then the community is checked here. */
  async byId(communityId: string, id: string) {
    const a = await findOneLean<AlertDoc>(this.model, { _id: new Types.ObjectId(id) });
    return a && a.communityId === communityId ? a : null;
  }

  /** Only the status (asked before every SMS or call): read by _id, nothing else decoded. */
  async statusOf(communityId: string, id: string): Promise<AlertDoc['status'] | null> {
    const a = await this.statusReads.get(id);
    return a && a.communityId === communityId ? a.status : null;
  }

  /** Alerts whose escalation deadline is pending (derived timers are rebuilt from these at boot). */
  awaitingEscalation() {
    return this.model
      .find(
        { status: 'raised', nextEscalationAt: { $exists: true } },
        { _id: 1, communityId: 1, type: 1, level: 1, nextEscalationAt: 1, escalation: 1, step: 1, round: 1 },
      )
      .lean<Pick<AlertDoc, '_id' | 'communityId' | 'type' | 'level' | 'nextEscalationAt' | 'escalation' | 'step' | 'round'>[]>();
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
    // Through PostgreSQL on the embedded engine (db/sql-find.ts): FerretDB decoded and sorted every alert of the community
    // for each page — 4.8 s a page at 15,000 alerts in the alerts bench.
    return findSorted<AlertDoc>(this.model, scoped(communityId, q), { sort: { _id: -1 }, limit: f.limit });
  }

  /** Raised in [from, to): what the time-to-acknowledge report needs, nothing else. */
  ackSamples(communityId: string, from: Date, to: Date) {
    return findSorted<Pick<AlertDoc, 'type' | 'createdAt' | 'acknowledgedAt'>>(this.model, scoped<AlertDoc>(communityId, { createdAt: { $gte: from, $lt: to } }), {
      sort: { _id: 1 },
      select: ['type', 'createdAt', 'acknowledgedAt'],
    });
  }

  count(communityId: string, filter: FilterQuery<AlertDoc>) {
    return this.model.countDocuments(scoped(communityId, filter));
  }

  // ---- replay protection ----------------------------------------------------------------

  /** true if this (device, event id) is new; false if it was seen before (a replay). */
  async claimEvent(communityId: string, deviceId: string, eventId: string, at: Date): Promise<boolean> {
    try {
      await insertBatched(this.seen, { _id: `${deviceId}:${eventId}`, communityId, seenAt: at });
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

