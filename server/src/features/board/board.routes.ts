// Board endpoints: /api/posts (post, list, read, reply, moderate, turn into a ticket) and /api/board/sensitive-words.
import Router from '@koa/router';
import type { Context } from 'koa';
import { ModerationNote, ModerationReason, PostCreate, PostQuery, PostToTicket, ReplyCreate, SensitiveWords } from '@linli/contracts';
import { RateLimiter } from '../../core/rate-limit';
import { principalOf, requireAuth, requireStaff, type StaffPrincipal } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import type { UploadService } from '../uploads/upload.service';
import { onePostDto, postDtos, replyDto } from './board.dto';
import type { PostDoc } from './board.model';
import { viewerOf, type BoardService } from './board.service';

/** Per resident: a few posts and a steady trickle of replies, so one account cannot flood the board. */
export const BOARD_RATE = { posts: { limit: 5, windowMs: 10 * 60_000 }, replies: { limit: 20, windowMs: 10 * 60_000 } };

export function boardRoutes(board: BoardService, uploads: UploadService): Router {
  const r = new Router();
  const postLimiter = new RateLimiter(BOARD_RATE.posts.limit, BOARD_RATE.posts.windowMs);
  const replyLimiter = new RateLimiter(BOARD_RATE.replies.limit, BOARD_RATE.replies.windowMs);
  const moderate = requireStaff('staff', 'grid');
  const view = (ctx: Context, post: PostDoc) => onePostDto(post, viewerOf(principalOf(ctx)), uploads);
  const staffOf = (ctx: Context) => principalOf(ctx) as StaffPrincipal;

  r.use(['/api/posts', '/api/board'], requireAuth());

  r.post('/api/posts', async (ctx) => {
    const p = principalOf(ctx);
    const prepared = await board.prepare(p, body(ctx, PostCreate));
    if (p.kind === 'resident') postLimiter.take(`resident:${p.id}`, '发帖太频繁，请稍后再试');
    ctx.status = 201;
    ctx.body = await view(ctx, await board.commit(prepared));
  });

  r.get('/api/posts', async (ctx) => {
    const p = principalOf(ctx);
    const { items, nextCursor } = await board.list(p, query(ctx, PostQuery));
    ctx.body = { items: await postDtos(items, viewerOf(p), uploads), nextCursor };
  });

  r.get('/api/posts/:id', async (ctx) => {
    ctx.body = await view(ctx, await board.get(principalOf(ctx), idParam(ctx)));
  });

  r.post('/api/posts/:id/replies', async (ctx) => {
    const p = principalOf(ctx);
    const id = idParam(ctx);
    const input = body(ctx, ReplyCreate);
    if (p.kind === 'resident') replyLimiter.take(`resident:${p.id}`, '回复太频繁，请稍后再试');
    const { reply } = await board.reply(p, id, input);
    ctx.status = 201;
    ctx.body = replyDto(reply, viewerOf(p));
  });

  r.post('/api/posts/:id/hide', moderate, async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await board.hide(staffOf(ctx), id, body(ctx, ModerationReason)));
  });

  r.post('/api/posts/:id/restore', moderate, async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await board.restore(staffOf(ctx), id, body(ctx, ModerationNote)));
  });

  r.post('/api/posts/:id/approve', moderate, async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await board.approve(staffOf(ctx), id, body(ctx, ModerationNote)));
  });

  r.post('/api/posts/:id/replies/:replyId/hide', moderate, async (ctx) => {
    const id = idParam(ctx);
    const replyId = idParam(ctx, 'replyId');
    ctx.body = await view(ctx, await board.hideReply(staffOf(ctx), id, replyId, body(ctx, ModerationReason)));
  });

  r.post('/api/posts/:id/replies/:replyId/restore', moderate, async (ctx) => {
    const [id, replyId] = [idParam(ctx), idParam(ctx, 'replyId')];
    ctx.body = await view(ctx, await board.restoreReply(staffOf(ctx), id, replyId, body(ctx, ModerationNote)));
  });

  r.post('/api/posts/:id/replies/:replyId/approve', moderate, async (ctx) => {
    const [id, replyId] = [idParam(ctx), idParam(ctx, 'replyId')];
    ctx.body = await view(ctx, await board.approveReply(staffOf(ctx), id, replyId, body(ctx, ModerationNote)));
  });

  r.post('/api/posts/:id/ticket', moderate, async (ctx) => {
    const id = idParam(ctx);
    const input = body(ctx, PostToTicket);
    ctx.status = 201;
    ctx.body = await view(ctx, await board.toTicket(staffOf(ctx), id, input));
  });

  r.get('/api/board/sensitive-words', requireStaff('staff'), async (ctx) => {
    ctx.body = { words: await board.sensitiveWords(principalOf(ctx).communityId) };
  });

  r.put('/api/board/sensitive-words', requireStaff('staff'), async (ctx) => {
    const { words } = body(ctx, SensitiveWords);
    ctx.body = { words: await board.setSensitiveWords(staffOf(ctx), words) };
  });

  return r;
}
