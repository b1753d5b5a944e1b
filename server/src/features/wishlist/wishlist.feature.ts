// The wish-list feature's face: rounds of household voting (app and paper), live tallies, and the item life cycle linked to the ledger.
import type { CommunitiesApi } from '../communities/community.service';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { LedgerApi } from '../ledger/ledger.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { UploadsApi } from '../uploads/upload.service';
import { wishlistSockets } from './wishlist.realtime';
import { wishlistRoutes } from './wishlist.routes';
import { WishlistService } from './wishlist.service';

export interface WishlistNeeds {
  communities: CommunitiesApi;
  uploads: UploadsApi;
  residents: ResidentsApi;
  ledger: LedgerApi;
}

export function wishlistFeature(core: FeatureCore, needs: WishlistNeeds): LinliFace<WishlistService> {
  const wishlist = new WishlistService(core.conn, { bus: core.bus, ...needs });
  const dtoDeps = { uploads: needs.uploads, ledger: needs.ledger };
  return {
    name: 'wishlist',
    api: wishlist,
    routes: wishlistRoutes(wishlist, dtoDeps),
    emits: ['wishlist.updated'],
    subscriptions: wishlistSockets(core.io, dtoDeps),
  };
}
