// A board post (留言) with its replies and moderation log embedded, so each change is one atomic update; plus per-community board settings.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ModerationAction, PostDto, ReplyDto } from '@linli/contracts';

export interface BoardActor {
  kind: 'resident' | 'staff';
  id: string;
  name: string;
  building?: string;
}

export interface Moderation {
  reason: string;
  by: string;
  byName: string;
  at: Date;
}

export interface ModerationLogEntry {
  action: ModerationAction;
  reason?: string;
  replyId?: string;
  by: string;
  byName: string;
  at: Date;
}

/** The contract's fields as stored; the author keeps its id and full name, moderation who did it (views mask both). */
export interface ReplyDoc extends Pick<ReplyDto, 'text' | 'official' | 'status' | 'heldWords'> {
  _id: Types.ObjectId;
  author: BoardActor;
  hidden?: Moderation;
  createdAt: Date;
}

/** The contract's fields as stored; photos are upload ids, replies and log embedded, the author unmasked. */
export interface PostDoc extends Pick<PostDto, 'communityId' | 'category' | 'text' | 'channel' | 'registeredBy' | 'status' | 'heldWords' | 'ticket'> {
  _id: Types.ObjectId;
  photos: string[];
  /** The resident the post belongs to (its author, or the one staff registered it for at the desk). */
  residentId?: string;
  author: BoardActor;
  hidden?: Moderation;
  replies: ReplyDoc[];
  /** Replies ever added (bounds the embedded array). */
  replyTotal: number;
  /** Bumped by every change to `replies`, so rewriting one reply cannot lose a concurrent one. */
  rev: number;
  log: ModerationLogEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const ActorSchema = new Schema<BoardActor>({ kind: String, id: String, name: String, building: String }, { _id: false });
const ModerationSchema = new Schema<Moderation>({ reason: String, by: String, byName: String, at: Date }, { _id: false });

const ReplySchema = new Schema<ReplyDoc>(
  {
    text: { type: String, required: true },
    author: { type: ActorSchema, required: true },
    official: { type: Boolean, default: false },
    status: { type: String, required: true },
    heldWords: { type: [String], default: undefined },
    hidden: { type: ModerationSchema, default: undefined },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const LogSchema = new Schema<ModerationLogEntry>(
  { action: String, reason: String, replyId: String, by: String, byName: String, at: Date },
  { _id: false },
);

const PostSchema = new Schema<PostDoc>(
  {
    communityId: { type: String, required: true },
    category: { type: String, required: true },
    text: { type: String, required: true },
    photos: { type: [String], default: [] },
    residentId: String,
    author: { type: ActorSchema, required: true },
    channel: { type: String, required: true },
    registeredBy: { type: new Schema({ id: String, name: String }, { _id: false }), default: undefined },
    status: { type: String, required: true },
    heldWords: { type: [String], default: undefined },
    hidden: { type: ModerationSchema, default: undefined },
    ticket: { type: new Schema({ id: String, no: String }, { _id: false }), default: undefined },
    replies: { type: [ReplySchema], default: [] },
    replyTotal: { type: Number, default: 0 },
    rev: { type: Number, default: 0 },
    log: { type: [LogSchema], default: [] },
  },
  { timestamps: true, versionKey: false, minimize: true },
);
PostSchema.index({ communityId: 1, _id: -1 });
PostSchema.index({ communityId: 1, status: 1, _id: -1 });
PostSchema.index({ communityId: 1, residentId: 1, _id: -1 });
PostSchema.index({ communityId: 1, 'ticket.id': 1 });

export interface BoardSettingsDoc {
  _id: string;
  communityId: string;
  sensitiveWords: string[];
  updatedBy?: string;
  updatedAt?: Date;
}

const BoardSettingsSchema = new Schema<BoardSettingsDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    sensitiveWords: { type: [String], default: [] },
    updatedBy: String,
    updatedAt: Date,
  },
  { versionKey: false },
);

export function postModel(conn: Connection): Model<PostDoc> {
  return (conn.models.BoardPost as Model<PostDoc>) ?? conn.model<PostDoc>('BoardPost', PostSchema, 'board_posts');
}

export function boardSettingsModel(conn: Connection): Model<BoardSettingsDoc> {
  return (conn.models.BoardSettings as Model<BoardSettingsDoc>) ??
    conn.model<BoardSettingsDoc>('BoardSettings', BoardSettingsSchema, 'board_settings');
}
