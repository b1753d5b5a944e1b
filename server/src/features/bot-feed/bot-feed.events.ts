// The events the bot-feed feature carries, merged into the domain event map.
import type { BotFeedDoc } from './bot-feed.model';
import type { BotFeedEnqueue } from './bot-feed.service';

export interface BotFeedEvents {
  /** Any feature asks the community group bot to post something (queued durably, deduplicated by key). */
  'bot.post': BotFeedEnqueue;
  /** An item entered the bot queue (the bot-feed transport pushes it to the bot's socket room). */
  'bot.feed.queued': { item: BotFeedDoc };
  /** The bot posted an item (first acknowledgement only): a private alert message it carried is delivered. */
  'bot.feed.acked': { item: BotFeedDoc };
}
