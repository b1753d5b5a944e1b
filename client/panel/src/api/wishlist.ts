// Typed calls to the renovation wish list (see contracts/src/wishlist.ts).
import type { Page, WishItemAction, WishItemDto, WishPaperResultDto, WishPaperVotes, WishRoundCreate, WishRoundDto, WishRoundSummaryDto } from '@linli/contracts';
import { get, post } from './http';

export const wishlistApi = {
  rounds: () => get<Page<WishRoundSummaryDto>>('/api/wishlists?limit=50'),
  round: (id: string) => get<WishRoundDto>(`/api/wishlists/${id}`),
  create: (r: WishRoundCreate) => post<WishRoundDto>('/api/wishlists', r),
  close: (id: string) => post<WishRoundDto>(`/api/wishlists/${id}/close`),
  transition: (itemId: string, action: WishItemAction, reason?: string) => post<WishItemDto>(`/api/wishlists/items/${itemId}/transition`, { action, reason }),
  progress: (itemId: string, note: string) => post<WishItemDto>(`/api/wishlists/items/${itemId}/progress`, { note, photos: [] }),
  paperVotes: (roundId: string, v: WishPaperVotes) => post<WishPaperResultDto>(`/api/wishlists/${roundId}/paper-votes`, v),
};
