// Ledger endpoints: entries (draft, approve, reject, reverse), list, CSV export, monthly statements.
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  LedgerEntryCreate,
  LedgerEntryQuery,
  LedgerExportQuery,
  LedgerMonth,
  LedgerReject,
  LedgerReverseCreate,
  LedgerReview,
  LedgerStatementQuery,
  shanghaiMonth,
} from '@linli/contracts';
import { principalOf, requireAuth, requireStaff } from '../../http/auth';
import { AppError } from '../../http/errors';
import { body, idParam, query } from '../../http/validate';
import type { UploadService } from '../uploads/upload.service';
import { ledgerCsv, ledgerEntryDto, ledgerStatementDto } from './ledger.dto';
import type { LedgerEntryDoc } from './ledger.model';
import type { LedgerService } from './ledger.service';

function monthParam(ctx: Context): string {
  const r = LedgerMonth.safeParse(ctx.params.month);
  if (!r.success) throw new AppError('VALIDATION', '月份格式应为 YYYY-MM', [{ path: 'month', message: '月份格式应为 YYYY-MM' }]);
  return r.data;
}

export function ledgerRoutes(ledger: LedgerService, uploads: UploadService): Router {
  const r = new Router({ prefix: '/api/ledger' });
  const view = (ctx: Context, e: LedgerEntryDoc) => ledgerEntryDto(e, principalOf(ctx).kind === 'staff' ? 'staff' : 'resident', uploads);

  r.use(requireAuth());

  r.post('/entries', async (ctx) => {
    const input = body(ctx, LedgerEntryCreate);
    ctx.status = 201;
    ctx.body = await view(ctx, await ledger.create(principalOf(ctx), input));
  });

  r.get('/entries', async (ctx) => {
    const { items, nextCursor } = await ledger.list(principalOf(ctx), query(ctx, LedgerEntryQuery));
    ctx.body = { items: await Promise.all(items.map((e) => view(ctx, e))), nextCursor };
  });

  r.get('/entries.csv', requireStaff(), async (ctx) => {
    const q = query(ctx, LedgerExportQuery);
    const rows = await ledger.exportRows(principalOf(ctx), q);
    ctx.set('Content-Disposition', `attachment; filename="ledger-${q.from ?? 'all'}-${q.to ?? shanghaiMonth()}.csv"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = ledgerCsv(rows);
  });

  r.get('/entries/:id', async (ctx) => {
    ctx.body = await view(ctx, await ledger.get(principalOf(ctx), idParam(ctx)));
  });

  r.post('/entries/:id/approve', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await ledger.approve(principalOf(ctx), id, body(ctx, LedgerReview).note));
  });

  r.post('/entries/:id/reject', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await view(ctx, await ledger.reject(principalOf(ctx), id, body(ctx, LedgerReject).reason));
  });

  r.post('/entries/:id/reverse', async (ctx) => {
    const id = idParam(ctx);
    const input = body(ctx, LedgerReverseCreate);
    ctx.status = 201;
    ctx.body = await view(ctx, await ledger.reverse(principalOf(ctx), id, input));
  });

  r.get('/statements', async (ctx) => {
    const { limit } = query(ctx, LedgerStatementQuery);
    const items = await ledger.listStatements(principalOf(ctx), limit);
    ctx.body = { items: items.map((s) => ledgerStatementDto(s, true)) };
  });

  r.get('/statements/:month', async (ctx) => {
    const { statement, final } = await ledger.statement(principalOf(ctx), monthParam(ctx));
    ctx.body = ledgerStatementDto(statement, final);
  });

  r.post('/statements/:month/generate', async (ctx) => {
    const month = monthParam(ctx);
    const { statement, created } = await ledger.generateNow(principalOf(ctx), month);
    ctx.status = created ? 201 : 200;
    ctx.body = ledgerStatementDto(statement, true);
  });

  return r;
}
