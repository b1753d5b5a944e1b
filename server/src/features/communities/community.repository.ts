// Community persistence (communities are the scope themselves, so this one is keyed by id).
import type { Connection, Model } from 'mongoose';
import { communityModel, type CommunityDoc } from './community.model';

export class CommunityRepository {
  private readonly model: Model<CommunityDoc>;
  constructor(conn: Connection) {
    this.model = communityModel(conn);
  }

  get(id: string) {
    return this.model.findById(id).lean<CommunityDoc>();
  }

  setSlaHours(id: string, slaHours: Record<string, number>) {
    return this.model.findByIdAndUpdate(id, { $set: { slaHours } }, { new: true }).lean<CommunityDoc>();
  }

  async ensure(doc: Omit<CommunityDoc, 'createdAt' | 'updatedAt'>): Promise<{ created: boolean; community: CommunityDoc }> {
    const existing = await this.get(doc._id);
    if (existing) return { created: false, community: existing };
    await this.model.create(doc);
    return { created: true, community: (await this.get(doc._id))! };
  }
}
