// Notice endpoints: staff author, schedule, withdraw and follow up; residents read their feed and confirm reading.
import Router from '@koa/router';
import type { Context } from 'koa';
import { AudiencePreviewBody, NoticeCreate, NoticePatch, NoticeQuery, ReceiptsQuery, shanghaiDateTime, type NoticeReceiptsDto } from '@linli/contracts';
import { principalOf, requireAuth, requireStaff, type StaffPrincipal } from '../../http/auth';
import { forbidden } from '../../http/errors';
import { body, idParam, query } from '../../http/validate';
import type { UploadService } from '../uploads/upload.service';
import { noticeDto } from './notice.dto';
import type { NoticeService } from './notice.service';

const AUTHORS = ['staff', 'grid'] as const;
const STATUS_LABEL: Record<string, string> = { delivered: '已送达', sent: '已发送', pending: '待发送', failed: '失败', skipped: '未发送' };

export function noticeRoutes(notices: NoticeService, uploads: UploadService): Router {
  const r = new Router({ prefix: '/api/notices' });
  const staff = (ctx: Context) => principalOf(ctx) as StaffPrincipal;

  r.use(requireAuth());

  r.post('/', requireStaff(...AUTHORS), async (ctx) => {
    const n = await notices.create(staff(ctx), body(ctx, NoticeCreate));
    ctx.status = 201;
    ctx.body = await noticeDto(n, 'staff', uploads);
  });

  r.post('/audience-preview', requireStaff(), async (ctx) => {
    const { audience } = body(ctx, AudiencePreviewBody);
    ctx.body = { count: await notices.preview(staff(ctx), audience) };
  });

  r.get('/', async (ctx) => {
    const p = principalOf(ctx);
    const q = query(ctx, NoticeQuery);
    if (p.kind === 'staff') {
      const page = await notices.listForStaff(p, q);
      ctx.body = { items: await Promise.all(page.items.map((n) => noticeDto(n, 'staff', uploads))), nextCursor: page.nextCursor, unreadCount: 0 };
      return;
    }
    if (p.kind !== 'resident') throw forbidden();
    const page = await notices.feed(p, q);
    ctx.body = {
      items: await Promise.all(page.items.map((x) => noticeDto(x.notice, 'resident', uploads, { readAt: x.readAt }))),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  });

  r.get('/:id', async (ctx) => {
    const p = principalOf(ctx);
    const { notice, readAt } = await notices.getVisible(p, idParam(ctx));
    ctx.body = await noticeDto(notice, p.kind === 'staff' ? 'staff' : 'resident', uploads, { readAt });
  });

  r.patch('/:id', requireStaff(...AUTHORS), async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await noticeDto(await notices.update(staff(ctx), id, body(ctx, NoticePatch)), 'staff', uploads);
  });

  r.post('/:id/withdraw', requireStaff(...AUTHORS), async (ctx) => {
    ctx.body = await noticeDto(await notices.withdraw(staff(ctx), idParam(ctx)), 'staff', uploads);
  });

  r.post('/:id/publish', requireStaff(...AUTHORS), async (ctx) => {
    ctx.body = await noticeDto(await notices.release(staff(ctx), idParam(ctx)), 'staff', uploads);
  });

  r.post('/:id/read', async (ctx) => {
    const { notice, readAt } = await notices.markRead(principalOf(ctx), idParam(ctx));
    ctx.body = await noticeDto(notice, 'resident', uploads, { readAt });
  });

  r.get('/:id/receipts', requireStaff(), async (ctx) => {
    const id = idParam(ctx);
    const q = query(ctx, ReceiptsQuery);
    const receipts = await notices.receipts(staff(ctx), id, q.building);
    if (q.format === 'csv') {
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="notice-${id}-receipts.csv"; filename*=UTF-8''${encodeURIComponent(`阅读回执-${id}.csv`)}`);
      ctx.body = receiptsCsv(receipts);
      return;
    }
    ctx.body = receipts;
  });

  return r;
}

/** A cell Excel shows as text: quoted, and never read as a formula. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** UTF-8 with a BOM and CRLF line ends so Excel on Windows opens the Chinese text correctly. */
export function receiptsCsv(r: NoticeReceiptsDto): string {
  const header = ['楼栋', '单元', '房号', '姓名', '电话', '阅读状态', '阅读时间', '短信', '订阅消息'];
  const lines = [header.map(cell).join(',')];
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
        lines.push(
          [b.building, p.unit, p.room, p.name, p.phone ?? '', state, p.readAt ? shanghaiDateTime(p.readAt) : '', d('sms'), d('subscribe')]
            .map(cell)
            .join(','),
        );
      }
    }
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
