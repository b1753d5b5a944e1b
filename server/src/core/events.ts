// In-process domain event bus: services emit, transports (sockets, bot queue, SMS, …) subscribe.
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import type { TicketDoc } from '../features/tickets/ticket.model';
import type { PostDoc } from '../features/board/board.model';
import type { BotFeedDoc } from '../features/bot-feed/bot-feed.model';
import type { BotFeedEnqueue } from '../features/bot-feed/bot-feed.service';

/** Every domain event and its payload. Features add their events here. */
export interface DomainEvents {
  'ticket.created': { ticket: TicketDoc };
  'ticket.updated': { ticket: TicketDoc; change: string };
  /** A board post was created (published, or held for review). */
  'post.created': { post: PostDoc };
  'post.replied': { post: PostDoc; replyId: string };
  /** Moderation or a ticket link changed a post; `before` is its status before the change. */
  'post.updated': { post: PostDoc; change: string; before: PostDoc['status'] };
  /** Any feature asks the community group bot to post something (queued durably, deduplicated by key). */
  'bot.post': BotFeedEnqueue;
  /** An item entered the bot queue (the bot-feed transport pushes it to the bot's socket room). */
  'bot.feed.queued': { item: BotFeedDoc };
}

export type DomainEventName = keyof DomainEvents;

export class EventBus {
  private readonly ee = new EventEmitter();
  constructor(private readonly log: Logger) {
    this.ee.setMaxListeners(100);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void {
    this.ee.emit(name, payload);
  }

  /** Subscribers run after the emitting request's write; their failures are logged, never thrown back. */
  on<K extends DomainEventName>(name: K, handler: (payload: DomainEvents[K]) => void | Promise<void>): () => void {
    const wrapped = (payload: DomainEvents[K]) => {
      try {
        const r = handler(payload);
        if (r && typeof (r as Promise<void>).catch === 'function') {
          (r as Promise<void>).catch((err) => this.log.error({ err, event: name }, 'event subscriber failed'));
        }
      } catch (err) {
        this.log.error({ err, event: name }, 'event subscriber failed');
      }
    };
    this.ee.on(name, wrapped);
    return () => this.ee.off(name, wrapped);
  }

  removeAll(): void {
    this.ee.removeAllListeners();
  }
}
