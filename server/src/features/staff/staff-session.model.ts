// Staff sign-in sessions: one per login, holding the hash of its rotating refresh token (the access token names the session).
import { Schema, type Connection, type Model } from 'mongoose';

export interface StaffSessionDoc {
  /** Random id, carried by access tokens as `sid` and by the refresh token before its secret. */
  _id: string;
  communityId: string;
  staffId: string;
  /** sha256 of the current refresh secret; a refresh with an older one means it was copied, and ends the session. */
  refreshHash: string;
  tokenVersion: number;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const StaffSessionSchema = new Schema<StaffSessionDoc>(
  {
    _id: { type: String, required: true },
    communityId: { type: String, required: true },
    staffId: { type: String, required: true },
    refreshHash: { type: String, required: true },
    tokenVersion: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);
StaffSessionSchema.index({ staffId: 1 });

export function staffSessionModel(conn: Connection): Model<StaffSessionDoc> {
  return (conn.models.StaffSession as Model<StaffSessionDoc>) ?? conn.model<StaffSessionDoc>('StaffSession', StaffSessionSchema, 'staff_sessions');
}
