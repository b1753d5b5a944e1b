// The domain event map: every feature's events merged into the one type the bus is checked against.
import type { EventBus } from '../core/events';
import type { TicketEvents } from './tickets/ticket.events';
import type { FaqEvents } from './faq/faq.events';
import type { NoticeEvents } from './notices/notice.events';
import type { AlertEvents } from './alerts/alert.events';
import type { NotificationEvents } from './notifications/notifications.events';
import type { BoardEvents } from './board/board.events';
import type { BotFeedEvents } from './bot-feed/bot-feed.events';
import type { LedgerEvents } from './ledger/ledger.events';
import type { WishlistEvents } from './wishlist/wishlist.events';

/** Every domain event and its payload: each feature's own map (in its `<domain>.events.ts`) merged into one. */
export interface DomainEvents
  extends TicketEvents, FaqEvents, NoticeEvents, LedgerEvents, WishlistEvents, BotFeedEvents, AlertEvents, BoardEvents, NotificationEvents {}

export type DomainEventName = keyof DomainEvents;
export type Bus = EventBus<DomainEvents>;
