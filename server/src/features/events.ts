// The domain event map: every feature's events merged into the one type the bus is checked against.
import type { EventBus } from '../core/events';
import type { TicketEvents } from './tickets/ticket.events';
import type { FaqEvents } from './faq/faq.events';
import type { NoticeDoc } from './notices/notice.model';
import type { AlertEvents } from './alerts/alert.events';
import type { BoardEvents } from './board/board.events';
import type { BotFeedEvents } from './bot-feed/bot-feed.events';
import type { LedgerEntryDoc, LedgerStatementDoc } from './ledger/ledger.model';
import type { WishlistUpdatedEvent } from '@linli/contracts';
import type { WishItemDoc } from './wishlist/wishlist.model';

/**
 * Every domain event and its payload: each feature's own map (in its `<domain>.events.ts`) is merged here.
 * TRANSITIONAL (issue 11): the entries written out below move into their features' maps as each feature moves to its face.
 */
export interface DomainEvents extends TicketEvents, FaqEvents, BotFeedEvents, AlertEvents, BoardEvents {
  /** A notice's audience was resolved (issue 3): the socket transport pushes it at once to `residentIds` (reached and consented to push), before the receipts are written. */
  'notice.push': { notice: NoticeDoc; residentIds: string[] };
  /** A notice was published, its receipts written (issue 3): staff are told, SMS / subscribe deliveries start, the bot posts it when `group` is among its channels. */
  'notice.published': { notice: NoticeDoc };
  /** Ledger (issue 8): an entry was drafted, published, rejected or marked reversed. */
  'ledger.entry.changed': { entry: LedgerEntryDoc; change: 'created' | 'published' | 'rejected' | 'reversed' };
  /** Ledger (issue 8): a monthly statement was generated; residents are told (notices when present, else the group bot). */
  'ledger.statement.published': { statement: LedgerStatementDoc };
  /** Wish list (issue 8): a tally, an item or a round changed; the socket transport adds the item's view. */
  'wishlist.updated': { communityId: string; event: WishlistUpdatedEvent; item?: WishItemDoc };
}

export type DomainEventName = keyof DomainEvents;
export type Bus = EventBus<DomainEvents>;
