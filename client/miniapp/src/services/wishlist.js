"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.castVote = exports.getRound = exports.listRounds = void 0;
exports.applyWishUpdate = applyWishUpdate;
exports.votesFor = votesFor;
const api_1 = require("./api");
const listRounds = () => api_1.api.get('/wishlists?limit=20');
exports.listRounds = listRounds;
const getRound = (id) => api_1.api.get(`/wishlists/${id}`);
exports.getRound = getRound;
const castVote = (id, itemIds) => api_1.api.post(`/wishlists/${id}/votes`, { itemIds });
exports.castVote = castVote;
function applyWishUpdate(round, e) {
    if (e.roundId !== round.id)
        return round;
    let next = e.tally ? { ...round, tally: e.tally } : round;
    if (e.item)
        next = { ...next, items: next.items.map((i) => (i.id === e.item.id ? e.item : i)) };
    return next;
}
function votesFor(tally, itemId) {
    return tally.items.find((i) => i.itemId === itemId)?.votes ?? 0;
}
