// Community scoping for repositories: every filter and every new document carries communityId.
import type { FilterQuery } from 'mongoose';
import { AppError } from '../core/errors';

export function scoped<T>(communityId: string, filter: FilterQuery<T> = {}): FilterQuery<T> {
  return { ...filter, communityId } as FilterQuery<T>;
}

/** Keyset cursor over _id (descending): opaque to clients, no skip-based deep pages. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** The _id a cursor stands for; a cursor that is not one of ours is a 422, never silently "the first page". */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!/^[0-9a-f]{24}$/.test(id)) throw new AppError('VALIDATION', '无效的翻页参数', [{ path: 'cursor', message: '无效的翻页参数' }]);
  return id;
}
