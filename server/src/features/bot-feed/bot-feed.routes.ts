// Bot-only endpoints: the pending feed (catch-up after being offline), acknowledgements, and 我的工单 lookup by WeChat identity.
import Router from '@koa/router';
import { BotFeedQuery, BotTicketQuery } from '@linli/contracts';
import { principalOf, requireAuth } from '../../http/auth';
import { idParam, query } from '../../http/validate';
import type { UploadService } from '../uploads/upload.service';
import { ticketDto } from '../tickets/ticket.dto';
import { botFeedDto, type BotFeedService } from './bot-feed.service';

export function botFeedRoutes(feed: BotFeedService, uploads: UploadService): Router {
  const r = new Router({ prefix: '/api/bot' });
  r.use(requireAuth());

  r.get('/feed', async (ctx) => {
    const items = await feed.pending(principalOf(ctx), query(ctx, BotFeedQuery));
    ctx.body = { items: items.map(botFeedDto) };
  });

  r.post('/feed/:id/ack', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = botFeedDto(await feed.ack(principalOf(ctx), id));
  });

  r.get('/tickets', async (ctx) => {
    const items = await feed.ticketsOf(principalOf(ctx), query(ctx, BotTicketQuery));
    ctx.body = { items: await Promise.all(items.map((t) => ticketDto(t, 'resident', uploads))) };
  });

  return r;
}
