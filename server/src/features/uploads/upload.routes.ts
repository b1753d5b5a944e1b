// POST /api/uploads (multipart, field "file") and GET /api/uploads/:id (bearer token or signed URL).
import Router from '@koa/router';
import Busboy from 'busboy';
import type { Context } from 'koa';
import { MAX_UPLOAD_BYTES } from '@linli/contracts';
import { principalOf, requireAuth } from '../../http/auth';
import { AppError } from '../../http/errors';
import { idParam } from '../../http/validate';
import { RateLimiter } from '../../core/rate-limit';
import type { UploadService } from './upload.service';

function readSingleFile(ctx: Context): Promise<{ data: Buffer; filename: string; mime: string }> {
  const type = ctx.get('content-type');
  if (!type.startsWith('multipart/form-data')) throw new AppError('VALIDATION', '请以 multipart/form-data 上传文件');
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 5, parts: 6 } });
    } catch {
      return reject(new AppError('VALIDATION', '上传格式错误'));
    }
    let result: { data: Buffer; filename: string; mime: string } | undefined;
    let failed: AppError | undefined;
    bb.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failed = new AppError('TOO_LARGE', `文件太大，最大 ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB`);
      });
      stream.on('end', () => {
        result = { data: Buffer.concat(chunks), filename: info.filename || 'upload', mime: info.mimeType };
      });
    });
    bb.on('filesLimit', () => {
      failed = new AppError('VALIDATION', '一次只能上传一个文件');
    });
    bb.on('error', () => reject(new AppError('VALIDATION', '上传格式错误')));
    bb.on('close', () => {
      if (failed) return reject(failed);
      if (!result) return reject(new AppError('VALIDATION', '请选择要上传的文件（字段名 file）'));
      resolve(result);
    });
    ctx.req.pipe(bb);
  });
}

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
