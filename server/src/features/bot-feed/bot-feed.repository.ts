// Bot feed persistence: insert-once by key, pending items in order, acknowledgement.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';
import { insertBatched } from '../../db/insert-batch';
import { scoped } from '../../db/scope';
import { findSorted } from '../../db/sql-find';
import { botFeedModel, type BotFeedDoc } from './bot-feed.model';

export class BotFeedRepository {
  readonly model: Model<BotFeedDoc>;
  constructor(conn: Connection) {
    this.model = botFeedModel(conn);
  }

  /** Inserts the item unless one with the same key exists; returns null for a duplicate. */
  async insertOnce(doc: Omit<BotFeedDoc, '_id' | 'createdAt' | 'updatedAt' | 'ackedAt'>): Promise<BotFeedDoc | null> {
    try {
      // Grouped with the other items queued in this turn (every raised public alert queues one): one write, no FerretDB hop.
      return await insertBatched<BotFeedDoc>(this.model, doc as unknown as Record<string, unknown>);
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** Unacknowledged items, oldest first (ObjectIds grow with time), after the given id. */
  pending(communityId: string, afterId: string | undefined, limit: number) {
    const f: FilterQuery<BotFeedDoc> = { ackedAt: { $exists: false } };
    if (afterId) f._id = { $gt: new Types.ObjectId(afterId) };
    // Polled every few seconds over a feed that only grows: PostgreSQL answers it on the embedded engine (db/sql-find.ts).
    return findSorted<BotFeedDoc>(this.model, scoped<BotFeedDoc>(communityId, f), { sort: { _id: 1 }, limit });
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<BotFeedDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<BotFeedDoc>();
  }

  /** Marks the item posted; acknowledging twice is harmless. */
  ack(communityId: string, id: string) {
    return this.model
      .findOneAndUpdate(
        scoped<BotFeedDoc>(communityId, { _id: new Types.ObjectId(id), ackedAt: { $exists: false } }),
        { $set: { ackedAt: new Date() } },
        { new: true },
      )
      .lean<BotFeedDoc>();
  }
}
