// Wish-list rounds, their items (with progress and ledger links embedded), and one vote document per household.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { WishItemDto, WishProgressDto, WishRoundDto, WishVoteDto } from '@linli/contracts';
import type { Stored } from '../../db/stored';

type WishActor = { id: string; name: string };

/** A round as stored: the DTO's own fields (its items, tally and phase are read or computed separately). */
export type WishRoundDoc = Stored<Omit<WishRoundDto, 'phase' | 'items' | 'tally' | 'myVote'>, 'opensAt' | 'closesAt' | 'createdAt'> & {
  createdBy: WishActor;
  updatedAt: Date;
};

export interface WishSubItem {
  title: string;
  description?: string;
  estimatedCost?: number;
}

/** A progress line as stored: photo upload ids and the author, where the DTO shows signed photos and a name. */
export type WishProgressEntry = Omit<WishProgressDto, 'at' | 'photos' | 'by'> & { at: Date; photos: string[]; by: WishActor };

/** An item as stored: ids where the DTO shows views (photos, linked ledger entries and their sum). */
export type WishItemDoc = Stored<Omit<WishItemDto, 'roundId' | 'photos' | 'subItems' | 'progress' | 'ledgerEntries' | 'spent'>> & {
  communityId: string;
  roundId: Types.ObjectId;
  photos: string[];
  subItems: WishSubItem[];
  progress: WishProgressEntry[];
  ledgerEntryIds: string[];
  createdAt: Date;
  updatedAt: Date;
};

export interface WishVoteDoc {
  /** `<roundId>:<householdId>`: the unique _id is what makes "one vote set per household" hold under races. */
  _id: string;
  communityId: string;
  roundId: Types.ObjectId;
  householdId: string;
  /** Door plate as written ("3号楼1单元402"), kept for the staff's vote register. */
  household?: string;
  itemIds: string[];
  source: WishVoteDto['source'];
  residentId?: string;
  /** Paper ballots: who typed it in and at which meeting it was collected. */
  enteredBy?: { id: string; name: string };
  /** The meeting's name as written (the register shows it), and its record. */
  meeting?: string;
  meetingId?: string;
  createdAt: Date;
}

/** A residents' meeting paper ballots came from; `_id` is `<roundId>:<date>:<name>`, so batches typed in separately share it. */
export interface WishMeetingDoc {
  _id: string;
  communityId: string;
  roundId: Types.ObjectId;
  name: string;
  date: string;
  place: string;
  minutesTaker: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
}

const Actor = { id: { type: String, required: true }, name: { type: String, required: true } };

const WishRoundSchema = new Schema<WishRoundDoc>(
  {
    communityId: { type: String, required: true },
    title: { type: String, required: true },
    description: String,
    maxChoices: { type: Number, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    createdBy: { type: new Schema(Actor, { _id: false }), required: true },
  },
  { timestamps: true, versionKey: false, minimize: true },
);
WishRoundSchema.index({ communityId: 1, _id: -1 });

const ProgressSchema = new Schema<WishProgressEntry>(
  {
    at: { type: Date, required: true },
    kind: { type: String, required: true },
    from: String,
    to: String,
    note: String,
    photos: { type: [String], default: [] },
    by: { type: new Schema(Actor, { _id: false }), required: true },
  },
  { _id: false },
);

const WishItemSchema = new Schema<WishItemDoc>(
  {
    communityId: { type: String, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    no: { type: Number, required: true },
    title: { type: String, required: true },
    description: String,
    estimatedCost: Number,
    photos: { type: [String], default: [] },
    subItems: { type: [new Schema<WishSubItem>({ title: String, description: String, estimatedCost: Number }, { _id: false })], default: [] },
    status: { type: String, required: true },
    rejectReason: String,
    progress: { type: [ProgressSchema], default: [] },
    ledgerEntryIds: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false, minimize: true },
);
WishItemSchema.index({ communityId: 1, roundId: 1, no: 1 }, { unique: true });

const WishVoteSchema = new Schema<WishVoteDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    householdId: { type: String, required: true },
    household: String,
    itemIds: { type: [String], required: true },
    source: { type: String, required: true },
    residentId: String,
    enteredBy: new Schema(Actor, { _id: false }),
    meeting: String,
    meetingId: String,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const WishMeetingSchema = new Schema<WishMeetingDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    date: { type: String, required: true },
    place: { type: String, required: true },
    minutesTaker: { type: String, required: true },
    createdBy: new Schema(Actor, { _id: false }),
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
WishMeetingSchema.index({ communityId: 1, roundId: 1 });
WishVoteSchema.index({ communityId: 1, roundId: 1 });

export function wishRoundModel(conn: Connection): Model<WishRoundDoc> {
  return (conn.models.WishRound as Model<WishRoundDoc>) ?? conn.model<WishRoundDoc>('WishRound', WishRoundSchema, 'wish_rounds');
}
export function wishItemModel(conn: Connection): Model<WishItemDoc> {
  return (conn.models.WishItem as Model<WishItemDoc>) ?? conn.model<WishItemDoc>('WishItem', WishItemSchema, 'wish_items');
}
export function wishVoteModel(conn: Connection): Model<WishVoteDoc> {
  return (conn.models.WishVote as Model<WishVoteDoc>) ?? conn.model<WishVoteDoc>('WishVote', WishVoteSchema, 'wish_votes');
}
export function wishMeetingModel(conn: Connection): Model<WishMeetingDoc> {
  return (conn.models.WishMeeting as Model<WishMeetingDoc>) ?? conn.model<WishMeetingDoc>('WishMeeting', WishMeetingSchema, 'wish_meetings');
}
