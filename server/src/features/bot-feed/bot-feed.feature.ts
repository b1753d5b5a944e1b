// The bot-feed feature's face: what the community group bot must post, queued durably, pushed to its socket room and kept until acknowledged; and the panel's 群聊模拟 proxy.
import type { FeatureCore, LinliFace } from '../feature-core';
import type { TicketsApi } from '../tickets/ticket.service';
import type { UploadsApi } from '../uploads/upload.service';
import { botDemoRoutes } from './bot-demo.routes';
import { botFeedSockets } from './bot-feed.realtime';
import { botFeedRoutes } from './bot-feed.routes';
import { BotFeedService } from './bot-feed.service';
import { botFeedSources } from './bot-feed.sources';
import { BotHealth } from './bot-health';

export interface BotFeedNeeds {
  tickets: Pick<TicketsApi, 'ofBotReporter'>;
  /** Attachments of the tickets shown in 我的工单 (the tickets' own view needs the whole service). */
  uploads: UploadsApi;
}

export function botFeedFeature(core: FeatureCore, needs: BotFeedNeeds): LinliFace<BotFeedService> {
  const feed = new BotFeedService(core.conn, core.bus, needs.tickets);
  return {
    name: 'bot-feed',
    api: feed,
    routes: [...botFeedRoutes(feed, needs.uploads, new BotHealth(core.metrics)), ...botDemoRoutes(core.config)],
    emits: ['bot.feed.queued', 'bot.feed.acked'],
    subscriptions: [...botFeedSources(feed), ...botFeedSockets(core.io)],
  };
}
