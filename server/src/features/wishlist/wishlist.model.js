"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.wishRoundModel = wishRoundModel;
exports.wishItemModel = wishItemModel;
exports.wishVoteModel = wishVoteModel;
// Wish-list rounds, their items (with progress and ledger links embedded), and one vote document per household.
const mongoose_1 = require("mongoose");
const Actor = { id: { type: String, required: true }, name: { type: String, required: true } };
const WishRoundSchema = new mongoose_1.Schema({
    communityId: { type: String, required: true },
    title: { type: String, required: true },
    description: String,
    maxChoices: { type: Number, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    createdBy: { type: new mongoose_1.Schema(Actor, { _id: false }), required: true },
}, { timestamps: true, versionKey: false, minimize: true });
WishRoundSchema.index({ communityId: 1, _id: -1 });
const ProgressSchema = new mongoose_1.Schema({
    at: { type: Date, required: true },
    kind: { type: String, required: true },
    from: String,
    to: String,
    note: String,
    photos: { type: [String], default: [] },
    by: { type: new mongoose_1.Schema(Actor, { _id: false }), required: true },
}, { _id: false });
const WishItemSchema = new mongoose_1.Schema({
    communityId: { type: String, required: true },
    roundId: { type: mongoose_1.Schema.Types.ObjectId, required: true },
    no: { type: Number, required: true },
    title: { type: String, required: true },
    description: String,
    estimatedCost: Number,
    photos: { type: [String], default: [] },
    subItems: { type: [new mongoose_1.Schema({ title: String, description: String, estimatedCost: Number }, { _id: false })], default: [] },
    status: { type: String, required: true },
    rejectReason: String,
    progress: { type: [ProgressSchema], default: [] },
    ledgerEntryIds: { type: [String], default: [] },
}, { timestamps: true, versionKey: false, minimize: true });
WishItemSchema.index({ communityId: 1, roundId: 1, no: 1 }, { unique: true });
const WishVoteSchema = new mongoose_1.Schema({
    _id: String,
    communityId: { type: String, required: true },
    roundId: { type: mongoose_1.Schema.Types.ObjectId, required: true },
    householdId: { type: String, required: true },
    household: String,
    itemIds: { type: [String], required: true },
    source: { type: String, required: true },
    residentId: String,
    enteredBy: new mongoose_1.Schema(Actor, { _id: false }),
    meeting: String,
    createdAt: { type: Date, required: true },
}, { versionKey: false });
WishVoteSchema.index({ communityId: 1, roundId: 1 });
function wishRoundModel(conn) {
    return conn.models.WishRound ?? conn.model('WishRound', WishRoundSchema, 'wish_rounds');
}
function wishItemModel(conn) {
    return conn.models.WishItem ?? conn.model('WishItem', WishItemSchema, 'wish_items');
}
function wishVoteModel(conn) {
    return conn.models.WishVote ?? conn.model('WishVote', WishVoteSchema, 'wish_votes');
}
