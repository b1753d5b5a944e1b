// createApp(config) → { app, io, server, close }: one HTTP server carrying Koa and Socket.io.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Config } from './config';
import { CounterRepository } from './core/counters';
import { EventBus } from './core/events';
import { Metrics } from './core/metrics';
import { RateLimits } from './core/rate-limit';
import { runMigrations } from './core/migrations';
import { Scheduler } from './core/timers/scheduler';
import { connectDb, prepareIndexes } from './db/connection';
import type { Bus, DomainEvents } from './features/events';
import { REPO_ROOT } from './db/embedded';
import { buildFeatures, type Services } from './features';
import { wireFaces } from './features/wire';
import type { LinliFace } from './features/feature-core';
import { authenticate } from './http/auth';
import { clientIp } from './http/client-ip';
import { securityHeaders } from './http/security-headers';
import { TokenService } from './core/tokens';
import { AppError } from './core/errors';
import { errorMiddleware } from './http/errors';
import { spa } from './http/static';
import { createLogger, type Logger } from './logger';
import { shareEventsAcrossNodes } from './realtime/cross-node';
import { createIo, type Io } from './realtime/io';
import type { Connection } from 'mongoose';

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface LinliApp {
  app: Koa;
  io: Io;
  server: http.Server;
  conn: Connection;
  log: Logger;
  bus: Bus;
  scheduler: Scheduler;
  tokens: TokenService;
  services: Services;
  metrics: Metrics;
  /** The feature faces, in dependency order (what the architecture tests read). */
  faces: LinliFace[];
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createApp(config: Config, opts: { mongoUri: string; log?: Logger }): Promise<LinliApp> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const conn = await connectDb(opts.mongoUri);
  // Forwarded headers are believed only from TRUSTED_PROXIES (clientIp below), never Koa's trust-anyone `proxy: true`.
  const app = new Koa({ proxy: false });
  // Koa composes middleware when callback() is called, so the handler is built after app.use() below.
  let handler: ReturnType<Koa['callback']> | null = null;
  const server = http.createServer((req, res) => handler!(req, res));
  const tokens = new TokenService(config);
  const io = createIo(server, tokens, log);
  // Events reach the sockets of every server node: through the embedded PostgreSQL, or Redis with REDIS_URL.
  const stopSharing = await shareEventsAcrossNodes(io, conn, config.REDIS_URL, (err) => log.warn({ err: err.message }, 'cross-node socket events'));
  const metrics = new Metrics();
  const bus: Bus = new EventBus<DomainEvents>(log, metrics);
  const scheduler = new Scheduler(conn, log, config.TIMER_SWEEP_MS, metrics);
  const counters = new CounterRepository(conn);
  const { services, faces } = buildFeatures({ config, conn, log, bus, scheduler, io, tokens, counters, rateLimits: new RateLimits(conn), metrics });
  const runtime = wireFaces(faces, { bus, scheduler, log });

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  // 0. the client's address (X-Forwarded-For only through trusted proxies).
  app.use(clientIp(config.TRUSTED_PROXIES));
  // 1. request id + one log line per request with latency; counts in-flight requests for graceful shutdown.
  app.use(async (ctx, next) => {
    // randomUUID draws on a buffered entropy pool: randomBytes made a getrandom system call on every request (~1 % of CPU).
    const id = ctx.get('X-Request-Id') || crypto.randomUUID();
    ctx.set('X-Request-Id', id);
    ctx.state.log = log.child({ reqId: id });
    const start = process.hrtime.bigint();
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
      if (draining && inFlight === 0) drained?.();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      // By route pattern (koa-router's matched path), never the raw path: one series per route, not per ticket id.
      const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const routeLabel = typeof matched === 'string' ? matched : /^\/(panel|h5)(\/|$)/.exec(ctx.path) ? `/${ctx.path.split('/')[1]}/*` : 'other';
      metrics.httpDuration.observe({ method: ctx.method, route: routeLabel, status: String(ctx.status) }, ms / 1000);
      if (ctx.path !== '/api/health') {
        ctx.state.log.info({ method: ctx.method, path: (ctx.state.logPath as string | undefined) ?? ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
      }
    }
  });
  // 2. every failure below becomes { error: { code, message } }.
  app.use(errorMiddleware());
  // 3. security headers (CSP, no framing); methods no route serves (TRACE, CONNECT, …) get 405, not router's 501.
  app.use(securityHeaders());
  app.use(async (ctx, next) => {
    if (!HTTP_METHODS.has(ctx.method)) throw new AppError('METHOD_NOT_ALLOWED', '不支持的请求方法');
    if (draining) ctx.set('Connection', 'close');
    await next();
  });
  // 4. JSON bodies only, bounded; multipart is streamed by the uploads route itself.
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: config.BODY_LIMIT_BYTES, encoding: 'utf-8' }));
  // 5. who is calling (never rejects; routes decide).
  app.use(authenticate(tokens));
  // 6. API routes: the faces' route tables (and, during the move to them, the routers of the rest).
  for (const r of runtime.routers) app.use(r.routes()).use(r.allowedMethods());
  // 7. built front ends.
  app.use(spa('/panel', path.join(REPO_ROOT, 'client', 'panel', 'dist')));
  app.use(spa('/h5', path.join(REPO_ROOT, 'client', 'miniapp', 'dist', 'h5')));
  app.use(async (ctx, next) => {
    if (ctx.path === '/') return ctx.redirect('/panel/');
    await next();
  });

  handler = app.callback();
  // Every model's indexes built (and, on the embedded PostgreSQL, the GIN indexes its pushed-down equality uses).
  await prepareIndexes(conn, (model, err) => log.error({ model, err: err.message }, 'index build failed'));
  // Stored data brought up to this release first: timers and faces start on migrated data.
  await runMigrations(conn, faces.flatMap((f) => f.migrations ?? []), log);
  await scheduler.start();
  await runtime.start();

  const listen = (port = config.PORT, host = config.HOST) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as { port: number }).port));
    });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      // Stop accepting, let in-flight requests finish (bounded), then sockets, timers, database.
      const serverClosed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (drained = r)), new Promise((r) => setTimeout(r, 10_000))]);
      }
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await stopSharing?.();
      server.closeAllConnections();
      await serverClosed;
      await runtime.stop();
      await scheduler.stop();
      bus.removeAll();
      await conn.close();
    })());

  return { app, io, server, conn, log, bus, scheduler, tokens, services, metrics, faces, listen, close };
}
