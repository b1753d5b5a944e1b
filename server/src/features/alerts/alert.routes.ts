// Alert route table: device ingestion (device key), the staff alert board (list, ack, resolve, ticket), public alerts for residents, ingest counters.
import { z } from 'zod';
import { AlertAck, AlertQuery, AlertReportQuery, AlertResolve, AlertTicketCreate, ObjectIdString, type AlertDto, type StaffPrincipal } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import { RateLimiter } from '../../core/rate-limit';
import { bearer } from '../../http/auth';
import { IngestRejected, UNAUTHENTICATED_REJECTIONS, type AlertIngest } from './alert.ingest';
import type { MqttIngest } from './alert.mqtt';
import { FailureLimit } from './alert.source-limit';
import type { AlertService } from './alert.service';

/** Public alerts on the big screen: nobody named (public-safety alerts carry no person; dropped in case one does). */
const screenAlerts = (b: unknown) => {
  const d = b as { items: AlertDto[] };
  return { ...d, items: d.items.map(({ subject: _subject, ...a }) => a) };
};

const IdParams = z.object({ id: ObjectIdString });
/** A misconfigured device retries a few times a minute; a guesser needs millions. */
export const SOURCE_FAILURES_PER_MINUTE = 60;

export function alertRoutes(alerts: AlertService, ingest: AlertIngest, mqttIngest: MqttIngest): AnyRoute[] {
  // Per device, counted only once the key is proved: a stuck sensor cannot flood the board (a healthy one sends a few events a
  // minute), and nobody else can use up a device's allowance by naming it.
  const deviceLimiter = new RateLimiter(600, 60_000);
  // Per source address: failed authentications (bad key, unknown device, junk); a device's name in the body counts for nothing.
  const sourceFailures = new FailureLimit(SOURCE_FAILURES_PER_MINUTE, 60_000);

  return [
    route({
      method: 'post', path: '/api/alerts/ingest', auth: 'device', status: 201, errors: ['CONFLICT', 'RATE_LIMITED', 'UNAVAILABLE'],
      // Parsed by the ingestion pipeline, not the adapter, so every malformed event is counted as a rejection.
      rawBody: { contentType: 'application/json', description: 'A device event `{deviceId,eventId,type,at,data}`; the device key is the bearer token.' },
      summary: 'A device reports an event (201 when it raised an alert, 200 when deduplicated or recorded)',
      async handler({ ctx }) {
        const raw = (ctx.request as unknown as { body?: unknown }).body ?? {};
        const source = ctx.ip;
        sourceFailures.check(source);
        let result;
        try {
          result = await ingest.ingestHttp(bearer(ctx.get('Authorization')), raw, ctx.get('X-Community-Id') || undefined, (device) =>
            deviceLimiter.take(`device:${String(device._id)}`, '设备上报太频繁'),
          );
        } catch (err) {
          if (err instanceof IngestRejected && UNAUTHENTICATED_REJECTIONS.has(err.reason)) sourceFailures.fail(source);
          throw err;
        }
        ctx.status = result.outcome === 'raised' ? 201 : 200;
        return result;
      },
    }),
    route({
      method: 'get', path: '/api/alerts/public', auth: 'signed-in',
      screen: screenAlerts,
      summary: 'Open public-safety alerts (mini-program banner, big screen)',
      handler: ({ principal: p }) => alerts.listPublic(p.communityId),
    }),
    route({
      method: 'get', path: '/api/alerts/stats', auth: 'staff',
      summary: 'Ingestion counters per path (accepted, rejected by reason) and the MQTT connection',
      handler: ({ principal: p }) => ingest.stats(p.communityId, mqttIngest.status()),
    }),
    route({
      method: 'get', path: '/api/alerts/report', auth: ['admin', 'staff', 'care'], query: AlertReportQuery,
      summary: 'Time to acknowledge in a month: p50/p90 and the shares taken within 60 s and within 3 min, overall and per type',
      handler: ({ principal: p, query }) => alerts.report(p as StaffPrincipal, query.month),
    }),
    route({
      method: 'get', path: '/api/alerts', auth: 'staff', query: AlertQuery,
      summary: 'The alert board, newest first (keyset cursor); personal alerts only within the buildings of a grid worker unless staff or care',
      handler: ({ principal: p, query }) => alerts.list(p as StaffPrincipal, query),
    }),
    route({
      method: 'get', path: '/api/alerts/:id', auth: 'staff', params: IdParams, errors: ['NOT_FOUND'],
      summary: 'One alert; readings of a personal alert only for those who may read the health data of the resident (audited)',
      handler: async ({ principal: p, params }) => alerts.view(p, await alerts.getVisible(p, params.id), `GET /api/alerts/${params.id}`),
    }),
    route({
      method: 'post', path: '/api/alerts/:id/ack', auth: 'staff', params: IdParams, body: AlertAck, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Acknowledge an alert (stops its escalation)',
      handler: async ({ principal: p, params, body }) => alerts.view(p, await alerts.transition(p, params.id, 'ack', body.note)),
    }),
    route({
      method: 'post', path: '/api/alerts/:id/resolve', auth: 'staff', params: IdParams, body: AlertResolve, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Resolve an alert with a note',
      handler: async ({ principal: p, params, body }) => alerts.view(p, await alerts.transition(p, params.id, 'resolve', body.note)),
    }),
    route({
      method: 'post', path: '/api/alerts/:id/ticket', auth: 'staff', params: IdParams, body: AlertTicketCreate, status: 201, errors: ['NOT_FOUND'],
      summary: 'Open a desk ticket for the alert (once; a second call returns the same ticket)',
      async handler({ principal: p, params, body }) {
        const { alert, ticket } = await alerts.openTicket(p, params.id, body);
        return { alert: await alerts.view(p, alert), ticket: { id: String(ticket._id), no: ticket.no, status: ticket.status } };
      },
    }),
  ];
}
