// Staff persistence, scoped by community (username lookups are global: one login per person).
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { scoped } from '../../db/scope';
import { staffModel, type StaffDoc } from './staff.model';

export class StaffRepository {
  private readonly model: Model<StaffDoc>;
  constructor(conn: Connection) {
    this.model = staffModel(conn);
  }

  async create(doc: Omit<StaffDoc, '_id' | 'createdAt' | 'updatedAt' | 'active'>): Promise<StaffDoc> {
    const created = await this.model.create({ ...doc, active: true });
    return created.toObject();
  }

  byUsername(username: string) {
    return this.model.findOne({ username, active: true }).lean<StaffDoc>();
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<StaffDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<StaffDoc>();
  }

  list(communityId: string) {
    return this.model.find(scoped<StaffDoc>(communityId, { active: true })).sort({ _id: 1 }).lean<StaffDoc[]>();
  }

  byRole(communityId: string, role: string) {
    return this.model.find(scoped<StaffDoc>(communityId, { active: true, roles: role })).lean<StaffDoc[]>();
  }
}
