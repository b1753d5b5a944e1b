// Bot-only route table: the pending feed (catch-up after being offline), acknowledgements, and 我的工单 lookup by WeChat identity.
import { z } from 'zod';
import { BotFeedQuery, BotTicketQuery, ObjectIdString } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { UploadsApi } from '../uploads/upload.service';
import { ticketDto } from '../tickets/ticket.dto';
import { botFeedDto, type BotFeedService } from './bot-feed.service';
import type { BotHealth } from './bot-health';

const IdParams = z.object({ id: ObjectIdString });

/**
 * 'signed-in' rather than 'bot': the service answers anyone else with its own message (仅限社区机器人),
 * after the query is checked, as before.
 */
export function botFeedRoutes(feed: BotFeedService, uploads: UploadsApi, health: BotHealth): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/bot/feed', auth: 'signed-in', query: BotFeedQuery,
      summary: 'Unacknowledged items the group bot must post, oldest first (bot only)',
      async handler({ principal: p, query }) {
        const items = await feed.pending(p, query);
        // Recorded only once the service has accepted the caller as the community's bot.
        if (query.outbox !== undefined) health.report(p.communityId, query.outbox, query.outboxOldestSeconds ?? 0);
        return { items: items.map(botFeedDto) };
      },
    }),
    route({
      method: 'post', path: '/api/bot/feed/:id/ack', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'The bot posted an item (acknowledging twice is harmless; bot only)',
      async handler({ principal: p, params }) {
        return botFeedDto(await feed.ack(p, params.id));
      },
    }),
    route({
      method: 'get', path: '/api/bot/tickets', auth: 'signed-in', query: BotTicketQuery,
      summary: "Tickets one WeChat user reported through the bot, resident view (我的工单; bot only)",
      async handler({ principal: p, query }) {
        const items = await feed.ticketsOf(p, query);
        return { items: await Promise.all(items.map((t) => ticketDto(t, 'resident', uploads))) };
      },
    }),
  ];
}
