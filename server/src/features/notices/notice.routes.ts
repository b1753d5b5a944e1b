// Notice route table: staff author, schedule, withdraw and follow up; residents read their feed and confirm reading.
import { z } from 'zod';
import {
  AudiencePreviewBody,
  DoorKnockQuery,
  DoorKnockVisit,
  NoticeCreate,
  NoticePatch,
  NoticeQuery,
  ObjectIdString,
  ReceiptsQuery,
  shanghaiDateTime,
  type NoticeDto,
  type NoticeReceiptsDto,
  type StaffPrincipal,
} from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import { forbidden } from '../../core/errors';
import { tableWorkbook, XLSX_TYPE } from '../../core/xlsx';
import type { UploadsApi } from '../uploads/upload.service';
import { noticeDto } from './notice.dto';
import type { NoticeService } from './notice.service';
import type { NoticeDoorKnock } from './notice.door-knock';

const IdParams = z.object({ id: ObjectIdString });
const AUTHORS = ['staff', 'grid'] as const;
const STATUS_LABEL: Record<string, string> = { delivered: '已送达', sent: '已发送', pending: '待发送', failed: '失败', skipped: '未发送' };

export function noticeRoutes(notices: NoticeService, uploads: UploadsApi, doorKnock: NoticeDoorKnock): AnyRoute[] {
  // The adapter has checked the staff kind on these routes.
  const staff = (p: unknown) => p as StaffPrincipal;

  return [
    route({
      method: 'post', path: '/api/notices', auth: AUTHORS, body: NoticeCreate, status: 201, errors: ['NOT_FOUND'],
      summary: 'Create a notice: a draft, scheduled for publishAt, or published at once',
      async handler({ principal, body }) {
        return noticeDto(await notices.create(staff(principal), body), 'staff', uploads);
      },
    }),
    route({
      method: 'post', path: '/api/notices/audience-preview', auth: 'staff', body: AudiencePreviewBody,
      summary: 'How many residents an audience reaches',
      async handler({ principal, body }) {
        return { count: await notices.preview(staff(principal), body.audience) };
      },
    }),
    route({
      method: 'get', path: '/api/notices', auth: 'signed-in', query: NoticeQuery,
      // The screen rotates published notices (already shown to residents); drafts and who wrote them stay in the panel.
      screen: (b) => {
        const page = b as { items: NoticeDto[] };
        return { ...page, items: page.items.filter((n) => n.status === 'published').map(({ createdBy: _by, ...n }) => n) };
      },
      summary: "Staff: every notice, newest first; residents: their feed (pinned first) with the unread count",
      async handler({ principal: p, query }) {
        if (p.kind === 'staff') {
          const page = await notices.listForStaff(p, query);
          return { items: await Promise.all(page.items.map((n) => noticeDto(n, 'staff', uploads))), nextCursor: page.nextCursor, unreadCount: 0 };
        }
        if (p.kind !== 'resident') throw forbidden();
        const page = await notices.feed(p, query);
        return {
          items: await Promise.all(page.items.map((x) => noticeDto(x.notice, 'resident', uploads, { readAt: x.readAt }))),
          nextCursor: page.nextCursor,
          unreadCount: page.unreadCount,
        };
      },
    }),
    route({
      method: 'get', path: '/api/notices/:id', auth: 'signed-in', params: IdParams,
      summary: 'A notice (residents: only one they were sent, published and unexpired)',
      async handler({ principal: p, params }) {
        const { notice, readAt } = await notices.getVisible(p, params.id);
        return noticeDto(notice, p.kind === 'staff' ? 'staff' : 'resident', uploads, { readAt });
      },
    }),
    route({
      method: 'patch', path: '/api/notices/:id', auth: AUTHORS, params: IdParams, body: NoticePatch, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Edit a draft or scheduled notice',
      async handler({ principal, params, body }) {
        return noticeDto(await notices.update(staff(principal), params.id, body), 'staff', uploads);
      },
    }),
    route({
      method: 'post', path: '/api/notices/:id/withdraw', auth: AUTHORS, params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Withdraw a notice before it is published',
      async handler({ principal, params }) {
        return noticeDto(await notices.withdraw(staff(principal), params.id), 'staff', uploads);
      },
    }),
    route({
      method: 'post', path: '/api/notices/:id/publish', auth: AUTHORS, params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Send a draft: now, or at its publishAt when that is still ahead',
      async handler({ principal, params }) {
        return noticeDto(await notices.release(staff(principal), params.id), 'staff', uploads);
      },
    }),
    route({
      method: 'post', path: '/api/notices/:id/read', auth: 'signed-in', params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'A resident confirms reading a notice (the first time stands)',
      async handler({ principal, params }) {
        const { notice, readAt } = await notices.markRead(principal, params.id);
        return noticeDto(notice, 'resident', uploads, { readAt });
      },
    }),
    route({
      method: 'get', path: '/api/notices/:id/receipts', auth: 'staff', params: IdParams, query: ReceiptsQuery, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Read and unread per building, for door-to-door follow-up',
      description: 'With `format=csv` the reply is a text/csv spreadsheet (UTF-8 with BOM, CRLF), with `format=xlsx` an Excel workbook, instead of JSON.',
      async handler({ ctx, principal, params, query }) {
        const receipts = await notices.receipts(staff(principal), params.id, query.building);
        if (query.format === 'json') return receipts;
        if (query.format === 'xlsx') {
          const { notice } = await notices.getVisible(principal, params.id);
          ctx.set('Content-Disposition', `attachment; filename="notice-${params.id}-receipts.xlsx"; filename*=UTF-8''${encodeURIComponent(`阅读回执-${notice.title}.xlsx`)}`);
          ctx.type = XLSX_TYPE;
          ctx.body = await tableWorkbook('阅读回执', `阅读回执：${notice.title}（应读 ${receipts.total} 人，已读 ${receipts.read} 人，未读 ${receipts.unread} 人）`, RECEIPT_HEADER, receiptRows(receipts));
          return undefined;
        }
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="notice-${params.id}-receipts.csv"; filename*=UTF-8''${encodeURIComponent(`阅读回执-${params.id}.csv`)}`);
        return receiptsCsv(receipts);
      },
    }),
    route({
      method: 'get', path: '/api/notices/:id/door-knock', auth: 'staff', params: IdParams, query: DoorKnockQuery, errors: ['NOT_FOUND'],
      summary: 'The door-knock list: households still unread or unreachable after the set time, in the caller\'s buildings',
      description: 'A grid worker sees the buildings they cover. Phones are masked; `POST /api/residents/:id/reveal-phone` shows one (audited). A later read marks the household read.',
      handler: ({ principal, params, query }) => doorKnock.list(staff(principal), params.id, query.building),
    }),
    route({
      method: 'post', path: '/api/notices/:id/door-knock/visits', auth: AUTHORS, params: IdParams, body: DoorKnockVisit, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Check off a household on the door-knock list with its outcome (已告知 / 不在家 / 已电话告知 / 其他 + note)',
      handler: ({ principal, params, body }) => doorKnock.visit(staff(principal), params.id, body),
    }),
  ];
}

/** A cell Excel shows as text: quoted, and never read as a formula. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

const RECEIPT_HEADER = ['楼栋', '单元', '房号', '姓名', '电话', '阅读状态', '阅读时间', '短信', '订阅消息'];

/** One row per person (unread first in each building): what both the CSV and the Excel export list. */
export function receiptRows(r: NoticeReceiptsDto): string[][] {
  const rows: string[][] = [];
  for (const b of r.buildings) {
    for (const [people, state] of [
      [b.unread, '未读'],
      [b.read, '已读'],
    ] as const) {
      for (const p of people) {
        const d = (ch: 'sms' | 'subscribe') => {
          const o = p.deliveries[ch];
          return o ? (STATUS_LABEL[o.status] ?? o.status) + (o.reason && o.status !== 'sent' ? `（${o.reason}）` : '') : '';
        };
        rows.push([b.building, p.unit, p.room, p.name, p.phone ?? '', state, p.readAt ? shanghaiDateTime(p.readAt) : '', d('sms'), d('subscribe')]);
      }
    }
  }
  return rows;
}

/** UTF-8 with a BOM and CRLF line ends so Excel on Windows opens the Chinese text correctly. */
export function receiptsCsv(r: NoticeReceiptsDto): string {
  const lines = [RECEIPT_HEADER, ...receiptRows(r)].map((row) => row.map(cell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
