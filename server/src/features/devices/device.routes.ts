// Device registry endpoints (staff): register (key shown once), list, edit, rotate key, enable/disable.
import Router from '@koa/router';
import { DeviceCreate, DevicePatch, DeviceQuery } from '@linli/contracts';
import { principalOf, requireStaff } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import type { DeviceService } from './device.service';

export function deviceRoutes(devices: DeviceService): Router {
  const r = new Router({ prefix: '/api/devices' });
  r.use(requireStaff('admin', 'staff', 'care'));

  r.post('/', async (ctx) => {
    const created = await devices.create(principalOf(ctx), body(ctx, DeviceCreate));
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = created;
  });

  r.get('/', async (ctx) => {
    ctx.body = await devices.list(principalOf(ctx).communityId, query(ctx, DeviceQuery));
  });

  r.get('/:id', async (ctx) => {
    ctx.body = await devices.dto(await devices.get(principalOf(ctx).communityId, idParam(ctx)));
  });

  r.patch('/:id', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await devices.dto(await devices.patch(principalOf(ctx).communityId, id, body(ctx, DevicePatch)));
  });

  r.post('/:id/rotate-key', async (ctx) => {
    const id = idParam(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await devices.rotateKey(principalOf(ctx).communityId, id);
  });

  r.post('/:id/disable', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await devices.dto(await devices.setEnabled(principalOf(ctx).communityId, id, false));
  });

  r.post('/:id/enable', async (ctx) => {
    const id = idParam(ctx);
    ctx.body = await devices.dto(await devices.setEnabled(principalOf(ctx).communityId, id, true));
  });

  return r;
}
