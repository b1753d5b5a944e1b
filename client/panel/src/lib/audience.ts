// Builds a notice audience from the composer's fields; empty criteria are left out, nothing chosen means nobody.
import type { NoticeAudience, RESIDENT_TAGS } from '@linli/contracts';

type ResidentTag = (typeof RESIDENT_TAGS)[number];

export interface AudienceFields {
  all: boolean;
  buildings: string[];
  minAge?: number | null;
  tags: ResidentTag[];
  householdIds: string[];
}

export function buildAudience(f: AudienceFields): NoticeAudience | null {
  if (f.all) return { all: true };
  const a: NoticeAudience = {};
  if (f.buildings.length) a.buildings = f.buildings;
  if (typeof f.minAge === 'number') a.minAge = f.minAge;
  if (f.tags.length) a.tags = f.tags;
  if (f.householdIds.length) a.householdIds = f.householdIds;
  return Object.keys(a).length ? a : null;
}

/** A one-line Chinese description of who is targeted. */
export function describeAudience(a: NoticeAudience | undefined): string {
  if (!a) return '—';
  if (a.all) return '全体居民';
  const parts: string[] = [];
  if (a.buildings) parts.push(a.buildings.join('、'));
  if (a.minAge !== undefined) parts.push(`${a.minAge}岁以上`);
  if (a.tags) parts.push(a.tags.join('/'));
  if (a.householdIds) parts.push(`${a.householdIds.length}户`);
  return parts.join(' · ');
}
