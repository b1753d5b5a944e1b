// Turns the faces into a running server: one router from the route tables, subscriptions on the bus, timers on the scheduler, intervals, start and stop.
import type Router from '@koa/router';
import type { Scheduler } from '../core/timers/scheduler';
import { routerFor } from '../http/routes';
import type { Logger } from '../logger';
import type { Bus } from './events';
import type { LinliFace } from './feature-core';

export function wireFaces(faces: LinliFace[], core: { bus: Bus; scheduler: Scheduler; log: Logger }) {
  const names = new Set<string>();
  for (const f of faces) {
    if (names.has(f.name)) throw new Error(`feature ${f.name} listed twice`);
    names.add(f.name);
    for (const s of f.subscriptions ?? []) core.bus.on(s.event, s.handler as (payload: unknown) => void);
    for (const t of f.timers ?? []) core.scheduler.use(t);
  }
  const routers: Router[] = [routerFor(faces.flatMap((f) => f.routes ?? []))];
  const intervals: NodeJS.Timeout[] = [];

  /** After the scheduler runs; one face failing to start is logged and the others go on (an MQTT broker down must not stop the API). */
  const start = async () => {
    for (const f of faces) {
      try {
        await f.start?.();
      } catch (err) {
        core.log.error({ err, feature: f.name }, 'feature start failed');
      }
      for (const iv of f.intervals ?? []) {
        const t = setInterval(() => {
          Promise.resolve()
            .then(() => iv.run())
            .catch((err) => core.log.warn({ err, feature: f.name, interval: iv.name }, 'interval failed'));
        }, iv.everyMs);
        t.unref();
        intervals.push(t);
      }
    }
  };
  /** In reverse order, so a feature stops before those it depends on. */
  const stop = async () => {
    for (const t of intervals.splice(0)) clearInterval(t);
    for (const f of [...faces].reverse()) {
      try {
        await f.stop?.();
      } catch (err) {
        core.log.error({ err, feature: f.name }, 'feature stop failed');
      }
    }
  };
  return { routers, start, stop };
}
