// Feeds the bot queue from domain events and pushes each queued item to the community's bot socket room.
import type { Bus } from '../events';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import { botFeedDto, type BotFeedService } from './bot-feed.service';

/** Events owned by other features, subscribed by name so this feature does not depend on their payload types. */
type LooseBus = { on(name: string, handler: (payload: unknown) => void | Promise<void>): () => void };

export function botFeedEvents(bus: Bus, io: Io, feed: BotFeedService): void {
  bus.on('ticket.updated', ({ ticket, change }) => feed.onTicketUpdated(ticket, change));
  bus.on('bot.post', (p) => feed.enqueue(p).then(() => undefined));
  const loose = bus as unknown as LooseBus;
  loose.on('notice.published', (p) => feed.onNoticePublished(p));
  loose.on('alert.raised', (p) => feed.onAlertRaised(p));
  loose.on('alert.updated', (p) => feed.onAlertUpdated(p));
  bus.on('bot.feed.queued', ({ item }) => {
    io.to(rooms.bot(item.communityId)).emit('bot:feed', botFeedDto(item));
  });
}
