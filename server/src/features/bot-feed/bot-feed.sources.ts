// What fills the bot queue: ticket progress of bot reports, group notices, public-safety alerts and their end, and any feature's bot.post.
import { Coalescer } from '../../core/coalesce';
import { on, type Subscription } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { BotFeedService } from './bot-feed.service';

/** A raised alert's group message waits at most this long for the others raised with it (see core/coalesce.ts). */
const ALERT_WINDOW_MS = 25;

export function botFeedSources(feed: BotFeedService): Subscription<DomainEvents>[] {
  // A storm's public alerts are queued for the group together: one insert for the lot, not one per turn.
  const alertWindow = new Coalescer(ALERT_WINDOW_MS);
  return [
    on<DomainEvents, 'ticket.updated'>('ticket.updated', ({ ticket, change }) => feed.onTicketUpdated(ticket, change)),
    on<DomainEvents, 'notice.published'>('notice.published', ({ notice }) => feed.onNoticePublished(notice)),
    on<DomainEvents, 'alert.raised'>('alert.raised', ({ alert }) => alertWindow.run(() => feed.onAlertRaised(alert))),
    // Through the same window, after it: a group never hears an alert's end before its start.
    on<DomainEvents, 'alert.updated'>('alert.updated', ({ alert, change }) =>
      change === 'resolve' && alert.audience === 'public' ? alertWindow.run(() => feed.onAlertUpdated(alert, change)) : undefined,
    ),
    on<DomainEvents, 'bot.post'>('bot.post', async (p) => {
      await feed.enqueue(p);
    }),
  ];
}
