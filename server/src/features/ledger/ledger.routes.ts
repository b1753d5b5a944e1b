// Ledger route table: entries (draft, approve, reject, reverse), list, CSV export, monthly statements.
import { z } from 'zod';
import {
  LedgerEntryCreate,
  LedgerEntryQuery,
  LedgerExportQuery,
  LedgerMonth,
  LedgerReject,
  LedgerReverseCreate,
  LedgerReview,
  LedgerStatementQuery,
  ObjectIdString,
  shanghaiMonth,
  type Principal,
} from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { UploadsApi } from '../uploads/upload.service';
import { ledgerCsv, ledgerEntryDto, ledgerStatementDto } from './ledger.dto';
import type { LedgerEntryDoc } from './ledger.model';
import type { LedgerService } from './ledger.service';

const IdParams = z.object({ id: ObjectIdString });
const MonthParams = z.object({ month: LedgerMonth });

export function ledgerRoutes(ledger: LedgerService, uploads: UploadsApi): AnyRoute[] {
  const view = (p: Principal, e: LedgerEntryDoc) => ledgerEntryDto(e, p.kind === 'staff' ? 'staff' : 'resident', uploads);

  // 'signed-in' throughout: the service answers finance-only actions with its own message (只有财务或管理员可以…).
  return [
    route({
      method: 'post', path: '/api/ledger/entries', auth: 'signed-in', body: LedgerEntryCreate, status: 201, errors: ['CONFLICT', 'NOT_FOUND'],
      summary: 'Draft a ledger entry (finance); it is public only after another person approves it',
      async handler({ principal: p, body }) {
        return view(p, await ledger.create(p, body));
      },
    }),
    route({
      method: 'get', path: '/api/ledger/entries', auth: 'signed-in', query: LedgerEntryQuery,
      summary: 'List entries, newest first (residents: published only)',
      async handler({ principal: p, query }) {
        const { items, nextCursor } = await ledger.list(p, query);
        return { items: await Promise.all(items.map((e) => view(p, e))), nextCursor };
      },
    }),
    route({
      method: 'get', path: '/api/ledger/entries.csv', auth: 'staff', query: LedgerExportQuery, responseType: 'text/csv', errors: ['TOO_LARGE'],
      summary: 'Export entries as CSV for a range of months',
      async handler({ ctx, principal: p, query }) {
        const rows = await ledger.exportRows(p, query);
        ctx.set('Content-Disposition', `attachment; filename="ledger-${query.from ?? 'all'}-${query.to ?? shanghaiMonth()}.csv"`);
        ctx.type = 'text/csv; charset=utf-8';
        return ledgerCsv(rows);
      },
    }),
    route({
      method: 'get', path: '/api/ledger/entries/:id', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'One entry with its audit trail (residents: published only)',
      async handler({ principal: p, params }) {
        return view(p, await ledger.get(p, params.id));
      },
    }),
    route({
      method: 'post', path: '/api/ledger/entries/:id/approve', auth: 'signed-in', params: IdParams, body: LedgerReview, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Approve and publish a draft (never by its drafter)',
      async handler({ principal: p, params, body }) {
        return view(p, await ledger.approve(p, params.id, body.note));
      },
    }),
    route({
      method: 'post', path: '/api/ledger/entries/:id/reject', auth: 'signed-in', params: IdParams, body: LedgerReject, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Send a draft back with a reason',
      async handler({ principal: p, params, body }) {
        return view(p, await ledger.reject(p, params.id, body.reason));
      },
    }),
    route({
      method: 'post', path: '/api/ledger/entries/:id/reverse', auth: 'signed-in', params: IdParams, body: LedgerReverseCreate, status: 201, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Draft a reversing entry for a published one (needs another person’s approval)',
      async handler({ principal: p, params, body }) {
        return view(p, await ledger.reverse(p, params.id, body));
      },
    }),
    route({
      method: 'get', path: '/api/ledger/statements', auth: 'signed-in', query: LedgerStatementQuery,
      summary: 'Monthly statements, newest first',
      async handler({ principal: p, query }) {
        const items = await ledger.listStatements(p, query.limit);
        return { items: items.map((s) => ledgerStatementDto(s, true)) };
      },
    }),
    route({
      method: 'get', path: '/api/ledger/statements/:month', auth: 'signed-in', params: MonthParams, errors: ['NOT_FOUND'],
      summary: 'A month’s statement (staff may preview a month not yet closed)',
      async handler({ principal: p, params }) {
        const { statement, final } = await ledger.statement(p, params.month);
        return ledgerStatementDto(statement, final);
      },
    }),
    route({
      method: 'post', path: '/api/ledger/statements/:month/generate', auth: 'signed-in', params: MonthParams, status: 201, errors: ['CONFLICT'],
      summary: 'Generate a closed month’s statement the timer missed (201 when created, 200 when it existed)',
      async handler({ ctx, principal: p, params }) {
        const { statement, created } = await ledger.generateNow(p, params.month);
        ctx.status = created ? 201 : 200;
        return ledgerStatementDto(statement, true);
      },
    }),
  ];
}
