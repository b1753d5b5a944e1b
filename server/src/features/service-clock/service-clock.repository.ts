// Service settings persistence: keyed by community id (the scope itself).
import type { Connection, Model } from 'mongoose';
import { serviceSettingsModel, type ServiceSettingsDoc } from './service-clock.model';

export class ServiceSettingsRepository {
  private readonly model: Model<ServiceSettingsDoc>;
  constructor(conn: Connection) {
    this.model = serviceSettingsModel(conn);
  }

  get(communityId: string) {
    return this.model.findById(communityId).lean<ServiceSettingsDoc>();
  }

  save(communityId: string, set: Partial<Omit<ServiceSettingsDoc, '_id'>>) {
    return this.model.findByIdAndUpdate(communityId, { $set: set }, { new: true, upsert: true }).lean<ServiceSettingsDoc>();
  }
}
