// The health face: GET /api/health answers 200 once the server can serve and 503 while the database is unreachable (load balancers and supervisors poll it).
import { z } from 'zod';
import { route } from '../../core/feature';
import { pingDb } from '../../db/connection';
import type { FeatureCore, LinliFace } from '../feature-core';

const Health = z.object({ ok: z.boolean(), db: z.enum(['up', 'down']) });

export function healthFeature(core: Pick<FeatureCore, 'conn'>): LinliFace<Record<string, never>> {
  return {
    name: 'health',
    api: {},
    routes: [
      route({
        method: 'get', path: '/api/health', auth: 'public', response: Health,
        summary: 'Liveness and database reachability (200 up, 503 down)',
        description: 'While the database is unreachable the status is 503 with this same body (`ok: false, db: "down"`), not the error envelope.',
        async handler({ ctx }) {
          const up = await pingDb(core.conn);
          ctx.status = up ? 200 : 503;
          return up ? { ok: true, db: 'up' } : { ok: false, db: 'down' };
        },
      }),
    ],
  };
}
