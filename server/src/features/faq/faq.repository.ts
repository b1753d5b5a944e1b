// FAQ rule persistence, always scoped to one community; keyset listing on _id.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { faqRuleModel, faqUnansweredModel, faqVersionModel, type FaqRuleDoc, type FaqUnansweredDoc, type FaqVersionDoc } from './faq.model';

export class FaqRepository {
  readonly model: Model<FaqRuleDoc>;
  readonly unanswered: Model<FaqUnansweredDoc>;
  readonly versions: Model<FaqVersionDoc>;
  constructor(conn: Connection) {
    this.model = faqRuleModel(conn);
    this.unanswered = faqUnansweredModel(conn);
    this.versions = faqVersionModel(conn);
  }

  /** The community's rule-set version (0 before its first change). One pushed-down read by _id. */
  async version(communityId: string): Promise<number> {
    return (await this.versions.findOne({ _id: communityId }).lean<FaqVersionDoc>())?.v ?? 0;
  }

  /** Raises the version after a rule change (atomic upsert; a first-insert race retries against the existing doc). */
  async bumpVersion(communityId: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.versions.updateOne({ _id: communityId }, { $inc: { v: 1 }, $setOnInsert: { communityId } }, { upsert: true });
        return;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  async insert(doc: Omit<FaqRuleDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<FaqRuleDoc> {
    return (await this.model.create(doc)).toObject();
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<FaqRuleDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<FaqRuleDoc>();
  }

  update(communityId: string, id: string, set: Partial<FaqRuleDoc>, unset: string[]) {
    const u: Record<string, unknown> = { $set: set };
    if (unset.length) u.$unset = Object.fromEntries(unset.map((k) => [k, 1]));
    return this.model
      .findOneAndUpdate(scoped<FaqRuleDoc>(communityId, { _id: new Types.ObjectId(id) }), u, { new: true })
      .lean<FaqRuleDoc>();
  }

  async remove(communityId: string, id: string): Promise<boolean> {
    const r = await this.model.deleteOne(scoped<FaqRuleDoc>(communityId, { _id: new Types.ObjectId(id) }));
    return r.deletedCount === 1;
  }

  list(communityId: string, f: { enabled?: boolean; beforeId?: string; limit: number }) {
    const q: FilterQuery<FaqRuleDoc> = {};
    if (f.enabled !== undefined) q.enabled = f.enabled;
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    return this.model.find(scoped(communityId, q)).sort({ _id: -1 }).limit(f.limit).lean<FaqRuleDoc[]>();
  }

  /** Every enabled rule of the community, oldest first (the tie-break order). Bounded as a safety net. */
  enabled(communityId: string) {
    return this.model.find(scoped<FaqRuleDoc>(communityId, { enabled: true })).sort({ _id: 1 }).limit(5000).lean<FaqRuleDoc[]>();
  }

  count(communityId: string) {
    return this.model.countDocuments(scoped<FaqRuleDoc>(communityId, {}));
  }

  /** Counts one more ask of an unanswered question (upsert; a first-insert race retries once). */
  async recordUnanswered(communityId: string, key: string, text: string, at: Date): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.unanswered.updateOne(
          scoped<FaqUnansweredDoc>(communityId, { key }),
          { $inc: { count: 1 }, $set: { text, lastAskedAt: at }, $setOnInsert: { firstAskedAt: at } },
          { upsert: true },
        );
        return;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 1) throw err;
      }
    }
  }

  topUnanswered(communityId: string, limit: number) {
    return this.unanswered.find(scoped<FaqUnansweredDoc>(communityId, {})).sort({ count: -1, lastAskedAt: -1 }).limit(limit).lean<FaqUnansweredDoc[]>();
  }

  async dismissUnanswered(communityId: string, id: string): Promise<boolean> {
    const r = await this.unanswered.deleteOne(scoped<FaqUnansweredDoc>(communityId, { _id: new Types.ObjectId(id) }));
    return r.deletedCount === 1;
  }
}
