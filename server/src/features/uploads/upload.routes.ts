// Uploads route table: POST /api/uploads (multipart, field "file") and GET /api/uploads/:id (bearer token or signed URL).
import { z } from 'zod';
import { ObjectIdString } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { RateLimits } from '../../core/rate-limit';
import { readSingleFile } from '../../http/multipart';
import type { UploadService } from './upload.service';

const IdParams = z.object({ id: ObjectIdString });
// The signed-URL parts; any of them missing or wrong falls back to the bearer token.
const SignedQuery = z.object({ c: z.string().optional(), exp: z.string().optional(), sig: z.string().optional() });

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'text/csv': '.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};

/** The uploader's file name without path parts, or the id; always ending in the extension of the sniffed type. */
function downloadName(original: string | undefined, id: string, mime: string): string {
  const ext = EXTENSIONS[mime] ?? '';
  const base = (original ?? '').replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"]/g, '').trim() || id;
  return base.toLowerCase().endsWith(ext) ? base : base + ext;
}

export function uploadRoutes(uploads: UploadService, limits: RateLimits): AnyRoute[] {
  const limiter = limits.limiter('uploads', 60, 60_000);
  return [
    route({
      method: 'post', path: '/api/uploads', auth: 'signed-in', status: 201, errors: ['TOO_LARGE', 'RATE_LIMITED'],
      rawBody: { contentType: 'multipart/form-data', description: 'One file in field `file`: an image, a voice message or a document (type by content, size per kind).' },
      summary: 'Upload a photo, voice message or document; answers its id and a signed URL',
      async handler({ ctx, principal: p }) {
        await limiter.take(`${p.kind}:${p.id}`, '上传太频繁，请稍后再试');
        const { data, filename, mime } = await readSingleFile(ctx);
        return uploads.save(p, data, filename, mime);
      },
    }),
    route({
      method: 'get', path: '/api/uploads/:id', auth: 'public', params: IdParams, query: SignedQuery, responseType: 'application/octet-stream',
      summary: 'Fetch an upload with a signed URL (?c=&exp=&sig=) or a bearer token allowed to see it',
      description: 'Residents may fetch their own files, files shared with them, and public ones; staff and the bot any file of their community.',
      async handler({ ctx, principal, params, query: q }) {
        const signed = uploads.validSignature(q.c, params.id, q.exp, q.sig);
        const { file, stream } = await uploads.openFor(signed ? q.c! : null, signed ? null : principal, params.id, signed);
        // Only images and audio render inline (<img>, <audio>); anything else (PDF with scripts, CSV) is a download, and even
        // opened directly it runs sandboxed with nothing allowed.
        const inline = file.metadata.kind === 'image' || file.metadata.kind === 'audio';
        if (!inline) ctx.attachment(downloadName(file.metadata.originalName, params.id, file.metadata.mime), { fallback: true });
        ctx.set('Content-Type', file.metadata.mime);
        ctx.set('Content-Length', String(file.length));
        // Never cached past the signed URL's lifetime.
        ctx.set('Cache-Control', 'private, max-age=600');
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
        return stream;
      },
    }),
  ];
}
