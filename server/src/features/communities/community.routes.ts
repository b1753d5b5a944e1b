// Community settings: anyone signed in reads them; admins change per-category SLA hours.
import Router from '@koa/router';
import { CommunitySlaPatch, DEFAULT_SLA_HOURS } from '@linli/contracts';
import { principalOf, requireAuth, requireStaff } from '../../http/auth';
import { body } from '../../http/validate';
import type { CommunityService } from './community.service';
import type { CommunityDoc } from './community.model';

const dto = (c: CommunityDoc) => ({
  id: c._id,
  name: c.name,
  ticketPrefix: c.ticketPrefix,
  buildings: c.buildings,
  slaHours: { ...DEFAULT_SLA_HOURS, ...c.slaHours },
});

export function communityRoutes(communities: CommunityService): Router {
  const r = new Router({ prefix: '/api/community' });
  r.get('/', requireAuth(), async (ctx) => {
    ctx.body = dto(await communities.get(principalOf(ctx).communityId));
  });
  r.patch('/sla', requireStaff('admin'), async (ctx) => {
    const patch = body(ctx, CommunitySlaPatch);
    ctx.body = dto(await communities.setSlaHours(principalOf(ctx).communityId, patch));
  });
  return r;
}
