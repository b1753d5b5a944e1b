// Persisted timers: SLA deadlines, scheduled notices, check-in deadlines, escalations — armed again at boot.
import { Schema, type Connection, type Model } from 'mongoose';

export type TimerStatus = 'pending' | 'running' | 'done' | 'cancelled';

export interface TimerDoc {
  _id: string;
  communityId: string;
  kind: string;
  fireAt: Date;
  payload: Record<string, unknown>;
  status: TimerStatus;
  attempts: number;
  leaseOwner?: string;
  leaseUntil?: Date;
  firedAt?: Date;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
}

const TimerSchema = new Schema<TimerDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    kind: { type: String, required: true },
    fireAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, required: true, default: 'pending' },
    attempts: { type: Number, default: 0 },
    leaseOwner: String,
    leaseUntil: Date,
    firedAt: Date,
    lastError: String,
  },
  { timestamps: true, versionKey: false, minimize: false },
);
TimerSchema.index({ status: 1, fireAt: 1 });

export function timerModel(conn: Connection): Model<TimerDoc> {
  return (conn.models.Timer as Model<TimerDoc>) ?? conn.model<TimerDoc>('Timer', TimerSchema, 'timers');
}
