// The events the wish-list feature emits, merged into the domain event map.
import type { WishlistUpdatedEvent } from '@linli/contracts';
import type { WishItemDoc } from './wishlist.model';

export interface WishlistEvents {
  /** Wish list (issue 8): a tally, an item or a round changed; the socket transport adds the item's view. */
  'wishlist.updated': { communityId: string; event: WishlistUpdatedEvent; item?: WishItemDoc };
}
