// Street route table: read-only, for street accounts only (no mutating route anywhere names the 'street' role).
import { ServiceStatsQuery, StreetTicketQuery } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { StreetService } from './street.service';

export function streetRoutes(streets: StreetService): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/street', auth: ['street'],
      summary: "The street account's street (街道) and the communities it oversees",
      handler: ({ principal: p }) => streets.of(p),
    }),
    route({
      method: 'get', path: '/api/street/stats/service', auth: ['street'], query: ServiceStatsQuery,
      summary: '接诉即办 KPIs over all the street’s communities: the same figures as each community’s GET /api/stats/service',
      description: 'groupBy=community gives one row per community of the street (by name), zero rows included.',
      handler: ({ principal: p, query }) => streets.stats(p, query),
    }),
    route({
      method: 'get', path: '/api/street/tickets', auth: ['street'], query: StreetTicketQuery,
      summary: 'Supervised (督办) or street-level (上报街道) tickets of the street’s communities, open first, without residents’ phone numbers',
      handler: ({ principal: p, query }) => streets.tickets(p, query),
    }),
  ];
}
