// Community scoping for repositories: every filter and every new document carries communityId.
import type { FilterQuery } from 'mongoose';

export function scoped<T>(communityId: string, filter: FilterQuery<T> = {}): FilterQuery<T> {
  return { ...filter, communityId } as FilterQuery<T>;
}

/** Keyset cursor over _id (descending): opaque to clients, no skip-based deep pages. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f]{24}$/.test(id) ? id : undefined;
}
