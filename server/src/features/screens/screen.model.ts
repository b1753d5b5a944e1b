// Big-screen tokens: a name for the admin, who made it, whether it was revoked; the token itself is stored only as a hash.
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface ScreenTokenDoc {
  _id: Types.ObjectId;
  communityId: string;
  name: string;
  /** sha256 of the token: tokens are 192-bit random, so a fast hash is enough for a lookup on every request. */
  tokenHash: string;
  createdBy: { id: string; name: string };
  revokedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const ScreenTokenSchema = new Schema<ScreenTokenDoc>(
  {
    communityId: { type: String, required: true },
    name: { type: String, required: true },
    tokenHash: { type: String, required: true },
    createdBy: { id: String, name: String },
    revokedAt: Date,
  },
  { timestamps: true, versionKey: false },
);
ScreenTokenSchema.index({ tokenHash: 1 }, { unique: true });
ScreenTokenSchema.index({ communityId: 1, _id: -1 });

export function screenTokenModel(conn: Connection): Model<ScreenTokenDoc> {
  return (conn.models.ScreenToken as Model<ScreenTokenDoc>) ?? conn.model<ScreenTokenDoc>('ScreenToken', ScreenTokenSchema, 'screen_tokens');
}
