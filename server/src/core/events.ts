// In-process domain event bus: services emit, transports (sockets, bot queue, SMS, …) subscribe.
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import type { TicketDoc } from '../features/tickets/ticket.model';
import type { NoticeDoc } from '../features/notices/notice.model';
import type { AlertDto, EmergencyContact, EscalationLevel } from '@linli/contracts';
import type { AlertDoc } from '../features/alerts/alert.model';
import type { PostDoc } from '../features/board/board.model';
import type { BotFeedDoc } from '../features/bot-feed/bot-feed.model';
import type { BotFeedEnqueue } from '../features/bot-feed/bot-feed.service';
import type { LedgerEntryDoc, LedgerStatementDoc } from '../features/ledger/ledger.model';
import type { WishlistUpdatedEvent } from '@linli/contracts';
import type { WishItemDoc } from '../features/wishlist/wishlist.model';

/** Every domain event and its payload. Features add their events here. */
export interface DomainEvents {
  'ticket.created': { ticket: TicketDoc };
  'ticket.updated': { ticket: TicketDoc; change: string };
  /** A notice's audience was resolved (issue 3): the socket transport pushes it at once to `residentIds` (reached and consented to push), before the receipts are written. */
  'notice.push': { notice: NoticeDoc; residentIds: string[] };
  /** A notice was published, its receipts written (issue 3): staff are told, SMS / subscribe deliveries start, the bot posts it when `group` is among its channels. */
  'notice.published': { notice: NoticeDoc };
  /** Every new alert (staff sockets). */
  'alert.opened': { alert: AlertDoc };
  /** Any change: repeated (dedupe count), escalated, ack, resolve, ticket. */
  'alert.updated': { alert: AlertDoc; change: string };
  /** Public-safety alerts ONLY (fire lane, smoke, water leak, trash overflow), public view: the group bot's feed. Personal alerts never appear here. */
  'alert.raised': { alert: AlertDto };
  /** Who must be told at a level: staff ids, and (level grid, personal alerts) the resident's emergency contacts for SMS. */
  'alert.notify': { alert: AlertDoc; level: EscalationLevel; staff: { id: string; name: string }[]; contacts: EmergencyContact[] };
  /** A wristband's sign of life (heartbeat or a normal heart-rate reading): counts as the wearer's daily check-in. */
  'device.heartbeat': { communityId: string; deviceId: string; residentId: string; at: Date };
  /** A board post was created (published, or held for review). */
  'post.created': { post: PostDoc };
  'post.replied': { post: PostDoc; replyId: string };
  /** Moderation or a ticket link changed a post; `before` is its status before the change. */
  'post.updated': { post: PostDoc; change: string; before: PostDoc['status'] };
  /** A resident or the bot asked the FAQ something no rule answers. */
  'faq.unanswered': { communityId: string; text: string; asker: 'resident' | 'bot'; at: Date };
  /** Any feature asks the community group bot to post something (queued durably, deduplicated by key). */
  'bot.post': BotFeedEnqueue;
  /** An item entered the bot queue (the bot-feed transport pushes it to the bot's socket room). */
  'bot.feed.queued': { item: BotFeedDoc };
  /** Ledger (issue 8): an entry was drafted, published, rejected or marked reversed. */
  'ledger.entry.changed': { entry: LedgerEntryDoc; change: 'created' | 'published' | 'rejected' | 'reversed' };
  /** Ledger (issue 8): a monthly statement was generated; residents are told (notices when present, else the group bot). */
  'ledger.statement.published': { statement: LedgerStatementDoc };
  /** Wish list (issue 8): a tally, an item or a round changed; the socket transport adds the item's view. */
  'wishlist.updated': { communityId: string; event: WishlistUpdatedEvent; item?: WishItemDoc };
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
