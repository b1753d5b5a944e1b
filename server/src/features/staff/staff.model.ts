// Staff accounts: community workers, grid workers (with their buildings), care and finance roles.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { StaffDto } from '@linli/contracts';

/** The stored account: the contract's fields, plus what the API never shows (password hash, phone, whether the account is active). */
export interface StaffDoc extends Omit<StaffDto, 'id'> {
  _id: Types.ObjectId;
  passwordHash: string;
  phone?: string;
  active: boolean;
  /** Bumped by a password change, disabling and "sign out everywhere": tokens carrying an older version are refused. */
  tokenVersion?: number;
  /** An admin set this password: the holder must choose a new one before doing anything else. */
  mustChangePassword?: boolean;
  /** Consecutive wrong passwords, when the last one was, and until when the account is locked (login throttling). */
  failedLogins?: number;
  lastFailedAt?: Date | null;
  lockedUntil?: Date | null;
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
    streetId: String,
    phone: String,
    active: { type: Boolean, default: true },
    tokenVersion: { type: Number, default: 0 },
    mustChangePassword: { type: Boolean, default: false },
    failedLogins: { type: Number, default: 0 },
    lastFailedAt: { type: Date, default: null },
    lockedUntil: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
StaffSchema.index({ username: 1 }, { unique: true });
StaffSchema.index({ communityId: 1, roles: 1 });

export function staffModel(conn: Connection): Model<StaffDoc> {
  return (conn.models.Staff as Model<StaffDoc>) ?? conn.model<StaffDoc>('Staff', StaffSchema, 'staff');
}
