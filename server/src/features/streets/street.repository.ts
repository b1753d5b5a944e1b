// Street persistence: keyed by id (a street is above the community scope; its own record lists the communities it may read).
import type { Connection, Model } from 'mongoose';
import { streetModel, type StreetDoc } from './street.model';

export class StreetRepository {
  private readonly model: Model<StreetDoc>;
  constructor(conn: Connection) {
    this.model = streetModel(conn);
  }

  get(id: string) {
    return this.model.findById(id).lean<StreetDoc>();
  }

  /** Creates the street, or sets its name and adds communities to it (a community is never removed by a second setup run). */
  async ensure(id: string, name: string, communityIds: string[]): Promise<StreetDoc> {
    const existing = await this.get(id);
    if (!existing) {
      await this.model.create({ _id: id, name, communityIds: [...new Set(communityIds)] });
    } else {
      const merged = [...new Set([...existing.communityIds, ...communityIds])];
      await this.model.updateOne({ _id: id }, { $set: { name, communityIds: merged } });
    }
    return (await this.get(id))!;
  }
}
