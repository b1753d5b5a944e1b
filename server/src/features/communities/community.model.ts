// A community (社区): its name, ticket-number prefix and per-category SLA overrides.
import { Schema, type Connection, type Model } from 'mongoose';

export interface CommunityDoc {
  _id: string;
  name: string;
  ticketPrefix: string;
  slaHours: Record<string, number>;
  buildings: string[];
  createdAt: Date;
  updatedAt: Date;
}

const CommunitySchema = new Schema<CommunityDoc>(
  {
    _id: String,
    name: { type: String, required: true },
    ticketPrefix: { type: String, required: true },
    slaHours: { type: Schema.Types.Mixed, default: {} },
    buildings: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

export function communityModel(conn: Connection): Model<CommunityDoc> {
  return (conn.models.Community as Model<CommunityDoc>) ?? conn.model<CommunityDoc>('Community', CommunitySchema, 'communities');
}
