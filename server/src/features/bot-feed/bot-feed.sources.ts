// What fills the bot queue: ticket progress of bot reports, group notices, public-safety alerts and their end, and any feature's bot.post.
import { on, type Subscription } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { BotFeedService } from './bot-feed.service';

export function botFeedSources(feed: BotFeedService): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'ticket.updated'>('ticket.updated', ({ ticket, change }) => feed.onTicketUpdated(ticket, change)),
    on<DomainEvents, 'notice.published'>('notice.published', ({ notice }) => feed.onNoticePublished(notice)),
    on<DomainEvents, 'alert.raised'>('alert.raised', ({ alert }) => feed.onAlertRaised(alert)),
    on<DomainEvents, 'alert.updated'>('alert.updated', ({ alert, change }) => feed.onAlertUpdated(alert, change)),
    on<DomainEvents, 'bot.post'>('bot.post', async (p) => {
      await feed.enqueue(p);
    }),
  ];
}
