// Ticket endpoints: parse, call the service, shape the reply for the viewer.
import Router from '@koa/router';
import type { Context } from 'koa';
import { TicketComment, TicketCreate, TicketQuery, TicketRating, TicketTranscript, TicketTransitionBody } from '@linli/contracts';
import { principalOf, requireAuth } from '../../http/auth';
import { AppError } from '../../http/errors';
import { body, idParam, query } from '../../http/validate';
import { RateLimiter } from '../../core/rate-limit';
import type { UploadService } from '../uploads/upload.service';
import { ticketDto } from './ticket.dto';
import type { TicketDoc } from './ticket.model';
import type { TicketService } from './ticket.service';

export function ticketRoutes(tickets: TicketService, uploads: UploadService): Router {
  const r = new Router({ prefix: '/api/tickets' });
  const createLimiter = new RateLimiter(20, 60 * 60 * 1000);
  const view = (ctx: Context, t: TicketDoc) => ticketDto(t, principalOf(ctx).kind === 'resident' ? 'resident' : 'staff', uploads);

  r.use(requireAuth());

  r.post('/', async (ctx) => {
    const p = principalOf(ctx);
    const input = body(ctx, TicketCreate);
    const key = ctx.get('Idempotency-Key') || undefined;
    if (key && !/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) throw new AppError('VALIDATION', 'Idempotency-Key 格式不正确');
    if (p.kind === 'resident') createLimiter.take(`resident:${p.id}`, '报事太频繁，请稍后再试');
    const { ticket, created } = await tickets.create(p, input, key);
    ctx.status = created ? 201 : 200;
    ctx.body = await view(ctx, ticket);
  });

  r.get('/', async (ctx) => {
    const { items, nextCursor } = await tickets.list(principalOf(ctx), query(ctx, TicketQuery));
    ctx.body = { items: await Promise.all(items.map((t) => view(ctx, t))), nextCursor };
  });

  r.get('/by-no/:no', async (ctx) => {
    const no = String(ctx.params.no);
    if (!/^[A-Za-z]{1,8}-\d{1,10}$/.test(no)) throw new AppError('VALIDATION', '工单号格式不正确');
    ctx.body = await view(ctx, await tickets.getByNo(principalOf(ctx), no));
  });

  r.get('/:id', async (ctx) => {
    ctx.body = await view(ctx, await tickets.getVisible(principalOf(ctx), idParam(ctx)));
  });

  r.post('/:id/transition', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await tickets.transition(principalOf(ctx), id, body(ctx, TicketTransitionBody)));
  });

  r.post('/:id/comments', async (ctx) => {
    const id = idParam(ctx);
    ctx.status = 201;
    ctx.body = await view(ctx, await tickets.comment(principalOf(ctx), id, body(ctx, TicketComment)));
  });

  r.post('/:id/rating', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await tickets.rate(principalOf(ctx), id, body(ctx, TicketRating)));
  });

  r.post('/:id/urge', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await tickets.urge(principalOf(ctx), id));
  });

  r.post('/:id/transcript', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await tickets.transcribe(principalOf(ctx), id, body(ctx, TicketTranscript).transcript));
  });

  return r;
}
