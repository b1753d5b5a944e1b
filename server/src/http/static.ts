// Serves a built single-page app (panel, H5 mini-program) under a prefix, falling back to index.html.
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import send from 'koa-send';
import { AppError } from './errors';

const badPath = () => new AppError('VALIDATION', '请求路径无效', [{ path: 'path', message: '请求路径无效' }]);

/**
 * The request path below the prefix, decoded once and proven to stay inside `dir`; a malformed escape, NUL, backslash or
 * `..` segment is refused (a 4xx), since nothing a build produces needs them and each is a way out of the build.
 */
export function buildRelativePath(dir: string, raw: string): string {
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    throw badPath();
  }
  if (/[\0\\]/.test(rel) || rel.split('/').includes('..')) throw badPath();
  const root = path.resolve(dir);
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) throw badPath();
  return rel;
}

/**
 * Serves the `.br` or `.gz` sibling `npm run build` made of a file when the client accepts it — only if it is at least
 * as new as the file, so a front end rebuilt without precompression is never answered with the old build's bytes.
 */
function precompressed(ctx: Context, file: string, cacheControl: string): boolean {
  const original = fs.statSync(file, { throwIfNoEntry: false });
  if (!original) return false;
  ctx.vary('Accept-Encoding');
  // Brotli whenever accepted (browsers list it last, after gzip, yet it is the smaller one), else gzip.
  const accepted = ctx.acceptsEncodings('br') === 'br' ? 'br' : ctx.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
  if (!accepted) return false;
  const ext = accepted === 'br' ? '.br' : '.gz';
  const sibling = fs.statSync(file + ext, { throwIfNoEntry: false });
  if (!sibling?.isFile() || sibling.mtimeMs < original.mtimeMs) return false;
  ctx.set('Content-Encoding', accepted);
  ctx.set('Cache-Control', cacheControl);
  ctx.set('Last-Modified', original.mtime.toUTCString());
  ctx.type = path.extname(file);
  ctx.length = sibling.size;
  ctx.body = ctx.method === 'HEAD' ? null : fs.createReadStream(file + ext);
  return true;
}

/** A content hash in the name: webpack/Taro's `app.489c462f.js` (hex) or vite's `index-CvsNe1Pi.js` (8 of base64url, with a capital or digit). */
const HASHED = /[.-](?:[0-9a-f]{8,}|(?=[A-Za-z0-9_-]{0,7}[A-Z0-9])[A-Za-z0-9_-]{8})\.[a-z0-9]+$/;

export function spa(prefix: string, dir: string) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`);
    if (!ctx.path.startsWith(`${prefix}/`)) return next();
    const rel = buildRelativePath(dir, ctx.path.slice(prefix.length + 1)) || 'index.html';
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `页面尚未构建（${prefix}），请运行 npm start 以构建前端。`;
      return;
    }
    const file = path.join(dir, rel);
    const isAsset = rel !== 'index.html' && fs.existsSync(file) && fs.statSync(file).isFile();
    // Hashed file names never change content: cached for a year. HTML and unhashed files are revalidated every time.
    const cacheControl = isAsset && HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (precompressed(ctx, isAsset ? file : path.join(dir, 'index.html'), cacheControl)) return;
    try {
      // koa-send decodes again; `rel` is already decoded, so pass it re-encoded per segment to keep one decoding.
      await send(ctx, isAsset ? rel.split('/').map(encodeURIComponent).join('/') : 'index.html', {
        root: dir,
        brotli: false, // precompressed siblings are chosen above, where a stale one is ignored
        gzip: false,
        setHeaders: (res) => res.setHeader('Cache-Control', cacheControl),
      });
    } catch (err) {
      // koa-send's own refusals (400 bad escape, 403 outside root, 404 vanished file) are client errors, not a 500.
      const status = (err as { status?: number }).status;
      if (status === 404) throw new AppError('NOT_FOUND', '页面不存在');
      if (status && status >= 400 && status < 500) throw badPath();
      throw err;
    }
  };
}
