// Response headers that keep pages from being framed and scripts from being injected: CSP per area, X-Frame-Options, nosniff.
import type { Context, Next } from 'koa';

/**
 * The front ends (/panel, /h5, /api/docs) load only their own files: no inline or foreign script. Styles allow
 * 'unsafe-inline' because antd (panel), Taro (H5) and Swagger UI write style elements and attributes at run time;
 * a nonce would need the HTML rendered per request and still not cover style attributes, and injected CSS cannot run code.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  // blob: because Taro's H5 uploadFile reads the picked photo back from its object URL before posting it.
  "connect-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON and files from the API are never documents: nothing may run or be framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

const isPage = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/') || !path.startsWith('/api/');

/** Sets defaults before the route runs, so a route may still choose a stricter policy (e.g. an attachment's sandbox). */
export function securityHeaders() {
  return async (ctx: Context, next: Next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', isPage(ctx.path) ? PAGE_CSP : API_CSP);
    await next();
  };
}
