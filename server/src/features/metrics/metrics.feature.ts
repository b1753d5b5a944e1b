// The metrics face: GET /metrics in Prometheus text format (HTTP latency by route, sockets, database, timers, process), for a scraper on the host or one holding METRICS_TOKEN.
import crypto from 'node:crypto';
import { route } from '../../core/feature';
import { AppError } from '../../core/errors';
import type { FeatureCore, LinliFace } from '../feature-core';
import { watchDbPool } from './db-pool';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export function metricsFeature(core: Pick<FeatureCore, 'config' | 'conn' | 'io' | 'scheduler' | 'metrics'>): LinliFace<Record<string, never>> {
  const { metrics } = core;
  metrics.gauge('linli_socket_connections', 'Socket.io connections open on this node', () => core.io.engine.clientsCount);
  metrics.gauge('linli_db_up', '1 while the database connection is open', () => (core.conn.readyState === 1 ? 1 : 0));
  metrics.gauge('linli_timers_armed', 'Persisted and derived timers armed in this process', () => core.scheduler.armedCount());
  watchDbPool(core.conn.getClient(), metrics);
  return {
    name: 'metrics',
    api: {},
    routes: [
      route({
        method: 'get', path: '/metrics', auth: 'public', responseType: 'text/plain', errors: ['FORBIDDEN'],
        summary: 'Prometheus metrics of this node',
        description:
          'Answers a scraper on this host (the client address after TRUSTED_PROXIES is loopback) or one sending `Authorization: Bearer <METRICS_TOKEN>`; everyone else gets 403. The shipped nginx site does not pass /metrics on.',
        async handler({ ctx }) {
          const token = core.config.METRICS_TOKEN;
          const bearer = /^Bearer (.+)$/.exec(ctx.get('Authorization'))?.[1];
          const allowed = LOOPBACK.test(ctx.ip) || (!!token && !!bearer && sameSecret(bearer, token));
          if (!allowed) throw new AppError('FORBIDDEN', '无权访问');
          ctx.type = metrics.contentType;
          ctx.set('Cache-Control', 'no-store');
          return metrics.text();
        },
      }),
    ],
  };
}
