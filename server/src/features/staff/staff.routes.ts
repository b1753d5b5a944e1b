// Staff accounts over HTTP: admins create them; any staff member lists them (for the assignee picker).
import Router from '@koa/router';
import { StaffCreate } from '@linli/contracts';
import { principalOf, requireStaff } from '../../http/auth';
import { body } from '../../http/validate';
import type { StaffService } from './staff.service';

export function staffRoutes(staff: StaffService): Router {
  const r = new Router({ prefix: '/api/staff' });
  r.post('/', requireStaff('admin'), async (ctx) => {
    const input = body(ctx, StaffCreate);
    ctx.status = 201;
    ctx.body = await staff.create(principalOf(ctx).communityId, input);
  });
  r.get('/', requireStaff(), async (ctx) => {
    ctx.body = { items: await staff.list(principalOf(ctx).communityId) };
  });
  return r;
}
