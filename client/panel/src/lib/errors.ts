// Turning a failed call into the line a staff member reads: the server's own Chinese message when there is one.
import { ApiError } from '../api/http';

/** The server explains its refusals in Chinese; anything else (a bug, a browser error in English) gets the caller's fallback. */
export function errorMessage(err: unknown, fallback = '操作失败'): string {
  return err instanceof ApiError ? err.message : fallback;
}
