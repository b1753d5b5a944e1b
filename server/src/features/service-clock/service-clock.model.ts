// A community's service settings (签收 hours, clocks, working hours, its own holidays and 调休 days), one document per community.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ServiceSettingsDoc {
  _id: string;
  signHours: Record<string, number>;
  clock: Record<string, string>;
  workStart?: string;
  workEnd?: string;
  holidays: string[];
  workdays: string[];
  updatedAt?: Date;
}

const SettingsSchema = new Schema<ServiceSettingsDoc>(
  {
    _id: String,
    signHours: { type: Schema.Types.Mixed, default: {} },
    clock: { type: Schema.Types.Mixed, default: {} },
    workStart: String,
    workEnd: String,
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
  },
  { timestamps: { createdAt: false, updatedAt: true }, versionKey: false, minimize: false },
);

export function serviceSettingsModel(conn: Connection): Model<ServiceSettingsDoc> {
  return (conn.models.ServiceSettings as Model<ServiceSettingsDoc>) ??
    conn.model<ServiceSettingsDoc>('ServiceSettings', SettingsSchema, 'service_settings');
}
