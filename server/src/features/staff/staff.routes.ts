// Staff accounts route table: admins create, reset, disable/enable and unlock accounts; any staff member lists them (for the assignee picker).
import { z } from 'zod';
import { ObjectIdString, PasswordReset, StaffCreate } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { StaffService } from './staff.service';

const IdParams = z.object({ id: ObjectIdString });

export function staffRoutes(staff: StaffService): AnyRoute[] {
  return [
    route({
      method: 'post', path: '/api/staff', auth: ['admin'], body: StaffCreate, status: 201, errors: ['CONFLICT'],
      summary: 'Create a staff account (admins); its holder must change the password at first sign-in',
      handler({ principal: p, body }) {
        return staff.create(p.communityId, body, { mustChangePassword: body.mustChangePassword ?? true });
      },
    }),
    route({
      method: 'get', path: '/api/staff', auth: 'staff',
      summary: "The community's active staff accounts",
      async handler({ principal: p }) {
        return { items: await staff.list(p.communityId) };
      },
    }),
    route({
      method: 'get', path: '/api/staff/accounts', auth: ['admin'],
      summary: 'Every account with its state: enabled, locked after wrong passwords, waiting for a password change (admins)',
      async handler({ principal: p }) {
        return { items: await staff.accounts(p.communityId) };
      },
    }),
    route({
      method: 'post', path: '/api/staff/:id/password', auth: ['admin'], params: IdParams, body: PasswordReset, errors: ['NOT_FOUND'],
      summary: 'Set a temporary password (admins): unlocks the account, ends its sessions, and its holder must change it',
      handler({ principal: p, params, body }) {
        return staff.resetPassword(p.communityId, params.id, body.password);
      },
    }),
    route({
      method: 'post', path: '/api/staff/:id/disable', auth: ['admin'], params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Disable an account (admins): it can no longer sign in and its tokens stop working at once',
      handler({ principal: p, params }) {
        return staff.setActive(p, params.id, false);
      },
    }),
    route({
      method: 'post', path: '/api/staff/:id/enable', auth: ['admin'], params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Enable a disabled account again (admins)',
      handler({ principal: p, params }) {
        return staff.setActive(p, params.id, true);
      },
    }),
    route({
      method: 'post', path: '/api/staff/:id/unlock', auth: ['admin'], params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Lift the lock that wrong passwords put on an account (admins)',
      handler({ principal: p, params }) {
        return staff.unlock(p.communityId, params.id);
      },
    }),
    route({
      method: 'post', path: '/api/staff/:id/logout-all', auth: ['admin'], params: IdParams, status: 204, errors: ['NOT_FOUND'],
      summary: "End every session of an account (admins), e.g. after a lost phone",
      async handler({ principal: p, params }) {
        await staff.logoutEverywhere(p.communityId, params.id);
      },
    }),
  ];
}
