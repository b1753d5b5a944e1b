// Notices, and one receipt per (notice, recipient) written at publication: who may read it, whether they did, and each channel's outcome.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { DeliveryStatus, NoticeDto, NotifyChannel } from '@linli/contracts';
import type { Stored } from '../../db/stored';

type StaffOnly = 'audience' | 'channels' | 'createdBy' | 'readCount';

/**
 * A notice as stored: the DTO's fields (staff-only ones always present), upload ids instead of attachment views,
 * no per-viewer fields (rendered HTML, the reader's readAt), plus the bookkeeping of a publication run.
 */
export type NoticeDoc = Stored<Omit<NoticeDto, 'bodyHtml' | 'readAt' | 'attachments' | 'doorKnock' | StaffOnly>, 'publishAt' | 'publishedAt' | 'expiresAt' | 'createdAt' | 'updatedAt'> &
  Required<Pick<NoticeDto, StaffOnly>> & {
    attachments: string[];
    /** Claimed by the one publication run that pushes the notice to sockets. */
    pushedAt?: Date;
    /** Set once the published event went out (a publication interrupted before it is finished by the timer). */
    fannedOutAt?: Date;
    /** A run announcing it right now (a lease: a run that died mid-way is taken over once it is old). */
    fanOutClaimedAt?: Date;
    withdrawnAt?: Date;
    /** Door-knock list: minutes after publication; dueAt set at publication (its persisted timer), openedAt once the list exists. */
    doorKnock?: { afterMinutes: number; dueAt?: Date; openedAt?: Date };
  };

export interface DeliveryOutcome {
  status: DeliveryStatus;
  attempts: number;
  at?: Date;
  nextAt?: Date;
  reason?: string;
}

export type DeliveryChannel = Exclude<NotifyChannel, 'group'>;

export interface NoticeReceiptDoc {
  _id: Types.ObjectId;
  communityId: string;
  noticeId: Types.ObjectId;
  residentId: string;
  /** Snapshot at publication, for the by-building receipts list. */
  name: string;
  building: string;
  unit: string;
  room: string;
  phone?: string;
  openid?: string;
  /** Copied from the notice (fixed once published) so a resident's feed is one indexed query. */
  feed: boolean;
  pinRank: number;
  publishedAt: Date;
  /** expiresAt, or far in the future. */
  visibleUntil: Date;
  readAt?: Date;
  deliveries: Partial<Record<DeliveryChannel, DeliveryOutcome>>;
}

export const NEVER = new Date('9999-12-31T00:00:00Z');

const NoticeSchema = new Schema<NoticeDoc>(
  {
    communityId: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    category: { type: String, required: true },
    audience: { type: Schema.Types.Mixed, required: true },
    channels: { type: [String], required: true },
    status: { type: String, required: true },
    pinned: { type: Boolean, default: false },
    publishAt: Date,
    publishedAt: Date,
    expiresAt: Date,
    attachments: { type: [String], default: [] },
    createdBy: { id: String, name: String },
    recipientCount: Number,
    readCount: { type: Number, default: 0 },
    pushedAt: Date,
    fannedOutAt: Date,
    fanOutClaimedAt: Date,
    withdrawnAt: Date,
    doorKnock: { type: { afterMinutes: Number, dueAt: Date, openedAt: Date }, _id: false, default: undefined },
  },
  { timestamps: true, versionKey: false, minimize: false },
);
NoticeSchema.index({ communityId: 1, _id: -1 });
NoticeSchema.index({ communityId: 1, status: 1, _id: -1 });

const ReceiptSchema = new Schema<NoticeReceiptDoc>(
  {
    communityId: { type: String, required: true },
    noticeId: { type: Schema.Types.ObjectId, required: true },
    residentId: { type: String, required: true },
    name: String,
    building: String,
    unit: String,
    room: String,
    phone: String,
    openid: String,
    feed: Boolean,
    pinRank: Number,
    publishedAt: Date,
    visibleUntil: Date,
    readAt: Date,
    deliveries: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
// One receipt per person: re-running an interrupted publication inserts only what is missing.
ReceiptSchema.index({ noticeId: 1, residentId: 1 }, { unique: true });
ReceiptSchema.index({ communityId: 1, residentId: 1, pinRank: -1, publishedAt: -1, noticeId: -1 });
ReceiptSchema.index({ communityId: 1, noticeId: 1, building: 1 });

export function noticeModel(conn: Connection): Model<NoticeDoc> {
  return (conn.models.Notice as Model<NoticeDoc>) ?? conn.model<NoticeDoc>('Notice', NoticeSchema, 'notices');
}

export function noticeReceiptModel(conn: Connection): Model<NoticeReceiptDoc> {
  return (
    (conn.models.NoticeReceipt as Model<NoticeReceiptDoc>) ??
    conn.model<NoticeReceiptDoc>('NoticeReceipt', ReceiptSchema, 'notice_receipts')
  );
}
