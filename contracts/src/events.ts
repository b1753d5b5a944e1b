// Socket.io event maps: what the server pushes and what clients may emit.
import type { BotFeedItemDto } from './bot';
import type { PostDto, PostRemovedEvent, PostRepliedEvent } from './board';
import type { AlertDto } from './alerts';
import type { NoticePublishedEvent } from './notices';
import type { DoorKnockOpenedEvent } from './door-knock';
import type { TicketDto } from './tickets';
import type { WishlistUpdatedEvent } from './wishlist';
import type { LedgerUpdatedEvent } from './ledger';

/** Server → client. Payloads of domains that land later are typed by their own contracts. */
export interface ServerToClientEvents {
  'ticket:created': (ticket: TicketDto) => void;
  'ticket:updated': (ticket: TicketDto) => void;
  /** To the community's bot room: something the group bot must post (ack with POST /api/bot/feed/:id/ack). */
  'bot:feed': (item: BotFeedItemDto) => void;
  /** To each targeted resident (their view) and to staff (staff view). */
  'notice:published': (notice: NoticePublishedEvent) => void;
  /** Staff only: an urgent notice's door-knock list was made (each grid worker looks for their buildings). */
  'notice:door-knock': (event: DoorKnockOpenedEvent) => void;
  'post:created': (post: PostDto) => void;
  'post:replied': (event: PostRepliedEvent) => void;
  /** A post changed (approved, restored, reply moderated, turned into a ticket). */
  'post:updated': (post: PostDto) => void;
  /** A post residents could see was hidden. */
  'post:removed': (event: PostRemovedEvent) => void;
  /** Staff get the full alert (health readings of personal alerts omitted); residents get public-safety alerts only. */
  'alert:raised': (alert: AlertDto) => void;
  'alert:updated': (alert: AlertDto) => void;
  /** Wish-list tally changed (a household voted) or an item moved / got progress; to residents and staff. */
  'wishlist:updated': (event: WishlistUpdatedEvent) => void;
  /** Staff only: a ledger entry was drafted, published, rejected or marked reversed. */
  'ledger:updated': (event: LedgerUpdatedEvent) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (pong: { at: string }) => void) => void;
}

export const SERVER_EVENTS = [
  'ticket:created',
  'ticket:updated',
  'bot:feed',
  'notice:published',
  'notice:door-knock',
  'post:created',
  'post:replied',
  'post:updated',
  'post:removed',
  'alert:raised',
  'alert:updated',
  'wishlist:updated',
  'ledger:updated',
] as const;
