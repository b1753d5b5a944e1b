// Broadcast persistence, every query scoped to one community; play status changes are conditional on the expected current status.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import type { AlertType, BroadcastPlayStatus, BroadcastStatus } from '@linli/contracts';
import { ReadBatch } from '../../core/read-batch';
import { insertBatched } from '../../db/insert-batch';
import { scoped } from '../../db/scope';
import { findOneLean, findSorted } from '../../db/sql-find';
import { broadcastModel, broadcastSettingsModel, type BroadcastDoc, type BroadcastSettingsDoc } from './broadcast.model';

/** Another node's change of the settings is seen within this long; this node's own at once. */
const SETTINGS_CACHE_MS = 5000;

export class BroadcastRepository {
  private readonly model: Model<BroadcastDoc>;
  private readonly settings: Model<BroadcastSettingsDoc>;
  /** Per community: the settings as last read, or the read in flight (a storm of raised alerts asks once, not once each). */
  private readonly settingsCache = new Map<string, { at: number; settings: Promise<{ autoAlertTypes: AlertType[] }> }>();
  /** An alert's announcement, asked for every raised public alert: the questions of one turn in one statement (core/read-batch.ts). */
  private readonly byAlert: ReadBatch<BroadcastDoc>;
  constructor(conn: Connection) {
    this.model = broadcastModel(conn);
    this.settings = broadcastSettingsModel(conn);
    this.byAlert = new ReadBatch(this.model, { field: 'alertId', scopeField: 'communityId' });
  }

  async insert(doc: Omit<BroadcastDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<BroadcastDoc> {
    // Grouped with the other broadcasts made in this turn (every raised public alert makes one): one write, no FerretDB hop.
    return insertBatched<BroadcastDoc>(this.model, doc as unknown as Record<string, unknown>);
  }

  byId(communityId: string, id: string) {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.model.findOne(scoped<BroadcastDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<BroadcastDoc>();
  }

  /** On the embedded engine an indexed PostgreSQL lookup (db/sql-find.ts); an alert's shares one with the turn's others. */
  bySubject(communityId: string, subject: { noticeId?: string; alertId?: string }): Promise<BroadcastDoc | null> {
    if (subject.alertId && !subject.noticeId) return this.byAlert.get(subject.alertId, communityId);
    return findOneLean<BroadcastDoc>(this.model, scoped<BroadcastDoc>(communityId, subject));
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

  /** As stored (the settings page). */
  async getSettings(communityId: string): Promise<{ autoAlertTypes: AlertType[] }> {
    const s = await findOneLean<BroadcastSettingsDoc>(this.settings, { _id: communityId });
    return { autoAlertTypes: s?.autoAlertTypes ?? [] };
  }

  /** Through a short cache (read for every raised public alert). */
  cachedSettings(communityId: string): Promise<{ autoAlertTypes: AlertType[] }> {
    const hit = this.settingsCache.get(communityId);
    if (hit && Date.now() - hit.at < SETTINGS_CACHE_MS) return hit.settings;
    const settings = this.getSettings(communityId);
    const entry = { at: Date.now(), settings };
    this.settingsCache.set(communityId, entry);
    // A failed read is not remembered: the next alert asks again.
    settings.catch(() => this.settingsCache.get(communityId) === entry && this.settingsCache.delete(communityId));
    return settings;
  }

  async putSettings(communityId: string, autoAlertTypes: AlertType[]) {
    await this.settings.updateOne({ _id: communityId }, { $set: { autoAlertTypes } }, { upsert: true });
    this.settingsCache.delete(communityId);
    return { autoAlertTypes };
  }
}
