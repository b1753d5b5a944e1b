// Baseline for the ticket bench: a bare Koa handler with the same validation, a raw driver insert, the same socket event.
import http from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { MongoClient } from 'mongodb';
import { Server } from 'socket.io';
import { TicketCreate } from '@linli/contracts';

async function main() {
  const client = await MongoClient.connect(process.env.MONGODB_URI!, { maxPoolSize: 50 });
  const col = client.db().collection('tickets');
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['json'] }));
  let seq = 0;
  app.use(async (ctx) => {
    if (ctx.path === '/api/health') {
      ctx.body = { ok: true };
      return;
    }
    if (ctx.method !== 'POST' || ctx.path !== '/api/tickets') {
      ctx.status = 404;
      return;
    }
    const parsed = TicketCreate.safeParse((ctx.request as any).body);
    if (!parsed.success) {
      ctx.status = 422;
      ctx.body = { error: { code: 'VALIDATION' } };
      return;
    }
    const now = new Date();
    const doc = { ...parsed.data, communityId: 'beimen', no: `BM-${++seq}`, status: 'submitted', createdAt: now, updatedAt: now };
    const r = await col.insertOne(doc);
    const out = { ...doc, id: String(r.insertedId), _id: undefined };
    io.to('staff').emit('ticket:created', out);
    ctx.status = 201;
    ctx.body = out;
  });
  const server = http.createServer(app.callback());
  const io = new Server(server);
  io.on('connection', (s) => void s.join('staff'));
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    io.close();
    void client.close().then(() => process.exit(0));
  });
}
void main();
