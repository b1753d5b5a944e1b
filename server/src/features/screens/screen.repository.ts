// Big-screen token persistence, every query scoped to one community except the lookup by hash (the token names its community).
import { Types, type Connection, type Model } from 'mongoose';
import { scoped } from '../../db/scope';
import { screenTokenModel, type ScreenTokenDoc } from './screen.model';

export class ScreenTokenRepository {
  private readonly model: Model<ScreenTokenDoc>;
  constructor(conn: Connection) {
    this.model = screenTokenModel(conn);
  }

  async insert(doc: Omit<ScreenTokenDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<ScreenTokenDoc> {
    return (await this.model.create(doc)).toObject();
  }

  byHash(tokenHash: string) {
    return this.model.findOne({ tokenHash }).lean<ScreenTokenDoc>();
  }

  list(communityId: string) {
    return this.model.find(scoped<ScreenTokenDoc>(communityId)).sort({ _id: -1 }).limit(200).lean<ScreenTokenDoc[]>();
  }

  /** Sets revokedAt once; a second revoke keeps the first time. */
  async revoke(communityId: string, id: string, at: Date) {
    const _id = new Types.ObjectId(id);
    await this.model.updateOne(scoped<ScreenTokenDoc>(communityId, { _id, revokedAt: { $exists: false } }), { $set: { revokedAt: at } });
    return this.model.findOne(scoped<ScreenTokenDoc>(communityId, { _id })).lean<ScreenTokenDoc>();
  }
}
