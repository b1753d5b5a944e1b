// GET /api/health: 200 once the server can serve, 503 while the database is unreachable.
import Router from '@koa/router';
import type { Connection } from 'mongoose';
import { pingDb } from '../../db/connection';

export function healthRoutes(conn: Connection): Router {
  const r = new Router();
  r.get('/api/health', async (ctx) => {
    const up = await pingDb(conn);
    ctx.status = up ? 200 : 503;
    ctx.body = up ? { ok: true, db: 'up' } : { ok: false, db: 'down' };
  });
  return r;
}
