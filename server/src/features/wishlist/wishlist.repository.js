"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WishlistRepository = exports.voteId = void 0;
const mongoose_1 = require("mongoose");
const connection_1 = require("../../db/connection");
const scope_1 = require("../../db/scope");
const resident_model_1 = require("../residents/resident.model");
const wishlist_model_1 = require("./wishlist.model");
const voteId = (roundId, householdId) => `${roundId}:${householdId}`;
exports.voteId = voteId;
class WishlistRepository {
    rounds;
    items;
    votes;
    residents;
    constructor(conn) {
        this.residents = (0, resident_model_1.residentModel)(conn);
        this.rounds = (0, wishlist_model_1.wishRoundModel)(conn);
        this.items = (0, wishlist_model_1.wishItemModel)(conn);
        this.votes = (0, wishlist_model_1.wishVoteModel)(conn);
    }
    async insertRound(round, items) {
        // No multi-document transactions on FerretDB: items first (invisible without their round), then the round.
        await this.items.insertMany(items);
        return (await this.rounds.create(round)).toObject();
    }
    /** Bare-_id reads with the community checked on the result: the only filter FerretDB 1.24 answers from its index. */
    async round(communityId, id) {
        const r = await this.rounds.findById(new mongoose_1.Types.ObjectId(id)).lean();
        return r && r.communityId === communityId ? r : null;
    }
    listRounds(communityId, beforeId, limit) {
        const q = beforeId ? { _id: { $lt: new mongoose_1.Types.ObjectId(beforeId) } } : {};
        return this.rounds.find((0, scope_1.scoped)(communityId, q)).sort({ _id: -1 }).limit(limit).lean();
    }
    closeRound(communityId, id, at) {
        return this.rounds
            .findOneAndUpdate((0, scope_1.scoped)(communityId, { _id: new mongoose_1.Types.ObjectId(id), closesAt: { $gt: at } }), { $set: { closesAt: at } }, { new: true })
            .lean();
    }
    itemsOf(communityId, roundId) {
        return this.items.find((0, scope_1.scoped)(communityId, { roundId: new mongoose_1.Types.ObjectId(roundId) })).sort({ no: 1 }).lean();
    }
    countItems(communityId, roundIds) {
        return this.items.find((0, scope_1.scoped)(communityId, { roundId: { $in: roundIds } }), { roundId: 1 }).lean();
    }
    async item(communityId, id) {
        const it = await this.items.findById(new mongoose_1.Types.ObjectId(id)).lean();
        return it && it.communityId === communityId ? it : null;
    }
    /** The voter's household, read by bare _id (hot path of every vote). */
    async voter(communityId, residentId) {
        const r = await this.residents.findById(new mongoose_1.Types.ObjectId(residentId), { communityId: 1, householdId: 1, verified: 1, building: 1, unit: 1, room: 1 }).lean();
        return r && r.communityId === communityId ? r : null;
    }
    /** Item change only while `cond` holds (e.g. the status we validated); null when someone else moved it first. */
    applyToItem(communityId, id, cond, u) {
        const update = {};
        if (u.set)
            update.$set = u.set;
        const push = {};
        if (u.push)
            push.progress = u.push;
        // $push guarded by the caller's `ledgerEntryIds: { $ne }` filter rather than $addToSet: fewer operators to trust on FerretDB.
        if (u.addLedger)
            push.ledgerEntryIds = u.addLedger;
        if (Object.keys(push).length)
            update.$push = push;
        return this.items
            .findOneAndUpdate((0, scope_1.scoped)(communityId, { _id: new mongoose_1.Types.ObjectId(id), ...cond }), update, { new: true })
            .lean();
    }
    /** Records a household's vote set; the existing vote when that household had already voted (nothing written then). */
    async insertVote(v) {
        try {
            await this.votes.create(v);
            return { ok: true };
        }
        catch (err) {
            if (!(0, connection_1.isDuplicateKey)(err))
                throw err;
            return { ok: false, existing: await this.votes.findById(v._id).lean() };
        }
    }
    vote(roundId, householdId) {
        return this.votes.findById((0, exports.voteId)(roundId, householdId)).lean();
    }
    /** The vote register of a round (staff), newest first, bounded. */
    register(communityId, roundId, limit) {
        return this.votes
            .find((0, scope_1.scoped)(communityId, { roundId: new mongoose_1.Types.ObjectId(roundId) }))
            .sort({ createdAt: -1 })
            .limit(limit)
            .lean();
    }
    votesOf(communityId, roundId) {
        return this.votes
            .find((0, scope_1.scoped)(communityId, { roundId: new mongoose_1.Types.ObjectId(roundId) }), { itemIds: 1, source: 1 })
            .lean();
    }
}
exports.WishlistRepository = WishlistRepository;
