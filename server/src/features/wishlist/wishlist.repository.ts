// Wish-list persistence: rounds and items, status-checked item updates, and insert-once household votes.
import type { Connection, FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import {
  wishItemModel,
  wishMeetingModel,
  wishRoundModel,
  wishVoteModel,
  type WishItemDoc,
  type WishMeetingDoc,
  type WishProgressEntry,
  type WishRoundDoc,
  type WishVoteDoc,
} from './wishlist.model';

export const voteId = (roundId: string, householdId: string) => `${roundId}:${householdId}`;

export class WishlistRepository {
  readonly rounds: Model<WishRoundDoc>;
  readonly items: Model<WishItemDoc>;
  readonly votes: Model<WishVoteDoc>;
  readonly meetings: Model<WishMeetingDoc>;
  constructor(conn: Connection) {
    this.meetings = wishMeetingModel(conn);
    this.rounds = wishRoundModel(conn);
    this.items = wishItemModel(conn);
    this.votes = wishVoteModel(conn);
  }

  async insertRound(round: Omit<WishRoundDoc, 'createdAt' | 'updatedAt'>, items: Array<Omit<WishItemDoc, 'createdAt' | 'updatedAt'>>) {
    // No multi-document transactions on FerretDB: items first (invisible without their round), then the round.
    await this.items.insertMany(items);
    return (await this.rounds.create(round)).toObject();
  }

  /** Bare-_id reads with the community checked on the result: the only filter FerretDB 1.24 answers from its index. */
  async round(communityId: string, id: string): Promise<WishRoundDoc | null> {
    const r = await this.rounds.findById(new Types.ObjectId(id)).lean<WishRoundDoc>();
    return r && r.communityId === communityId ? r : null;
  }

  listRounds(communityId: string, beforeId: string | undefined, limit: number) {
    const q: FilterQuery<WishRoundDoc> = beforeId ? { _id: { $lt: new Types.ObjectId(beforeId) } } : {};
    return this.rounds.find(scoped(communityId, q)).sort({ _id: -1 }).limit(limit).lean<WishRoundDoc[]>();
  }

  closeRound(communityId: string, id: string, at: Date) {
    return this.rounds
      .findOneAndUpdate(scoped<WishRoundDoc>(communityId, { _id: new Types.ObjectId(id), closesAt: { $gt: at } }), { $set: { closesAt: at } }, { new: true })
      .lean<WishRoundDoc>();
  }

  itemsOf(communityId: string, roundId: string) {
    return this.items.find(scoped<WishItemDoc>(communityId, { roundId: new Types.ObjectId(roundId) })).sort({ no: 1 }).lean<WishItemDoc[]>();
  }

  countItems(communityId: string, roundIds: Types.ObjectId[]) {
    return this.items.find(scoped<WishItemDoc>(communityId, { roundId: { $in: roundIds } }), { roundId: 1 }).lean<Array<Pick<WishItemDoc, 'roundId'>>>();
  }

  async item(communityId: string, id: string): Promise<WishItemDoc | null> {
    const it = await this.items.findById(new Types.ObjectId(id)).lean<WishItemDoc>();
    return it && it.communityId === communityId ? it : null;
  }

  /** Item change only while `cond` holds (e.g. the status we validated); null when someone else moved it first. */
  applyToItem(communityId: string, id: string, cond: FilterQuery<WishItemDoc>, u: { set?: Partial<WishItemDoc>; push?: WishProgressEntry; addLedger?: string }) {
    const update: UpdateQuery<WishItemDoc> = {};
    if (u.set) update.$set = u.set;
    const push: Record<string, unknown> = {};
    if (u.push) push.progress = u.push;
    // $push guarded by the caller's `ledgerEntryIds: { $ne }` filter rather than $addToSet: fewer operators to trust on FerretDB.
    if (u.addLedger) push.ledgerEntryIds = u.addLedger;
    if (Object.keys(push).length) update.$push = push;
    return this.items
      .findOneAndUpdate(scoped<WishItemDoc>(communityId, { _id: new Types.ObjectId(id), ...cond }), update, { new: true })
      .lean<WishItemDoc>();
  }

  /** Records a household's vote set; the existing vote when that household had already voted (nothing written then). */
  async insertVote(v: WishVoteDoc): Promise<{ ok: true } | { ok: false; existing: WishVoteDoc | null }> {
    try {
      await this.votes.create(v);
      return { ok: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return { ok: false, existing: await this.votes.findById(v._id).lean<WishVoteDoc>() };
    }
  }

  /** The meeting record with this id, created from `m` on first use (a later batch from the same meeting reuses it). */
  async meeting(m: WishMeetingDoc): Promise<WishMeetingDoc> {
    try {
      await this.meetings.create(m);
      return m;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await this.meetings.findOne(scoped<WishMeetingDoc>(m.communityId, { _id: m._id })).lean<WishMeetingDoc>())!;
    }
  }

  meetingsByIds(communityId: string, ids: string[]) {
    return ids.length ? this.meetings.find(scoped<WishMeetingDoc>(communityId, { _id: { $in: ids } })).lean<WishMeetingDoc[]>() : Promise.resolve([]);
  }

  vote(roundId: string, householdId: string) {
    return this.votes.findById(voteId(roundId, householdId)).lean<WishVoteDoc>();
  }

  /** The vote register of a round (staff), newest first, bounded. */
  register(communityId: string, roundId: string, limit: number) {
    return this.votes
      .find(scoped<WishVoteDoc>(communityId, { roundId: new Types.ObjectId(roundId) }))
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<WishVoteDoc[]>();
  }

  votesOf(communityId: string, roundId: string) {
    return this.votes
      .find(scoped<WishVoteDoc>(communityId, { roundId: new Types.ObjectId(roundId) }), { itemIds: 1, source: 1 })
      .lean<Array<Pick<WishVoteDoc, '_id' | 'itemIds' | 'source'>>>();
  }
}
