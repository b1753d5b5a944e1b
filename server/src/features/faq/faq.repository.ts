// FAQ rule persistence, always scoped to one community; keyset listing on _id.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { scoped } from '../../db/scope';
import { faqRuleModel, type FaqRuleDoc } from './faq.model';

export class FaqRepository {
  readonly model: Model<FaqRuleDoc>;
  constructor(conn: Connection) {
    this.model = faqRuleModel(conn);
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
}
