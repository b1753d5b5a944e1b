// Residents registry over HTTP (staff only); residents read their own profile through /api/me.
import Router from '@koa/router';
import { ResidentCreate, ResidentPatch, ResidentQuery } from '@linli/contracts';
import { principalOf, requireStaff } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import { residentDto, type ResidentService } from './resident.service';

export function residentRoutes(residents: ResidentService): Router {
  const r = new Router({ prefix: '/api/residents' });
  r.post('/', requireStaff(), async (ctx) => {
    const input = body(ctx, ResidentCreate);
    ctx.status = 201;
    ctx.body = await residents.create(principalOf(ctx).communityId, input);
  });
  r.get('/', requireStaff(), async (ctx) => {
    ctx.body = await residents.list(principalOf(ctx).communityId, query(ctx, ResidentQuery));
  });
  r.get('/:id', requireStaff(), async (ctx) => {
    ctx.body = residentDto(await residents.get(principalOf(ctx).communityId, idParam(ctx)));
  });
  r.patch('/:id', requireStaff(), async (ctx) => {
    const id = idParam(ctx);
    const patch = body(ctx, ResidentPatch);
    ctx.body = await residents.update(principalOf(ctx).communityId, id, patch);
  });
  return r;
}
