// Staff accounts: community workers, grid workers (with their buildings), care and finance roles.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { StaffRole } from '@linli/contracts';

export interface StaffDoc {
  _id: Types.ObjectId;
  communityId: string;
  username: string;
  passwordHash: string;
  name: string;
  roles: StaffRole[];
  buildings: string[];
  phone?: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const StaffSchema = new Schema<StaffDoc>(
  {
    communityId: { type: String, required: true },
    username: { type: String, required: true },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true },
    roles: { type: [String], required: true },
    buildings: { type: [String], default: [] },
    phone: String,
    active: { type: Boolean, default: true },
  },
  { timestamps: true, versionKey: false },
);
StaffSchema.index({ username: 1 }, { unique: true });
StaffSchema.index({ communityId: 1, roles: 1 });

export function staffModel(conn: Connection): Model<StaffDoc> {
  return (conn.models.Staff as Model<StaffDoc>) ?? conn.model<StaffDoc>('Staff', StaffSchema, 'staff');
}
