// Pushes each queued item to the community's bot socket room, so the bot posts it at once (the feed endpoint is its catch-up).
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import { botFeedDto } from './bot-feed.service';

export function botFeedSockets(io: Io): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'bot.feed.queued'>('bot.feed.queued', ({ item }) => {
      io.to(rooms.bot(item.communityId)).emit('bot:feed', botFeedDto(item));
    }),
  ];
}
