// Wish-list route table: rounds, household votes (app and paper), and the item life cycle after the round.
import { z } from 'zod';
import {
  ObjectIdString,
  WishItemTransitionBody,
  WishLedgerLink,
  WishPaperVotes,
  WishProgressCreate,
  WishRoundCreate,
  WishRoundQuery,
  WishVoteCast,
  type Principal,
} from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import { wishItemDto, wishRoundDto, wishRoundSummaryDto, type WishDtoDeps } from './wishlist.dto';
import type { WishlistService } from './wishlist.service';

const IdParams = z.object({ id: ObjectIdString });

export function wishlistRoutes(wishlist: WishlistService, deps: WishDtoDeps): AnyRoute[] {
  const full = async (p: Principal, roundId: string) => {
    const round = await wishlist.round(p, roundId);
    const [items, tally, myVote] = await Promise.all([
      wishlist.items(p.communityId, roundId),
      wishlist.tally(p.communityId, roundId),
      p.kind === 'resident' ? wishlist.myVote(p, roundId) : Promise.resolve(undefined),
    ]);
    return wishRoundDto(round, items, tally, myVote, deps);
  };

  // 'signed-in' throughout: the service answers with its own Chinese message who may do what.
  return [
    route({
      method: 'post', path: '/api/wishlists', auth: 'signed-in', body: WishRoundCreate, status: 201,
      summary: 'Open a wish-list round with its items (staff)',
      async handler({ principal: p, body }) {
        const round = await wishlist.createRound(p, body);
        return full(p, String(round._id));
      },
    }),
    route({
      method: 'get', path: '/api/wishlists', auth: 'signed-in', query: WishRoundQuery,
      summary: 'Rounds, newest first',
      async handler({ principal: p, query }) {
        const { items, nextCursor } = await wishlist.listRounds(p, query);
        return { items: items.map((i) => wishRoundSummaryDto(i.round, i.itemCount)), nextCursor };
      },
    }),
    route({
      method: 'get', path: '/api/wishlists/items/:id', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'One wish item with its progress and linked ledger entries',
      async handler({ principal: p, params }) {
        return wishItemDto(await wishlist.item(p, params.id), deps);
      },
    }),
    route({
      method: 'post', path: '/api/wishlists/items/:id/transition', auth: 'signed-in', params: IdParams, body: WishItemTransitionBody, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Move a wish item along its life cycle after the round (staff)',
      async handler({ principal: p, params, body }) {
        return wishItemDto(await wishlist.transition(p, params.id, body), deps);
      },
    }),
    route({
      method: 'post', path: '/api/wishlists/items/:id/progress', auth: 'signed-in', params: IdParams, body: WishProgressCreate, status: 201, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Add a progress note (with photos) to a wish item (staff)',
      async handler({ principal: p, params, body }) {
        return wishItemDto(await wishlist.addProgress(p, params.id, body), deps);
      },
    }),
    route({
      method: 'post', path: '/api/wishlists/items/:id/ledger-links', auth: 'signed-in', params: IdParams, body: WishLedgerLink, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Link a published ledger entry (money spent) to a wish item (staff)',
      async handler({ principal: p, params, body }) {
        return wishItemDto(await wishlist.linkLedger(p, params.id, body.entryId), deps);
      },
    }),
    route({
      method: 'get', path: '/api/wishlists/:id', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'A round with its items, live tally and (residents) their household’s vote',
      async handler({ principal: p, params }) {
        return full(p, params.id);
      },
    }),
    route({
      method: 'get', path: '/api/wishlists/:id/tally', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'A round’s tally, counted from the votes',
      async handler({ principal: p, params }) {
        await wishlist.round(p, params.id);
        return wishlist.tally(p.communityId, params.id);
      },
    }),
    route({
      method: 'get', path: '/api/wishlists/:id/votes', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Who voted how: households, app or paper, meeting, who typed it in (staff)',
      async handler({ principal: p, params }) {
        const votes = await wishlist.register(p, params.id);
        const meetings = new Map(
          (await wishlist.meetings(p.communityId, votes.flatMap((v) => (v.meetingId ? [v.meetingId] : [])))).map((m) => [m._id, m]),
        );
        return {
          items: votes.map((v) => {
            const m = v.meetingId ? meetings.get(v.meetingId) : undefined;
            return {
              household: v.household ?? '',
              itemIds: v.itemIds,
              source: v.source,
              ...(v.meeting ? { meeting: v.meeting } : {}),
              ...(m ? { meetingRecord: { id: m._id, date: m.date, place: m.place, minutesTaker: m.minutesTaker } } : {}),
              ...(v.enteredBy ? { enteredBy: v.enteredBy.name } : {}),
              at: v.createdAt.toISOString(),
            };
          }),
        };
      },
    }),
    route({
      method: 'post', path: '/api/wishlists/:id/votes', auth: 'signed-in', params: IdParams, body: WishVoteCast, status: 201, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'A resident votes for their household (once per household, app or paper)',
      async handler({ principal: p, params, body }) {
        const { vote, tally } = await wishlist.vote(p, params.id, body.itemIds);
        return { vote: { itemIds: vote.itemIds, source: vote.source, at: vote.createdAt.toISOString() }, tally };
      },
    }),
    route({
      method: 'post', path: '/api/wishlists/:id/paper-votes', auth: 'signed-in', params: IdParams, body: WishPaperVotes, errors: ['NOT_FOUND'],
      summary: 'Enter a batch of paper ballots from a residents’ meeting (all or nothing; duplicates reported)',
      async handler({ principal: p, params, body }) {
        return wishlist.paperVotes(p, params.id, body);
      },
    }),
    route({
      method: 'post', path: '/api/wishlists/:id/close', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Close a round early (staff)',
      async handler({ principal: p, params }) {
        await wishlist.closeRound(p, params.id);
        return full(p, params.id);
      },
    }),
  ];
}
