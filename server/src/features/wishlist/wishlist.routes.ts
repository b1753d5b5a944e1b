// Wish-list endpoints: rounds, household votes (app and paper), and the item life cycle after the round.
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  WishItemTransitionBody,
  WishLedgerLink,
  WishPaperVotes,
  WishProgressCreate,
  WishRoundCreate,
  WishRoundQuery,
  WishVoteCast,
} from '@linli/contracts';
import { principalOf, requireAuth } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import { wishItemDto, wishRoundDto, wishRoundSummaryDto, type WishDtoDeps } from './wishlist.dto';
import type { WishlistService } from './wishlist.service';

export function wishlistRoutes(wishlist: WishlistService, deps: WishDtoDeps): Router {
  const r = new Router({ prefix: '/api/wishlists' });
  r.use(requireAuth());

  const full = async (ctx: Context, roundId: string) => {
    const p = principalOf(ctx);
    const round = await wishlist.round(p, roundId);
    const [items, tally, myVote] = await Promise.all([
      wishlist.items(p.communityId, roundId),
      wishlist.tally(p.communityId, roundId),
      p.kind === 'resident' ? wishlist.myVote(p, roundId) : Promise.resolve(undefined),
    ]);
    return wishRoundDto(round, items, tally, myVote, deps);
  };

  r.post('/', async (ctx) => {
    const round = await wishlist.createRound(principalOf(ctx), body(ctx, WishRoundCreate));
    ctx.status = 201;
    ctx.body = await full(ctx, String(round._id));
  });

  r.get('/', async (ctx) => {
    const { items, nextCursor } = await wishlist.listRounds(principalOf(ctx), query(ctx, WishRoundQuery));
    ctx.body = { items: items.map((i) => wishRoundSummaryDto(i.round, i.itemCount)), nextCursor };
  });

  r.get('/items/:id', async (ctx) => {
    ctx.body = await wishItemDto(await wishlist.item(principalOf(ctx), idParam(ctx)), deps);
  });

  r.post('/items/:id/transition', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await wishItemDto(await wishlist.transition(principalOf(ctx), id, body(ctx, WishItemTransitionBody)), deps);
  });

  r.post('/items/:id/progress', async (ctx) => {
    const id = idParam(ctx);
    ctx.status = 201;
    ctx.body = await wishItemDto(await wishlist.addProgress(principalOf(ctx), id, body(ctx, WishProgressCreate)), deps);
  });

  r.post('/items/:id/ledger-links', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await wishItemDto(await wishlist.linkLedger(principalOf(ctx), id, body(ctx, WishLedgerLink).entryId), deps);
  });

  r.get('/:id', async (ctx) => {
    ctx.body = await full(ctx, idParam(ctx));
  });

  r.get('/:id/tally', async (ctx) => {
    const id = idParam(ctx);
    const p = principalOf(ctx);
    await wishlist.round(p, id);
    ctx.body = await wishlist.tally(p.communityId, id);
  });

  r.get('/:id/votes', async (ctx) => {
    const votes = await wishlist.register(principalOf(ctx), idParam(ctx));
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
    const id = idParam(ctx);
    const { itemIds } = body(ctx, WishVoteCast);
    const { vote, tally } = await wishlist.vote(principalOf(ctx), id, itemIds);
    ctx.status = 201;
    ctx.body = { vote: { itemIds: vote.itemIds, source: vote.source, at: vote.createdAt.toISOString() }, tally };
  });

  r.post('/:id/paper-votes', async (ctx) => {
    const id = idParam(ctx);
    const input = body(ctx, WishPaperVotes);
    ctx.body = await wishlist.paperVotes(principalOf(ctx), id, input);
  });

  r.post('/:id/close', async (ctx) => {
    const id = idParam(ctx);
    await wishlist.closeRound(principalOf(ctx), id);
    ctx.body = await full(ctx, id);
  });

  return r;
}
