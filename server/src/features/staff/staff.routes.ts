// Staff accounts route table: admins create them; any staff member lists them (for the assignee picker).
import { StaffCreate } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { StaffService } from './staff.service';

export function staffRoutes(staff: StaffService): AnyRoute[] {
  return [
    route({
      method: 'post', path: '/api/staff', auth: ['admin'], body: StaffCreate, status: 201, errors: ['CONFLICT'],
      summary: 'Create a staff account (admins)',
      handler({ principal: p, body }) {
        return staff.create(p.communityId, body);
      },
    }),
    route({
      method: 'get', path: '/api/staff', auth: 'staff',
      summary: "The community's active staff accounts",
      async handler({ principal: p }) {
        return { items: await staff.list(p.communityId) };
      },
    }),
  ];
}
