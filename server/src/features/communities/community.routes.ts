// Community settings route table: anyone signed in reads them; admins change per-category SLA hours.
import { CommunitySlaPatch, DEFAULT_SLA_HOURS } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { CommunityDoc } from './community.model';
import type { CommunityService } from './community.service';

const dto = (c: CommunityDoc) => ({
  id: c._id,
  name: c.name,
  ticketPrefix: c.ticketPrefix,
  buildings: c.buildings,
  slaHours: { ...DEFAULT_SLA_HOURS, ...c.slaHours },
});

export function communityRoutes(communities: CommunityService): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/community', auth: 'signed-in',
      // Settings only, nothing personal: the big screen shows the name as it is.
      screen: (b) => b,
      summary: "The caller's community: name, ticket prefix, buildings and SLA hours per category",
      async handler({ principal: p }) {
        return dto(await communities.get(p.communityId));
      },
    }),
    route({
      method: 'patch', path: '/api/community/sla', auth: ['admin'], body: CommunitySlaPatch,
      summary: 'Override SLA hours for some ticket categories (admins)',
      async handler({ principal: p, body }) {
        return dto(await communities.setSlaHours(p.communityId, body));
      },
    }),
  ];
}
