// Broadcast persistence, every query scoped to one community; play status changes are conditional on the expected current status.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import type { AlertType, BroadcastPlayStatus, BroadcastStatus } from '@linli/contracts';
import { scoped } from '../../db/scope';
import { findSorted } from '../../db/sql-find';
import { broadcastModel, broadcastSettingsModel, type BroadcastDoc, type BroadcastSettingsDoc } from './broadcast.model';

export class BroadcastRepository {
  private readonly model: Model<BroadcastDoc>;
  private readonly settings: Model<BroadcastSettingsDoc>;
  constructor(conn: Connection) {
    this.model = broadcastModel(conn);
    this.settings = broadcastSettingsModel(conn);
  }

  async insert(doc: Omit<BroadcastDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<BroadcastDoc> {
    return (await this.model.create(doc)).toObject();
  }

  byId(communityId: string, id: string) {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.model.findOne(scoped<BroadcastDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<BroadcastDoc>();
  }

  bySubject(communityId: string, subject: { noticeId?: string; alertId?: string }) {
    return this.model.findOne(scoped<BroadcastDoc>(communityId, subject)).lean<BroadcastDoc>();
  }

  list(communityId: string, f: { status?: BroadcastStatus; noticeId?: string; limit: number }) {
    const q: FilterQuery<BroadcastDoc> = {};
    if (f.status) q.status = f.status;
    if (f.noticeId) q.noticeId = f.noticeId;
    return findSorted<BroadcastDoc>(this.model, scoped(communityId, q), { sort: { _id: -1 }, limit: f.limit });
  }

  /** Moves the broadcast only from one of `from` (two staff confirming at once: one wins). */
  setStatus(communityId: string, id: Types.ObjectId, from: readonly BroadcastStatus[], set: Partial<BroadcastDoc>) {
    return this.model
      .findOneAndUpdate(scoped<BroadcastDoc>(communityId, { _id: id, status: { $in: [...from] } }), { $set: set }, { new: true })
      .lean<BroadcastDoc>();
  }

  setAudio(communityId: string, id: Types.ObjectId, audio: NonNullable<BroadcastDoc['audio']>) {
    return this.model.findOneAndUpdate(scoped<BroadcastDoc>(communityId, { _id: id }), { $set: { audio } }, { new: true }).lean<BroadcastDoc>();
  }

  /** One play's state; `from` guards against moving a play that another run already moved. */
  setPlay(communityId: string, id: Types.ObjectId, i: number, from: readonly BroadcastPlayStatus[], set: Partial<Record<'status' | 'heldUntil' | 'sentAt', unknown>>) {
    const $set = Object.fromEntries(Object.entries(set).map(([k, v]) => [`plays.${i}.${k}`, v]));
    return this.model
      .findOneAndUpdate(scoped<BroadcastDoc>(communityId, { _id: id, [`plays.${i}.status`]: { $in: [...from] } }), { $set }, { new: true })
      .lean<BroadcastDoc>();
  }

  async getSettings(communityId: string): Promise<{ autoAlertTypes: AlertType[] }> {
    const s = await this.settings.findById(communityId).lean<BroadcastSettingsDoc>();
    return { autoAlertTypes: s?.autoAlertTypes ?? [] };
  }

  async putSettings(communityId: string, autoAlertTypes: AlertType[]) {
    await this.settings.updateOne({ _id: communityId }, { $set: { autoAlertTypes } }, { upsert: true });
    return { autoAlertTypes };
  }
}
