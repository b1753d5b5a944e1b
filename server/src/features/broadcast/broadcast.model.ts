// Broadcasts (what is said, where, how often, when) with their planned plays, and each community's broadcast settings.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { AlertType, BroadcastPlayStatus, BroadcastSource, BroadcastStatus, BroadcastZones } from '@linli/contracts';

export interface BroadcastPlay {
  at: Date;
  status: BroadcastPlayStatus;
  /** Quiet hours moved it to this instant. */
  heldUntil?: Date;
  sentAt?: Date;
}

export interface BroadcastDoc {
  _id: Types.ObjectId;
  communityId: string;
  source: BroadcastSource;
  status: BroadcastStatus;
  text: string;
  zones: BroadcastZones;
  urgent: boolean;
  repeat: number;
  /** Absent until synthesized (a notice's or alert's speech is made by the first play's timer, retried there). */
  audio?: { id: string; mime: string; durationMs?: number };
  plays: BroadcastPlay[];
  noticeId?: string;
  alertId?: string;
  /** Why it was given up (no speech synthesizer for a notice's text). */
  failure?: string;
  createdBy?: { id?: string; name: string };
  createdAt: Date;
  updatedAt: Date;
}

const BroadcastSchema = new Schema<BroadcastDoc>(
  {
    communityId: { type: String, required: true },
    source: { type: String, required: true },
    status: { type: String, required: true },
    text: { type: String, default: '' },
    zones: { all: Boolean, buildings: { type: [String], default: undefined } },
    urgent: { type: Boolean, default: false },
    repeat: { type: Number, default: 1 },
    audio: { id: String, mime: String, durationMs: Number },
    plays: { type: [{ _id: false, at: Date, status: String, heldUntil: Date, sentAt: Date }], default: [] },
    noticeId: String,
    alertId: String,
    failure: String,
    createdBy: { id: String, name: String },
  },
  { timestamps: true, versionKey: false },
);
BroadcastSchema.index({ communityId: 1, _id: -1 });
BroadcastSchema.index({ communityId: 1, noticeId: 1 });
BroadcastSchema.index({ communityId: 1, alertId: 1 });

export function broadcastModel(conn: Connection): Model<BroadcastDoc> {
  return (conn.models.Broadcast as Model<BroadcastDoc>) ?? conn.model<BroadcastDoc>('Broadcast', BroadcastSchema, 'broadcasts');
}

export interface BroadcastSettingsDoc {
  /** The community id. */
  _id: string;
  autoAlertTypes: AlertType[];
  updatedAt?: Date;
}

const SettingsSchema = new Schema<BroadcastSettingsDoc>({ _id: String, autoAlertTypes: { type: [String], default: [] } }, { timestamps: true, versionKey: false });

export function broadcastSettingsModel(conn: Connection): Model<BroadcastSettingsDoc> {
  return (conn.models.BroadcastSettings as Model<BroadcastSettingsDoc>) ?? conn.model<BroadcastSettingsDoc>('BroadcastSettings', SettingsSchema, 'broadcast_settings');
}
