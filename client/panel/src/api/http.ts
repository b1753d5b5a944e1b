// fetch wrapper for the server API: bearer token renewed with the refresh token, JSON, one error type, and 401 → back to the login page.
import type { ErrorBody, StaffSessionDto } from '@linli/contracts';
import { screenSession } from './screen-session';
import { session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** The app subscribes once and navigates to the login page when a call comes back 401. */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** Ends a session the server no longer accepts and sends the user to the login page with the reason. */
export function expireSession(): void {
  session.clear('登录已过期，请重新登录');
  unauthorizedListeners.forEach((fn) => fn());
}

let refreshing: Promise<string | null> | null = null;

/**
 * Trades the refresh token for a new access token (one request at a time: the refresh token is single-use, so two
 * tabs or calls racing would end the session). Answers the new token, or null when the session is over.
 */
export function refreshSession(): Promise<string | null> {
  return (refreshing ??= (async () => {
    const refreshToken = session.refreshToken();
    if (!refreshToken) return null;
    try {
      const res = await fetch('/api/auth/staff/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
      if (!res.ok) return null;
      const s = (await res.json()) as StaffSessionDto;
      session.save(s);
      return s.token;
    } catch {
      return null;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })());
}

/** A token good for at least another minute, renewed first when it is about to expire. */
export async function freshToken(): Promise<string | null> {
  // The big screen with a screen token never uses (or renews, or ends) a staff login that may exist in the same browser.
  const screen = screenSession.token();
  if (screen) return screen;
  const token = session.token();
  if (token && session.msLeft() < 60_000 && session.refreshToken()) return (await refreshSession()) ?? token;
  return token;
}

export async function api<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  const token = path.startsWith('/api/auth/staff/') ? session.token() : await freshToken();
  if (token) headers.authorization = `Bearer ${token}`;
  // FormData (file uploads) sets its own multipart content type.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (res.ok) return data as T;
  const err = (data as ErrorBody | undefined)?.error;
  if (res.status === 401 && token && token === screenSession.token()) screenSession.markRevoked();
  else if (res.status === 401 && token && !path.startsWith('/api/auth/staff/')) {
    // Expired or revoked: one renewal and one retry, then back to the login page.
    if (!retried && (await refreshSession())) return api<T>(method, path, body, true);
    expireSession();
  }
  throw new ApiError(res.status, err?.code ?? 'INTERNAL', err?.message ?? `请求失败（${res.status}）`, err?.details);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null | false>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Downloads an authenticated file (e.g. a CSV export) by fetching it with the token and saving the blob. */
export async function download(path: string, filename: string): Promise<void> {
  const token = await freshToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, 'INTERNAL', `下载失败（${res.status}）`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
