// Alert endpoints: device ingestion (device key), the staff alert board (list, ack, resolve, ticket), public alerts for residents, ingest counters.
import Router from '@koa/router';
import { AlertAck, AlertQuery, AlertResolve, AlertTicketCreate } from '@linli/contracts';
import { RateLimiter } from '../../core/rate-limit';
import { bearer, principalOf, requireAuth, requireStaff, type StaffPrincipal } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import type { AlertIngest } from './alert.ingest';
import type { MqttIngest } from './alert.mqtt';
import type { AlertService } from './alert.service';

export function alertRoutes(alerts: AlertService, ingest: AlertIngest, mqttIngest: MqttIngest): Router {
  const r = new Router({ prefix: '/api/alerts' });
  // Per device: a stuck sensor cannot flood the board (a healthy one sends a few events a minute).
  const deviceLimiter = new RateLimiter(600, 60_000);

  r.post('/ingest', async (ctx) => {
    const raw = (ctx.request as unknown as { body?: unknown }).body ?? {};
    const deviceId = (raw as { deviceId?: unknown }).deviceId;
    if (typeof deviceId === 'string') deviceLimiter.take(`device:${deviceId.slice(0, 64)}`, '设备上报太频繁');
    const result = await ingest.ingestHttp(bearer(ctx.get('Authorization')), raw, ctx.get('X-Community-Id') || undefined);
    ctx.status = result.outcome === 'raised' ? 201 : 200;
    ctx.body = result;
  });

  r.get('/public', requireAuth(), async (ctx) => {
    ctx.body = await alerts.listPublic(principalOf(ctx).communityId);
  });

  r.get('/stats', requireStaff(), async (ctx) => {
    ctx.body = await ingest.stats(principalOf(ctx).communityId, mqttIngest.status());
  });

  r.get('/', requireStaff(), async (ctx) => {
    ctx.body = await alerts.list(principalOf(ctx) as StaffPrincipal, query(ctx, AlertQuery));
  });

  r.get('/:id', requireStaff(), async (ctx) => {
    const p = principalOf(ctx);
    const id = idParam(ctx);
    ctx.body = await alerts.view(p, await alerts.getVisible(p, id), `GET /api/alerts/${id}`);
  });

  r.post('/:id/ack', requireStaff(), async (ctx) => {
    const p = principalOf(ctx);
    const id = idParam(ctx);
    const { note } = body(ctx, AlertAck);
    ctx.body = await alerts.view(p, await alerts.transition(p, id, 'ack', note));
  });

  r.post('/:id/resolve', requireStaff(), async (ctx) => {
    const p = principalOf(ctx);
    const id = idParam(ctx);
    const { note } = body(ctx, AlertResolve);
    ctx.body = await alerts.view(p, await alerts.transition(p, id, 'resolve', note));
  });

  r.post('/:id/ticket', requireStaff(), async (ctx) => {
    const p = principalOf(ctx);
    const id = idParam(ctx);
    const { alert, ticket } = await alerts.openTicket(p, id, body(ctx, AlertTicketCreate));
    ctx.status = 201;
    ctx.body = { alert: await alerts.view(p, alert), ticket: { id: String(ticket._id), no: ticket.no, status: ticket.status } };
  });

  return r;
}
