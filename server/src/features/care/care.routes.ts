// Care endpoints: profiles (health data for authorised staff only, audited), check-ins from app/bot/staff, overview, the audit log, a resident's own status.
import Router from '@koa/router';
import { CareAuditQuery, CareOverviewQuery, CareProfileCreate, CareProfilePatch, CareProfileQuery, CheckinCreate } from '@linli/contracts';
import { RateLimiter } from '../../core/rate-limit';
import { principalOf, requireAuth, requireStaff } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import type { CareService } from './care.service';

export function careRoutes(care: CareService): Router {
  const r = new Router({ prefix: '/api/care' });
  const checkinLimiter = new RateLimiter(30, 60 * 60 * 1000);
  r.use(requireAuth());

  r.get('/me', async (ctx) => {
    ctx.body = await care.mine(principalOf(ctx));
  });

  r.post('/checkins', async (ctx) => {
    const p = principalOf(ctx);
    if (p.kind === 'resident') checkinLimiter.take(`resident:${p.id}`, '打卡太频繁，请稍后再试');
    const result = await care.checkinBy(p, body(ctx, CheckinCreate));
    ctx.status = result.first ? 201 : 200;
    ctx.body = result;
  });

  r.get('/overview', requireStaff(), async (ctx) => {
    ctx.body = await care.overview(principalOf(ctx), query(ctx, CareOverviewQuery));
  });

  r.get('/audit', requireStaff('admin'), async (ctx) => {
    ctx.body = await care.auditLog(principalOf(ctx), query(ctx, CareAuditQuery));
  });

  r.get('/profiles', requireStaff(), async (ctx) => {
    ctx.body = await care.list(principalOf(ctx), query(ctx, CareProfileQuery));
  });

  r.post('/profiles', requireStaff(), async (ctx) => {
    ctx.status = 201;
    ctx.body = await care.create(principalOf(ctx), body(ctx, CareProfileCreate));
  });

  r.get('/profiles/:residentId', requireStaff(), async (ctx) => {
    const id = idParam(ctx, 'residentId');
    ctx.body = await care.get(principalOf(ctx), id, `GET /api/care/profiles/${id}`);
  });

  r.patch('/profiles/:residentId', requireStaff(), async (ctx) => {
    const id = idParam(ctx, 'residentId');
    ctx.body = await care.update(principalOf(ctx), id, body(ctx, CareProfilePatch));
  });

  return r;
}
