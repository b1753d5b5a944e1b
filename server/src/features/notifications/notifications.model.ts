// The delivery ledger (one document per alert, level, recipient and channel; or per broadcast play and speaker) and the per-alert stop marker written on acknowledgement.
import { Schema, type Connection, type Model } from 'mongoose';
import type { AlertAudience, AlertType, AlertNotifyChannel, NotifyPurpose, NotifyDeliveryStatus, EscalationLevel, SpeakerDeliveryStatus } from '@linli/contracts';

export interface DeliveryRecipient {
  /** resident: the elder herself (asked whether she is well). */
  kind: 'staff' | 'contact' | 'resident';
  id?: string;
  name: string;
  relation?: string;
  /** The full number: needed to send; masked in every reply and log. */
  phone?: string;
  /** The bound WeChat contact id (bot channel): never shown outside the server. */
  wechatId?: string;
}

export interface DeliveryHistoryEntry {
  status: NotifyDeliveryStatus;
  at: Date;
  note?: string;
  providerId?: string;
}

export interface DeliveryDoc {
  /** `<alertId>:<level>:<recipient>:<channel>`: the unique _id makes a re-fired escalation insert nothing (idempotent sends). */
  _id: string;
  communityId: string;
  alertId: string;
  level: EscalationLevel | 'ack';
  purpose: NotifyPurpose;
  channel: AlertNotifyChannel;
  recipient: DeliveryRecipient;
  /** What the message says, as template parameters ({1} who, {2} what, {3} where / who took it). */
  params: string[];
  /** The alert as far as reading the ledger needs it (building scope for personal alerts). */
  alert: { type: AlertType; audience: AlertAudience; building?: string };
  status: NotifyDeliveryStatus;
  /** Claimed attempts so far; each attempt is claimed with the previous count in the filter, so one node sends it. */
  attempts: number;
  /** When the next attempt is due: the retry's deadline, or the lease of an attempt in flight (a crash mid-send retries after it). */
  nextAttemptAt?: Date;
  reason?: string;
  providerId?: string;
  /** Every provider id this row was sent under: a late report for an earlier attempt still finds its row. */
  providerIds?: string[];
  deliveredAt?: Date;
  /** Alert SMS only: the code of the one-tap link in the message (<PUBLIC_URL>/a/<code>), and until when it works. */
  ackCode?: string;
  ackExpiresAt?: Date;
  history: DeliveryHistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A speaker's row in the same ledger (notifications.external.ts): subject a broadcast play instead of an alert. It never carries
 * nextAttemptAt, providerIds, a phone or an ack code, so the alert sender's queries (pending, callbacks, replies) never see it.
 */
export interface SpeakerDeliveryDoc {
  /** `<broadcastId>:<play>:<speakerId>`. */
  _id: string;
  communityId: string;
  broadcastId: string;
  /** Which of the broadcast's planned play times (0-based). */
  play: number;
  purpose: 'broadcast';
  channel: 'speaker';
  recipient: { kind: 'speaker'; id: string; name: string };
  status: SpeakerDeliveryStatus;
  attempts: number;
  reason?: string;
  /** Where this play sits in the speaker's queue. */
  startAt?: Date;
  endAt?: Date;
  deliveredAt?: Date;
  history: { status: SpeakerDeliveryStatus; at: Date; note?: string }[];
  createdAt: Date;
  updatedAt: Date;
}

/** The stored shape covers every kind of row (ticket messages: notifications.tickets.ts, purpose ladder or revisit; notice messages: notifications.notices.ts). */
type StoredDelivery = DeliveryDoc & Partial<Pick<SpeakerDeliveryDoc, 'broadcastId' | 'play' | 'startAt' | 'endAt'>> & { ticketId?: string; noticeId?: string };

const DeliverySchema = new Schema<StoredDelivery>(
  {
    _id: String,
    communityId: { type: String, required: true },
    // Required on alert rows (the service always sets them); speaker rows name a broadcast instead.
    alertId: String,
    broadcastId: String,
    // Ticket messages (notifications.tickets.ts): 催办/督办/街道 and 回访 about a ticket.
    ticketId: String,
    // Notice messages (notifications.notices.ts): a published notice's SMS and subscribe message per resident.
    noticeId: String,
    play: Number,
    startAt: Date,
    endAt: Date,
    level: String,
    purpose: { type: String, required: true },
    channel: { type: String, required: true },
    recipient: { kind: String, id: String, name: String, relation: String, phone: String, wechatId: String },
    params: { type: [String], default: [] },
    alert: { type: { type: String }, audience: String, building: String },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: Date,
    reason: String,
    providerId: String,
    providerIds: { type: [String], default: undefined },
    deliveredAt: Date,
    ackCode: String,
    ackExpiresAt: Date,
    history: { type: [{ _id: false, status: String, at: Date, note: String, providerId: String }], default: [] },
  },
  { timestamps: true, versionKey: false },
);
DeliverySchema.index({ communityId: 1, alertId: 1 });
DeliverySchema.index({ communityId: 1, broadcastId: 1 });
DeliverySchema.index({ communityId: 1, ticketId: 1 });
DeliverySchema.index({ communityId: 1, noticeId: 1 });
DeliverySchema.index({ communityId: 1, channel: 1, endAt: -1 });
DeliverySchema.index({ providerIds: 1 });
DeliverySchema.index({ status: 1 });
DeliverySchema.index({ ackCode: 1 }, { unique: true, sparse: true });
// An SMS reply names only the number it came from: the latest alert SMS to that number answers it.
DeliverySchema.index({ 'recipient.phone': 1, createdAt: -1 });

/** Written once when an alert is acknowledged (or resolved): every attempt checks it, so nothing is sent for that alert afterwards. */
export interface StopDoc {
  /** The alert id. */
  _id: string;
  communityId: string;
  at: Date;
  by?: { id?: string; name: string };
}
const StopSchema = new Schema<StopDoc>(
  { _id: String, communityId: { type: String, required: true }, at: { type: Date, required: true }, by: { id: String, name: String } },
  { versionKey: false },
);

export function deliveryModel(conn: Connection): Model<DeliveryDoc> {
  return (conn.models.NotificationDelivery as Model<DeliveryDoc>) ??
    conn.model<DeliveryDoc>('NotificationDelivery', DeliverySchema, 'notification_deliveries');
}

/** The same collection typed for speaker rows. */
export function speakerDeliveryModel(conn: Connection): Model<SpeakerDeliveryDoc> {
  return deliveryModel(conn) as unknown as Model<SpeakerDeliveryDoc>;
}

export function stopModel(conn: Connection): Model<StopDoc> {
  return (conn.models.NotificationStop as Model<StopDoc>) ?? conn.model<StopDoc>('NotificationStop', StopSchema, 'notification_stops');
}
