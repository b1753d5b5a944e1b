// Device persistence, every query scoped to one community.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { ReadBatch } from '../../core/read-batch';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { deviceModel, deviceRegistryModel, type DeviceDoc, type DeviceRegistryDoc } from './device.model';

const REGISTRY_ID = 'auth';

export class DeviceRepository {
  private readonly model: Model<DeviceDoc>;
  private readonly registry: Model<DeviceRegistryDoc>;
  /** Devices not in memory asked for in one turn (a storm of fresh devices' events): one statement (core/read-batch.ts). */
  private readonly reads: ReadBatch<DeviceDoc>;
  constructor(conn: Connection) {
    this.model = deviceModel(conn);
    this.registry = deviceRegistryModel(conn);
    this.reads = new ReadBatch(this.model);
  }

  /** The registry's change counter (0 before the first change): read by _id alone. */
  async version(): Promise<number> {
    return (await this.registry.findById(REGISTRY_ID).lean<DeviceRegistryDoc>())?.version ?? 0;
  }

  /** Moves the change counter (two nodes creating it at once: the loser's insert is a duplicate key, its retry an update). */
  async bumpVersion(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.registry.updateOne({ _id: REGISTRY_ID }, { $inc: { version: 1 } }, { upsert: true });
        return;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  async insert(doc: Omit<DeviceDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<DeviceDoc> {
    return (await this.model.create(doc)).toObject();
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<DeviceDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<DeviceDoc>();
  }

  /** Ingestion knows only the device id at first; the device's own community then scopes everything after. Read with the
   * driver alone (as lean, without mongoose's query machinery: it runs for every device not in memory). */
  byIdAnyCommunity(id: string): Promise<DeviceDoc | null> {
    // Behind every device event whose device is not cached: on the embedded engine one indexed PostgreSQL lookup, shared
    // with the other events of the same turn.
    return this.reads.get(id);
  }

  update(communityId: string, id: string, set: Partial<DeviceDoc>, unset: string[] = []) {
    const u: Record<string, unknown> = { $set: set };
    if (unset.length) u.$unset = Object.fromEntries(unset.map((k) => [k, 1]));
    return this.model
      .findOneAndUpdate(scoped<DeviceDoc>(communityId, { _id: new Types.ObjectId(id) }), u, { new: true })
      .lean<DeviceDoc>();
  }

  /** `_id`-only filter: FerretDB finds documents cheaply only that way (the id came from this community's device). */
  touch(_communityId: string, id: string, at: Date) {
    return this.model.updateOne({ _id: new Types.ObjectId(id) }, { $max: { lastSeenAt: at } });
  }

  list(communityId: string, f: { kind?: string; wearer?: string; beforeId?: string; limit: number }) {
    const q: FilterQuery<DeviceDoc> = {};
    if (f.kind) q.kind = f.kind;
    if (f.wearer) q.wearerResidentId = f.wearer;
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    return this.model.find(scoped(communityId, q)).sort({ _id: -1 }).limit(f.limit).lean<DeviceDoc[]>();
  }

  /** Every community's enabled devices with a broker password: the broker is one per deployment, so its account list spans communities. */
  brokerAccounts() {
    return this.model
      .find({ enabled: true, mqttHash: { $exists: true } }, { communityId: 1, mqttHash: 1, kind: 1 })
      .sort({ _id: 1 })
      .lean<Pick<DeviceDoc, '_id' | 'communityId' | 'mqttHash' | 'kind'>[]>();
  }

  /** Every speaker of a community, enabled or not (a few dozen per estate). */
  speakers(communityId: string) {
    return this.model.find(scoped<DeviceDoc>(communityId, { kind: 'speaker' })).sort({ _id: 1 }).lean<DeviceDoc[]>();
  }

  byWearers(communityId: string, residentIds: string[]) {
    return this.model.find(scoped<DeviceDoc>(communityId, { wearerResidentId: { $in: residentIds } })).lean<DeviceDoc[]>();
  }
}
