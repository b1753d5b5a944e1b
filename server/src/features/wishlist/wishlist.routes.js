"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.wishlistRoutes = wishlistRoutes;
// Wish-list endpoints: rounds, household votes (app and paper), and the item life cycle after the round.
const router_1 = __importDefault(require("@koa/router"));
const contracts_1 = require("@linli/contracts");
const auth_1 = require("../../http/auth");
const validate_1 = require("../../http/validate");
const wishlist_dto_1 = require("./wishlist.dto");
function wishlistRoutes(wishlist, deps) {
    const r = new router_1.default({ prefix: '/api/wishlists' });
    r.use((0, auth_1.requireAuth)());
    const full = async (ctx, roundId) => {
        const p = (0, auth_1.principalOf)(ctx);
        const round = await wishlist.round(p, roundId);
        const [items, tally, myVote] = await Promise.all([
            wishlist.items(p.communityId, roundId),
            wishlist.tally(p.communityId, roundId),
            p.kind === 'resident' ? wishlist.myVote(p, roundId) : Promise.resolve(undefined),
        ]);
        return (0, wishlist_dto_1.wishRoundDto)(round, items, tally, myVote, deps);
    };
    r.post('/', async (ctx) => {
        const round = await wishlist.createRound((0, auth_1.principalOf)(ctx), (0, validate_1.body)(ctx, contracts_1.WishRoundCreate));
        ctx.status = 201;
        ctx.body = await full(ctx, String(round._id));
    });
    r.get('/', async (ctx) => {
        const { items, nextCursor } = await wishlist.listRounds((0, auth_1.principalOf)(ctx), (0, validate_1.query)(ctx, contracts_1.WishRoundQuery));
        ctx.body = { items: items.map((i) => (0, wishlist_dto_1.wishRoundSummaryDto)(i.round, i.itemCount)), nextCursor };
    });
    r.get('/items/:id', async (ctx) => {
        ctx.body = await (0, wishlist_dto_1.wishItemDto)(await wishlist.item((0, auth_1.principalOf)(ctx), (0, validate_1.idParam)(ctx)), deps);
    });
    r.post('/items/:id/transition', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        ctx.body = await (0, wishlist_dto_1.wishItemDto)(await wishlist.transition((0, auth_1.principalOf)(ctx), id, (0, validate_1.body)(ctx, contracts_1.WishItemTransitionBody)), deps);
    });
    r.post('/items/:id/progress', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        ctx.status = 201;
        ctx.body = await (0, wishlist_dto_1.wishItemDto)(await wishlist.addProgress((0, auth_1.principalOf)(ctx), id, (0, validate_1.body)(ctx, contracts_1.WishProgressCreate)), deps);
    });
    r.post('/items/:id/ledger-links', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        ctx.body = await (0, wishlist_dto_1.wishItemDto)(await wishlist.linkLedger((0, auth_1.principalOf)(ctx), id, (0, validate_1.body)(ctx, contracts_1.WishLedgerLink).entryId), deps);
    });
    r.get('/:id', async (ctx) => {
        ctx.body = await full(ctx, (0, validate_1.idParam)(ctx));
    });
    r.get('/:id/tally', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        const p = (0, auth_1.principalOf)(ctx);
        await wishlist.round(p, id);
        ctx.body = await wishlist.tally(p.communityId, id);
    });
    r.get('/:id/votes', async (ctx) => {
        const votes = await wishlist.register((0, auth_1.principalOf)(ctx), (0, validate_1.idParam)(ctx));
        ctx.body = {
            items: votes.map((v) => ({
                household: v.household ?? '',
                itemIds: v.itemIds,
                source: v.source,
                ...(v.meeting ? { meeting: v.meeting } : {}),
                ...(v.enteredBy ? { enteredBy: v.enteredBy.name } : {}),
                at: v.createdAt.toISOString(),
            })),
        };
    });
    r.post('/:id/votes', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        const { itemIds } = (0, validate_1.body)(ctx, contracts_1.WishVoteCast);
        const { vote, tally } = await wishlist.vote((0, auth_1.principalOf)(ctx), id, itemIds);
        ctx.status = 201;
        ctx.body = { vote: { itemIds: vote.itemIds, source: vote.source, at: vote.createdAt.toISOString() }, tally };
    });
    r.post('/:id/paper-votes', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        const input = (0, validate_1.body)(ctx, contracts_1.WishPaperVotes);
        ctx.body = await wishlist.paperVotes((0, auth_1.principalOf)(ctx), id, input);
    });
    r.post('/:id/close', async (ctx) => {
        const id = (0, validate_1.idParam)(ctx);
        await wishlist.closeRound((0, auth_1.principalOf)(ctx), id);
        ctx.body = await full(ctx, id);
    });
    return r;
}
