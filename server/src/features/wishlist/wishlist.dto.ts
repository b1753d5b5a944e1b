// Shapes wish-list documents for residents and staff: photos as signed URLs, linked ledger entries with the money spent.
import type { WishItemDto, WishRoundDto, WishRoundSummaryDto, WishTallyDto } from '@linli/contracts';
import { ledgerEntryDto } from '../ledger/ledger.dto';
import type { LedgerApi } from '../ledger/ledger.service';
import type { UploadsApi } from '../uploads/upload.service';
import type { WishItemDoc, WishRoundDoc, WishVoteDoc } from './wishlist.model';
import { phaseOf } from './wishlist.service';

export interface WishDtoDeps {
  uploads: UploadsApi;
  ledger: LedgerApi;
}

export async function wishItemDto(it: WishItemDoc, d: WishDtoDeps): Promise<WishItemDto> {
  const entries = await d.ledger.publishedByIds(it.communityId, it.ledgerEntryIds ?? []);
  // A linked expense that was later reversed no longer counts as spent.
  const spent = entries.filter((e) => !e.reversedById).reduce((s, e) => s + e.amount, 0);
  return {
    id: String(it._id),
    roundId: String(it.roundId),
    no: it.no,
    title: it.title,
    ...(it.description ? { description: it.description } : {}),
    ...(it.estimatedCost !== undefined ? { estimatedCost: it.estimatedCost } : {}),
    photos: await d.uploads.attachments(it.communityId, it.photos ?? []),
    subItems: (it.subItems ?? []).map((s) => ({
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      ...(s.estimatedCost !== undefined && s.estimatedCost !== null ? { estimatedCost: s.estimatedCost } : {}),
    })),
    status: it.status,
    ...(it.rejectReason ? { rejectReason: it.rejectReason } : {}),
    progress: await Promise.all(
      (it.progress ?? []).map(async (pr) => ({
        at: pr.at.toISOString(),
        kind: pr.kind,
        ...(pr.from ? { from: pr.from } : {}),
        ...(pr.to ? { to: pr.to } : {}),
        ...(pr.note ? { note: pr.note } : {}),
        photos: await d.uploads.attachments(it.communityId, pr.photos ?? []),
        by: pr.by.name,
      })),
    ),
    ledgerEntries: await Promise.all(entries.map((e) => ledgerEntryDto(e, 'resident', d.uploads))),
    spent,
  };
}

export function wishRoundSummaryDto(r: WishRoundDoc, itemCount: number): WishRoundSummaryDto {
  return {
    id: String(r._id),
    title: r.title,
    maxChoices: r.maxChoices,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    phase: phaseOf(r),
    itemCount,
  };
}

export async function wishRoundDto(
  r: WishRoundDoc,
  items: WishItemDoc[],
  tally: WishTallyDto,
  myVote: WishVoteDoc | null | undefined,
  d: WishDtoDeps,
): Promise<WishRoundDto> {
  return {
    id: String(r._id),
    communityId: r.communityId,
    title: r.title,
    ...(r.description ? { description: r.description } : {}),
    maxChoices: r.maxChoices,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    phase: phaseOf(r),
    createdAt: r.createdAt.toISOString(),
    items: await Promise.all(items.map((it) => wishItemDto(it, d))),
    tally,
    ...(myVote !== undefined ? { myVote: myVote ? { itemIds: myVote.itemIds, source: myVote.source, at: myVote.createdAt.toISOString() } : null } : {}),
  };
}
