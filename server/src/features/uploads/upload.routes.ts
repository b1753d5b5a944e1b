// POST /api/uploads (multipart, field "file") and GET /api/uploads/:id (bearer token or signed URL).
import Router from '@koa/router';
import { principalOf, requireAuth } from '../../http/auth';
import { readSingleFile } from '../../http/multipart';
import { idParam } from '../../http/validate';
import { RateLimiter } from '../../core/rate-limit';
import type { UploadService } from './upload.service';

export function uploadRoutes(uploads: UploadService): Router {
  const r = new Router({ prefix: '/api/uploads' });
  const limiter = new RateLimiter(60, 60_000);
  r.post('/', requireAuth(), async (ctx) => {
    const p = principalOf(ctx);
    limiter.take(`${p.kind}:${p.id}`, '上传太频繁，请稍后再试');
    const { data, filename, mime } = await readSingleFile(ctx);
    ctx.status = 201;
    ctx.body = await uploads.save(p, data, filename, mime);
  });
  r.get('/:id', async (ctx) => {
    const id = idParam(ctx);
    const q = ctx.query as Record<string, string | undefined>;
    const signed = uploads.validSignature(q.c, id, q.exp, q.sig);
    const { file, stream } = await uploads.openFor(signed ? q.c! : null, signed ? null : ctx.state.principal, id, signed);
    ctx.set('Content-Type', file.metadata.mime);
    ctx.set('Content-Length', String(file.length));
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = stream;
  });
  return r;
}
