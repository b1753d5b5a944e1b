// Serves a built single-page app (panel, H5 mini-program) under a prefix, falling back to index.html.
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import send from 'koa-send';

export function spa(prefix: string, dir: string) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`);
    if (!ctx.path.startsWith(`${prefix}/`)) return next();
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `页面尚未构建（${prefix}），请运行 npm start 以构建前端。`;
      return;
    }
    const rel = decodeURIComponent(ctx.path.slice(prefix.length + 1)) || 'index.html';
    const file = path.join(dir, rel);
    const isAsset = rel !== 'index.html' && fs.existsSync(file) && fs.statSync(file).isFile();
    await send(ctx, isAsset ? rel : 'index.html', {
      root: dir,
      maxage: isAsset && /\.[0-9a-f]{8,}\./.test(rel) ? 365 * 24 * 3600 * 1000 : 0,
    });
  };
}
