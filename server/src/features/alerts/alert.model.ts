// Alerts (预警) with their history embedded, plus the per-device record of seen event ids (replay protection) and ingest counters.
import { Schema, type Connection, type Model } from 'mongoose';
import type { AlertDto, AlertHistoryEntryDto, AlertRecipientDto, EscalationPolicyInput } from '@linli/contracts';
import type { Stored } from '../../db/stored';

/** Who was told at a level, as stored and shown (the phone is already masked: the full number stays with the care profile). */
export type AlertRecipient = AlertRecipientDto;

export type AlertHistoryEntry = Omit<AlertHistoryEntryDto, 'at'> & { at: Date };

/**
 * An alert as stored, derived from the contract's AlertDto: the type label is computed for the viewer, history and
 * readings are always kept, and the dedupe and bookkeeping fields exist only here.
 */
export type AlertDoc = Stored<
  Omit<AlertDto, 'typeLabel' | 'history' | 'data' | 'nextLevel'>,
  'firstSeenAt' | 'lastSeenAt' | 'nextEscalationAt' | 'acknowledgedAt' | 'resolvedAt' | 'createdAt' | 'updatedAt'
> & {
  source: 'http' | 'mqtt' | 'system';
  data: Record<string, string | number | boolean>;
  /** Same key = same incident (e.g. `<deviceId>:smoke`); the live link from key to open alert is the dedupe slot. */
  incidentKey: string;
  /** `<incidentKey>#<_id>`: unique per alert (databases created by an earlier version have a unique index on it). */
  dedupeKey: string;
  acknowledgedBy?: { id: string; name: string };
  resolvedBy?: { id?: string; name: string };
  history: AlertHistoryEntry[];
  /** The escalation policy as it was when the alert was raised (an edit never reshuffles an alert in flight); absent on older alerts: the default. */
  escalation?: EscalationPolicyInput;
  /** Current step of that policy (absent on older alerts: the index of `level`). */
  step?: number;
};

const RecipientSchema = new Schema<AlertRecipient>(
  { kind: String, id: String, name: String, relation: String, phone: String, channel: String },
  { _id: false },
);

const HistorySchema = new Schema<AlertHistoryEntry>(
  {
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { kind: String, id: String, name: String },
    note: String,
    level: String,
    to: { type: [RecipientSchema], default: undefined },
    ticketId: String,
    ticketNo: String,
  },
  { _id: false },
);

const AlertSchema = new Schema<AlertDoc>(
  {
    communityId: { type: String, required: true },
    type: { type: String, required: true },
    audience: { type: String, required: true },
    severity: { type: String, required: true },
    status: { type: String, required: true },
    title: { type: String, required: true },
    location: { building: String, text: String },
    subject: { residentId: String, name: String, building: String, unit: String, room: String },
    deviceId: String,
    deviceName: String,
    source: { type: String, required: true },
    sourceEventId: String,
    data: { type: Schema.Types.Mixed, default: {} },
    count: { type: Number, required: true },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    incidentKey: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    level: { type: String, required: true },
    nextEscalationAt: Date,
    escalation: { type: Schema.Types.Mixed },
    step: Number,
    round: Number,
    acknowledgedAt: Date,
    acknowledgedBy: { id: String, name: String },
    resolvedAt: Date,
    resolvedBy: { id: String, name: String },
    resolution: String,
    ticketId: String,
    ticketNo: String,
    history: { type: [HistorySchema], default: [] },
  },
  { timestamps: true, versionKey: false, minimize: false },
);
AlertSchema.index({ communityId: 1, _id: -1 });
AlertSchema.index({ communityId: 1, status: 1, _id: -1 });
AlertSchema.index({ communityId: 1, 'subject.residentId': 1, _id: -1 });

/**
 * The open alert an incident key currently points to, keyed by `_id = <communityId>:<incidentKey>`.
 * Every dedupe step is an `_id` lookup (on FerretDB a filter on any other field costs several times more,
 * see alert.repository.ts), and the unique `_id` makes concurrent raises of one incident converge on one alert.
 */
export interface DedupeSlotDoc {
  _id: string;
  alertId: string;
  lastSeenAt: Date;
}
const DedupeSlotSchema = new Schema<DedupeSlotDoc>(
  { _id: String, alertId: { type: String, required: true }, lastSeenAt: { type: Date, required: true } },
  { versionKey: false },
);

/** One document per (device, event id): its unique _id is the replay check. Old ones are pruned (the timestamp window covers them). */
export interface SeenEventDoc {
  _id: string;
  communityId: string;
  seenAt: Date;
}
const SeenEventSchema = new Schema<SeenEventDoc>(
  { _id: String, communityId: { type: String, required: true }, seenAt: { type: Date, required: true } },
  { versionKey: false },
);
SeenEventSchema.index({ seenAt: 1 });

/** Ingestion counters per community (accepted / rejected by reason and path), flushed from memory every second. */
export interface IngestStatsDoc {
  _id: string;
  counts: Record<string, number>;
}
const IngestStatsSchema = new Schema<IngestStatsDoc>(
  { _id: String, counts: { type: Schema.Types.Mixed, default: {} } },
  { versionKey: false, minimize: false },
);

export function alertModel(conn: Connection): Model<AlertDoc> {
  return (conn.models.Alert as Model<AlertDoc>) ?? conn.model<AlertDoc>('Alert', AlertSchema, 'alerts');
}

export function dedupeSlotModel(conn: Connection): Model<DedupeSlotDoc> {
  return (conn.models.AlertDedupeSlot as Model<DedupeSlotDoc>) ??
    conn.model<DedupeSlotDoc>('AlertDedupeSlot', DedupeSlotSchema, 'alert_dedupe_slots');
}

export function seenEventModel(conn: Connection): Model<SeenEventDoc> {
  return (conn.models.DeviceSeenEvent as Model<SeenEventDoc>) ??
    conn.model<SeenEventDoc>('DeviceSeenEvent', SeenEventSchema, 'device_seen_events');
}

export function ingestStatsModel(conn: Connection): Model<IngestStatsDoc> {
  return (conn.models.AlertIngestStats as Model<IngestStatsDoc>) ??
    conn.model<IngestStatsDoc>('AlertIngestStats', IngestStatsSchema, 'alert_ingest_stats');
}
