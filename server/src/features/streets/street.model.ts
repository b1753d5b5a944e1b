// A street (街道): a name and the communities it oversees; made by `npm run setup` (and the demo seed), read by street accounts.
import { Schema, type Connection, type Model } from 'mongoose';

export interface StreetDoc {
  _id: string;
  name: string;
  communityIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

const StreetSchema = new Schema<StreetDoc>(
  {
    _id: String,
    name: { type: String, required: true },
    communityIds: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export function streetModel(conn: Connection): Model<StreetDoc> {
  return (conn.models.Street as Model<StreetDoc>) ?? conn.model<StreetDoc>('Street', StreetSchema, 'streets');
}
