// Board route table: /api/posts (post, list, read, reply, moderate, turn into a ticket) and /api/board/sensitive-words.
import { z } from 'zod';
import {
  ModerationNote,
  ModerationReason,
  ObjectIdString,
  PostCreate,
  PostQuery,
  PostToTicket,
  ReplyCreate,
  SensitiveWords,
  type Principal,
  type StaffPrincipal,
} from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { RateLimits } from '../../core/rate-limit';
import type { UploadsApi } from '../uploads/upload.service';
import { onePostDto, postDtos, replyDto } from './board.dto';
import type { PostDoc } from './board.model';
import { viewerOf, type BoardService } from './board.service';

/** Per resident: a few posts and a steady trickle of replies, so one account cannot flood the board. */
export const BOARD_RATE = { posts: { limit: 5, windowMs: 10 * 60_000 }, replies: { limit: 20, windowMs: 10 * 60_000 } };

const IdParams = z.object({ id: ObjectIdString });
const ReplyParams = z.object({ id: ObjectIdString, replyId: ObjectIdString });
/** Community workers and grid workers moderate; the sensitive-word list is for community workers. */
const MODERATE = ['staff', 'grid'] as const;
const WORDS = ['staff'] as const;

/** The adapter has checked the caller is staff for these routes. */
const asStaff = (p: Principal) => p as StaffPrincipal;

export function boardRoutes(board: BoardService, uploads: UploadsApi, limits: RateLimits): AnyRoute[] {
  const postLimiter = limits.limiter('board.posts', BOARD_RATE.posts.limit, BOARD_RATE.posts.windowMs);
  const replyLimiter = limits.limiter('board.replies', BOARD_RATE.replies.limit, BOARD_RATE.replies.windowMs);
  const view = (p: Principal, post: PostDoc) => onePostDto(post, viewerOf(p), uploads);

  return [
    route({
      method: 'post', path: '/api/posts', auth: 'signed-in', body: PostCreate, status: 201, errors: ['RATE_LIMITED'],
      summary: 'Post on the message board (held for review when it contains a sensitive word; staff may register one for a resident)',
      async handler({ principal: p, body }) {
        const prepared = await board.prepare(p, body);
        // Counted only once everything that can refuse the post has passed.
        if (p.kind === 'resident') await postLimiter.take(`resident:${p.id}`, '发帖太频繁，请稍后再试');
        return view(p, await board.commit(prepared));
      },
    }),
    route({
      method: 'get', path: '/api/posts', auth: 'signed-in', query: PostQuery,
      summary: 'Posts the caller may see, newest first (keyset cursor)',
      async handler({ principal: p, query }) {
        const { items, nextCursor } = await board.list(p, query);
        return { items: await postDtos(items, viewerOf(p), uploads), nextCursor };
      },
    }),
    route({
      method: 'get', path: '/api/posts/:id', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'A post with its replies',
      async handler({ principal: p, params }) {
        return view(p, await board.get(p, params.id));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/replies', auth: 'signed-in', params: IdParams, body: ReplyCreate, status: 201,
      errors: ['NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'],
      summary: 'Reply to a published post (staff replies are official)',
      async handler({ principal: p, params, body }) {
        if (p.kind === 'resident') await replyLimiter.take(`resident:${p.id}`, '回复太频繁，请稍后再试');
        const { reply } = await board.reply(p, params.id, body);
        return replyDto(reply, viewerOf(p));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/hide', auth: MODERATE, params: IdParams, body: ModerationReason, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Hide a post, with the reason its author will see',
      async handler({ principal: p, params, body }) {
        return view(p, await board.hide(asStaff(p), params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/restore', auth: MODERATE, params: IdParams, body: ModerationNote, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Show a hidden post again',
      async handler({ principal: p, params, body }) {
        return view(p, await board.restore(asStaff(p), params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/approve', auth: MODERATE, params: IdParams, body: ModerationNote, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Publish a post held for review',
      async handler({ principal: p, params, body }) {
        return view(p, await board.approve(asStaff(p), params.id, body));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/replies/:replyId/hide', auth: MODERATE, params: ReplyParams, body: ModerationReason,
      errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Hide a reply, with a reason',
      async handler({ principal: p, params, body }) {
        return view(p, await board.hideReply(asStaff(p), params.id, params.replyId, body));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/replies/:replyId/restore', auth: MODERATE, params: ReplyParams, body: ModerationNote,
      errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Show a hidden reply again',
      async handler({ principal: p, params, body }) {
        return view(p, await board.restoreReply(asStaff(p), params.id, params.replyId, body));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/replies/:replyId/approve', auth: MODERATE, params: ReplyParams, body: ModerationNote,
      errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Publish a reply held for review',
      async handler({ principal: p, params, body }) {
        return view(p, await board.approveReply(asStaff(p), params.id, params.replyId, body));
      },
    }),
    route({
      method: 'post', path: '/api/posts/:id/ticket', auth: MODERATE, params: IdParams, body: PostToTicket, status: 201,
      errors: ['NOT_FOUND', 'CONFLICT'],
      summary: "File a desk ticket for a resident's post; the post and the ticket link to each other (a repeated request reuses the ticket)",
      async handler({ principal: p, params, body }) {
        return view(p, await board.toTicket(asStaff(p), params.id, body));
      },
    }),
    route({
      method: 'get', path: '/api/board/sensitive-words', auth: WORDS, response: SensitiveWords,
      summary: "The community's sensitive words (posts containing one are held for review)",
      async handler({ principal: p }) {
        return { words: await board.sensitiveWords(p.communityId) };
      },
    }),
    route({
      method: 'put', path: '/api/board/sensitive-words', auth: WORDS, body: SensitiveWords, response: SensitiveWords,
      summary: "Replace the community's sensitive words",
      async handler({ principal: p, body }) {
        return { words: await board.setSensitiveWords(asStaff(p), body.words) };
      },
    }),
  ];
}
