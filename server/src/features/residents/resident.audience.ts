// The one audience predicate: who a targeted notice reaches, as a filter over the residents registry (preview, publication and read checks alike).
import { Types, type FilterQuery } from 'mongoose';
import { shanghaiYear, type NoticeAudience } from '@linli/contracts';
import type { ResidentDoc } from './resident.model';

/**
 * Verified residents only (a WeChat login not yet in the registry is nobody's audience).
 * Different kinds of criteria AND together; values within one list OR; `all` adds no restriction.
 */
export function audienceFilter(a: NoticeAudience, now = new Date()): FilterQuery<ResidentDoc> {
  const f: FilterQuery<ResidentDoc> = { verified: true };
  if (a.buildings?.length) f.building = { $in: [...new Set(a.buildings)] };
  // Ages are "this Shanghai year minus birth year", as the registry keeps them.
  if (a.minAge !== undefined) f.birthYear = { $lte: shanghaiYear(now) - a.minAge };
  if (a.tags?.length) f.tags = { $in: [...new Set(a.tags)] };
  if (a.householdIds?.length) f.householdId = { $in: [...new Set(a.householdIds)].map((id) => new Types.ObjectId(id)) };
  return f;
}
