// Renovation wish list (心愿清单): rounds, one vote set per household, and how a live tally changes a loaded round.
import type { Page, WishRoundDto, WishRoundSummaryDto, WishTallyDto, WishlistUpdatedEvent } from '@linli/contracts';
import { api } from './api';

export const listRounds = () => api.get<Page<WishRoundSummaryDto>>('/wishlists?limit=20');

export const getRound = (id: string) => api.get<WishRoundDto>(`/wishlists/${id}`);

export const castVote = (id: string, itemIds: string[]) =>
  api.post<{ vote: { itemIds: string[]; source: 'app' | 'paper'; at: string }; tally: WishTallyDto }>(`/wishlists/${id}/votes`, { itemIds });

export function applyWishUpdate(round: WishRoundDto, e: WishlistUpdatedEvent): WishRoundDto {
  if (e.roundId !== round.id) return round;
  let next = e.tally ? { ...round, tally: e.tally } : round;
  if (e.item) next = { ...next, items: next.items.map((i) => (i.id === e.item!.id ? e.item! : i)) };
  return next;
}

export function votesFor(tally: WishTallyDto, itemId: string): number {
  return tally.items.find((i) => i.itemId === itemId)?.votes ?? 0;
}
