// Care persistence: profiles, per-day check-in records (atomic first check-in / missed marking), audit log. Every query scoped to one community.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { findOneLean } from '../../db/sql-find';
import {
  careAuditModel,
  careProfileModel,
  checkinModel,
  type CareAuditDoc,
  type CareProfileDoc,
  type CheckinDoc,
  type CheckinEntry,
} from './care.model';

export const checkinId = (communityId: string, residentId: string, day: string) => `${communityId}:${residentId}:${day}`;

export class CareRepository {
  readonly profiles: Model<CareProfileDoc>;
  readonly checkins: Model<CheckinDoc>;
  readonly audit: Model<CareAuditDoc>;
  constructor(conn: Connection) {
    this.profiles = careProfileModel(conn);
    this.checkins = checkinModel(conn);
    this.audit = careAuditModel(conn);
  }

  // ---- profiles -------------------------------------------------------------------------

  /** null when the resident already has a profile. */
  async insertProfile(doc: Omit<CareProfileDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<CareProfileDoc | null> {
    try {
      return (await this.profiles.create(doc)).toObject();
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** Read behind every personal alert raised (grid worker, emergency contacts): through sql-find, one indexed PostgreSQL lookup on the embedded engine. */
  profile(communityId: string, residentId: string) {
    return findOneLean<CareProfileDoc>(this.profiles, scoped<CareProfileDoc>(communityId, { residentId, active: true }));
  }

  updateProfile(communityId: string, residentId: string, set: Record<string, unknown>) {
    return this.profiles
      .findOneAndUpdate(scoped<CareProfileDoc>(communityId, { residentId, active: true }), { $set: set }, { new: true })
      .lean<CareProfileDoc>();
  }

  listProfiles(communityId: string, f: { residentIds?: string[]; beforeId?: string; limit?: number; enabledOnly?: boolean }) {
    const q: FilterQuery<CareProfileDoc> = { active: true };
    if (f.residentIds) q.residentId = { $in: f.residentIds };
    if (f.enabledOnly) q.checkinEnabled = true;
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    const cur = this.profiles.find(scoped(communityId, q)).sort({ _id: -1 });
    if (f.limit) cur.limit(f.limit);
    return cur.lean<CareProfileDoc[]>();
  }

  allActive() {
    return this.profiles.find({ active: true, checkinEnabled: true }).lean<CareProfileDoc[]>();
  }

  // ---- check-ins ------------------------------------------------------------------------

  checkin(communityId: string, residentId: string, day: string) {
    return this.checkins.findOne(scoped<CheckinDoc>(communityId, { _id: checkinId(communityId, residentId, day) })).lean<CheckinDoc>();
  }

  checkinsOn(communityId: string, day: string) {
    return this.checkins.find(scoped<CheckinDoc>(communityId, { day })).lean<CheckinDoc[]>();
  }

  /** Adds an entry; returns the record and whether this was the day's first check-in. */
  async addCheckin(communityId: string, residentId: string, day: string, e: CheckinEntry): Promise<{ doc: CheckinDoc; first: boolean }> {
    const _id = checkinId(communityId, residentId, day);
    for (let attempt = 0; ; attempt++) {
      try {
        // One write in the common case: a new record is born checked in.
        const doc = await this.checkins
          .findOneAndUpdate(
            { _id, communityId },
            { $setOnInsert: { communityId, residentId, day, checkedInAt: e.at, source: e.source }, $push: { entries: e } },
            { upsert: true, new: true },
          )
          .lean<CheckinDoc>();
        if (doc!.entries.length === 1 && doc!.checkedInAt?.getTime() === e.at.getTime()) return { doc: doc!, first: true };
        if (doc!.checkedInAt) return { doc: doc!, first: false };
        // The record exists without a check-in (the deadline passed first): claim the first check-in now.
        const claimed = await this.checkins
          .findOneAndUpdate({ _id, communityId, checkedInAt: { $exists: false } }, { $set: { checkedInAt: e.at, source: e.source } }, { new: true })
          .lean<CheckinDoc>();
        return claimed ? { doc: claimed, first: true } : { doc: (await this.checkins.findById(_id).lean<CheckinDoc>())!, first: false };
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  /** Marks the day missed unless checked in; returns the record (check checkedInAt / missedAlertId). */
  async markMissed(communityId: string, residentId: string, day: string, at: Date): Promise<CheckinDoc> {
    const _id = checkinId(communityId, residentId, day);
    try {
      const doc = await this.checkins
        .findOneAndUpdate(
          { _id, communityId, checkedInAt: { $exists: false } },
          { $setOnInsert: { communityId, residentId, day, entries: [] }, $set: { missedAt: at } },
          { upsert: true, new: true },
        )
        .lean<CheckinDoc>();
      return doc!;
    } catch (err) {
      // The record exists and is checked in (the filter missed it, so the upsert collided with it).
      if (!isDuplicateKey(err)) throw err;
      return (await this.checkins.findById(_id).lean<CheckinDoc>())!;
    }
  }

  setMissedAlert(communityId: string, residentId: string, day: string, alertId: string) {
    return this.checkins
      .findOneAndUpdate({ _id: checkinId(communityId, residentId, day), communityId }, { $set: { missedAlertId: alertId } }, { new: true })
      .lean<CheckinDoc>();
  }

  // ---- audit ----------------------------------------------------------------------------

  async addAudit(doc: Omit<CareAuditDoc, '_id'>) {
    await this.audit.create(doc);
  }

  listAudit(communityId: string, f: { residentId?: string; beforeId?: string; limit: number }) {
    const q: FilterQuery<CareAuditDoc> = {};
    if (f.residentId) q.residentId = f.residentId;
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    return this.audit.find(scoped(communityId, q)).sort({ _id: -1 }).limit(f.limit).lean<CareAuditDoc[]>();
  }
}
