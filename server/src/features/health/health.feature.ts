// The health face: GET /api/health (= /api/health/ready) answers 200 once the server can serve and 503 while the database is unreachable; /api/health/live only that the process answers.
import { z } from 'zod';
import { route } from '../../core/feature';
import { pingDb } from '../../db/connection';
import type { FeatureCore, LinliFace } from '../feature-core';

const Health = z.object({ ok: z.boolean(), db: z.enum(['up', 'down']) });

const Live = z.object({ ok: z.literal(true), uptimeSeconds: z.number() });

export function healthFeature(core: Pick<FeatureCore, 'conn'>): LinliFace<Record<string, never>> {
  const ready = (path: string, summary: string) =>
    route({
      method: 'get', path, auth: 'public', response: Health, summary,
      description: 'While the database is unreachable the status is 503 with this same body (`ok: false, db: "down"`), not the error envelope.',
      async handler({ ctx }) {
        const up = await pingDb(core.conn);
        ctx.status = up ? 200 : 503;
        return up ? { ok: true, db: 'up' } : { ok: false, db: 'down' };
      },
    });
  return {
    name: 'health',
    api: {},
    routes: [
      ready('/api/health', 'Liveness and database reachability (200 up, 503 down)'),
      // Readiness: a load balancer sends traffic only while this is 200 (the database may be restarting).
      ready('/api/health/ready', 'Readiness: 200 while the database answers, 503 while it does not'),
      route({
        method: 'get', path: '/api/health/live', auth: 'public', response: Live,
        summary: 'Liveness: 200 while the process answers, whatever the database does',
        description: 'A supervisor restarts the process only when this fails: a database outage is waited out, not restarted away.',
        handler: () => ({ ok: true as const, uptimeSeconds: Math.round(process.uptime()) }),
      }),
    ],
  };
}
