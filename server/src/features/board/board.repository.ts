// Board persistence: status-conditional updates, keyset listing, replies pushed or rewritten under a revision check.
import type { Connection, FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import type { PostStatus } from '@linli/contracts';
import { scoped } from '../../db/scope';
import { findSorted } from '../../db/sql-find';
import {
  boardSettingsModel,
  postModel,
  type BoardSettingsDoc,
  type ModerationLogEntry,
  type PostDoc,
  type ReplyDoc,
} from './board.model';

export interface PostListFilter {
  category?: string;
  status?: PostStatus;
  /** Only this resident's posts. */
  residentId?: string;
  /** What a resident may see: published posts or their own. */
  visibleTo?: string;
  /** Bots and anonymous views: published only. */
  publishedOnly?: boolean;
  beforeId?: string;
  limit: number;
}

export class BoardRepository {
  readonly posts: Model<PostDoc>;
  readonly settings: Model<BoardSettingsDoc>;
  constructor(conn: Connection) {
    this.posts = postModel(conn);
    this.settings = boardSettingsModel(conn);
  }

  async insert(doc: Omit<PostDoc, 'createdAt' | 'updatedAt'>): Promise<PostDoc> {
    return (await this.posts.create(doc)).toObject();
  }

  byId(communityId: string, id: string) {
    return this.posts.findOne(scoped<PostDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<PostDoc>();
  }

  byTicket(communityId: string, ticketId: string) {
    return this.posts.findOne(scoped<PostDoc>(communityId, { 'ticket.id': ticketId })).lean<PostDoc>();
  }

  list(communityId: string, f: PostListFilter) {
    const q: FilterQuery<PostDoc> = {};
    if (f.category) q.category = f.category;
    if (f.residentId) q.residentId = f.residentId;
    if (f.status) q.status = f.status;
    if (f.publishedOnly) q.status = 'published';
    if (f.visibleTo) {
      if (f.status && f.status !== 'published') q.residentId = f.visibleTo;
      else if (!f.status && !f.residentId) q.$or = [{ status: 'published' }, { residentId: f.visibleTo }];
    }
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    // Years of messages: PostgreSQL answers the page on the embedded engine (db/sql-find.ts).
    return findSorted<PostDoc>(this.posts, scoped(communityId, q), { sort: { _id: -1 }, limit: f.limit });
  }

  /** Applies a change only while the post still matches `cond` (e.g. its expected status); null otherwise. */
  applyIf(
    communityId: string,
    id: string,
    cond: FilterQuery<PostDoc>,
    update: { set?: Partial<PostDoc>; unset?: string[]; log?: ModerationLogEntry; inc?: Record<string, number>; pushReply?: ReplyDoc },
  ) {
    const u: UpdateQuery<PostDoc> = {};
    if (update.set) u.$set = update.set;
    if (update.unset?.length) u.$unset = Object.fromEntries(update.unset.map((k) => [k, 1]));
    const push: Record<string, unknown> = {};
    if (update.log) push.log = update.log;
    if (update.pushReply) push.replies = update.pushReply;
    if (Object.keys(push).length) u.$push = push;
    if (update.inc) u.$inc = update.inc;
    return this.posts
      .findOneAndUpdate(scoped<PostDoc>(communityId, { _id: new Types.ObjectId(id), ...cond }), u, { new: true })
      .lean<PostDoc>();
  }

  async sensitiveWords(communityId: string): Promise<string[]> {
    const s = await this.settings.findOne(scoped<BoardSettingsDoc>(communityId, { _id: communityId })).lean<BoardSettingsDoc>();
    return s?.sensitiveWords ?? [];
  }

  async setSensitiveWords(communityId: string, words: string[], by: string): Promise<string[]> {
    const s = await this.settings
      .findOneAndUpdate(
        { _id: communityId, communityId },
        { $set: { sensitiveWords: words, updatedBy: by, updatedAt: new Date() } },
        { upsert: true, new: true },
      )
      .lean<BoardSettingsDoc>();
    return s!.sensitiveWords;
  }
}
