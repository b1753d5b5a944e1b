// Staff accounts: community workers, grid workers (with their buildings), care and finance roles.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { StaffDto } from '@linli/contracts';

/** The stored account: the contract's fields, plus what the API never shows (password hash, phone, whether the account is active). */
export interface StaffDoc extends Omit<StaffDto, 'id'> {
  _id: Types.ObjectId;
  passwordHash: string;
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
