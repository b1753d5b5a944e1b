// Reads exactly one file (field "file") from a multipart request into memory, bounded by a size limit.
import Busboy from 'busboy';
import type { Context } from 'koa';
import { MAX_UPLOAD_BYTES } from '@linli/contracts';
import { AppError } from './errors';

export function readSingleFile(ctx: Context, maxBytes = MAX_UPLOAD_BYTES): Promise<{ data: Buffer; filename: string; mime: string }> {
  const type = ctx.get('content-type');
  if (!type.startsWith('multipart/form-data')) throw new AppError('VALIDATION', '请以 multipart/form-data 上传文件');
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes, fields: 5, parts: 6 } });
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
        failed = new AppError('TOO_LARGE', `文件太大，最大 ${Math.round(maxBytes / 1024 / 1024)} MB`);
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
