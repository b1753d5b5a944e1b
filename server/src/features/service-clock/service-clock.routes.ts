// Service settings route table: staff read the rules and the working calendar; admins edit them.
import { ServiceCalendarQuery, ServiceSettingsPatch } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { ServiceClockService } from './service-clock.service';

export function serviceClockRoutes(clock: ServiceClockService): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/service/settings', auth: 'staff',
      summary: 'The two deadlines per category (签收, 办结), their clocks and the working calendar of the community',
      async handler({ principal: p }) {
        return clock.settings(p.communityId);
      },
    }),
    route({
      method: 'patch', path: '/api/service/settings', auth: ['admin'], body: ServiceSettingsPatch,
      summary: 'Edit 签收 hours, clocks, working hours, and the community’s own holidays and 调休 working days (办结 hours: PATCH /api/community/sla)',
      async handler({ principal: p, body }) {
        return clock.update(p.communityId, body);
      },
    }),
    route({
      method: 'get', path: '/api/service/calendar', auth: 'staff', query: ServiceCalendarQuery,
      summary: 'Working days between two dates (public holidays and 调休 included), with the reason for each day off or extra working day',
      async handler({ principal: p, query }) {
        return { items: await clock.calendar(p.communityId, query.from, query.to) };
      },
    }),
  ];
}
