// Residents registry over HTTP (staff only); residents read their own profile through /api/me.
import Router from '@koa/router';
import { ResidentCreate, ResidentPatch, ResidentQuery } from '@linli/contracts';
import { principalOf, requireStaff } from '../../http/auth';
import { AppError } from '../../http/errors';
import { readSingleFile } from '../../http/multipart';
import { body, idParam, query } from '../../http/validate';
import { parseCsv, parseXlsx, validateRows } from './resident.import';
import { residentDto, type ResidentService } from './resident.service';

export function residentRoutes(residents: ResidentService): Router {
  const r = new Router({ prefix: '/api/residents' });
  r.post('/', requireStaff(), async (ctx) => {
    const input = body(ctx, ResidentCreate);
    ctx.status = 201;
    ctx.body = await residents.create(principalOf(ctx).communityId, input);
  });
  // Spreadsheet import (CSV or XLSX, field "file"); ?dryRun=1 only checks. Any bad row: 422 listing them, nothing imported.
  r.post('/import', requireStaff('admin', 'staff'), async (ctx) => {
    const { data, filename } = await readSingleFile(ctx, 5 * 1024 * 1024);
    const isXlsx = data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    if (!isXlsx && (data.includes(0) || !/\.(csv|txt)$/i.test(filename))) throw new AppError('VALIDATION', '请上传 .xlsx 或 .csv 文件');
    const rows = isXlsx ? await parseXlsx(data) : parseCsv(data.toString('utf8'));
    const { residents: valid, errors } = validateRows(rows);
    if (errors.length) throw new AppError('VALIDATION', `有 ${new Set(errors.map((e) => e.row)).size} 行需要修改，未导入任何数据`, { errors });
    const rowNumbers = rows.slice(1).map((_, i) => i + 2);
    const result = await residents.importAll(principalOf(ctx).communityId, valid, rowNumbers, ctx.query.dryRun === '1');
    if (result.errors.length) throw new AppError('CONFLICT', `有 ${result.errors.length} 行已在名册中，未导入任何数据`, { errors: result.errors });
    ctx.body = result;
  });
  r.get('/', requireStaff(), async (ctx) => {
    ctx.body = await residents.list(principalOf(ctx).communityId, query(ctx, ResidentQuery));
  });
  r.get('/:id', requireStaff(), async (ctx) => {
    ctx.body = residentDto(await residents.get(principalOf(ctx).communityId, idParam(ctx)));
  });
  r.patch('/:id', requireStaff(), async (ctx) => {
    const id = idParam(ctx);
    const patch = body(ctx, ResidentPatch);
    ctx.body = await residents.update(principalOf(ctx).communityId, id, patch);
  });
  return r;
}
