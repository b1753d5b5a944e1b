// Device registry route table (staff with the admin, staff or care role): register (key shown once), list, edit, rotate key, enable/disable.
import { z } from 'zod';
import { DeviceCreate, DevicePatch, DeviceQuery, ObjectIdString, type StaffRole } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { DeviceService } from './device.service';

const IdParams = z.object({ id: ObjectIdString });
const MANAGERS: readonly StaffRole[] = ['admin', 'staff', 'care'];

export function deviceRoutes(devices: DeviceService): AnyRoute[] {
  return [
    route({
      method: 'post', path: '/api/devices', auth: MANAGERS, body: DeviceCreate, status: 201, errors: ['NOT_FOUND'],
      summary: 'Register a device; its key is in this reply only',
      async handler({ ctx, principal: p, body }) {
        const created = await devices.create(p, body);
        ctx.set('Cache-Control', 'no-store');
        return created;
      },
    }),
    route({
      method: 'get', path: '/api/devices', auth: MANAGERS, query: DeviceQuery,
      summary: 'List devices, newest first (keyset cursor)',
      handler: ({ principal: p, query }) => devices.list(p.communityId, query),
    }),
    route({
      method: 'get', path: '/api/devices/:id', auth: MANAGERS, params: IdParams, errors: ['NOT_FOUND'],
      summary: 'One device',
      handler: async ({ principal: p, params }) => devices.dto(await devices.get(p.communityId, params.id)),
    }),
    route({
      method: 'patch', path: '/api/devices/:id', auth: MANAGERS, params: IdParams, body: DevicePatch, errors: ['NOT_FOUND'],
      summary: "Edit a device's name, location or wearer",
      handler: async ({ principal: p, params, body }) => devices.dto(await devices.patch(p.communityId, params.id, body)),
    }),
    route({
      method: 'post', path: '/api/devices/:id/rotate-key', auth: MANAGERS, params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Issue a new key; the old one stops working (other nodes within seconds)',
      async handler({ ctx, principal: p, params }) {
        ctx.set('Cache-Control', 'no-store');
        return devices.rotateKey(p.communityId, params.id);
      },
    }),
    route({
      method: 'post', path: '/api/devices/:id/disable', auth: MANAGERS, params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Stop accepting events from a device',
      handler: async ({ principal: p, params }) => devices.dto(await devices.setEnabled(p.communityId, params.id, false)),
    }),
    route({
      method: 'post', path: '/api/devices/:id/enable', auth: MANAGERS, params: IdParams, errors: ['NOT_FOUND'],
      summary: 'Accept events from a device again',
      handler: async ({ principal: p, params }) => devices.dto(await devices.setEnabled(p.communityId, params.id, true)),
    }),
  ];
}
