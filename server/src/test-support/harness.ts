// Boots the real app on a free port against the test database, with helpers to log in, call the API and listen on sockets.
import crypto from 'node:crypto';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApp, type LinliApp } from '../app';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../logger';
import { seedDemo } from '../seed/demo';

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  port: number;
  app: LinliApp;
  config: Config;
  mongoUri: string;
  communityId: string;
  request<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: RequestInit["body"] }): Promise<ApiResult<T>>;
  loginStaff(username?: string, password?: string): Promise<string>;
  loginResident(openid: string, name?: string): Promise<{ token: string; resident: any }>;
  socket(token: string): Promise<Socket>;
  /** Every item of a keyset-paged list (GET `path`, following `nextCursor`), each page answered 200. */
  allPages<T = any>(path: string, token: string): Promise<T[]>;
  /** Stops the app (not the database); `restart()` boots a new app on the same data. */
  close(): Promise<void>;
  restart(): Promise<TestServer>;
}

export function testMongoUri(dbName: string): string {
  const base = process.env.LINLI_TEST_MONGODB_URI;
  if (!base) throw new Error('LINLI_TEST_MONGODB_URI is not set: run tests through the root jest config (npm test)');
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export function uniqueDbName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
}

export async function startTestServer(opts: { dbName?: string; env?: Record<string, string>; port?: number; seed?: boolean } = {}): Promise<TestServer> {
  const dbName = opts.dbName ?? uniqueDbName();
  const mongoUri = testMongoUri(dbName);
  const config = loadConfig(
    {},
    {
      DEV_LOGIN: '1',
      LOG_LEVEL: process.env.LINLI_TEST_LOG ?? 'silent',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      BOT_TOKEN: 'test-bot-token-0123456789',
      TIMER_SWEEP_MS: '500',
      // Password hashes at 2^12 instead of production's 2^17: the only place this test-only setting is used.
      NODE_ENV: 'test',
      TEST_SCRYPT_LOG_N: '12',
      // No community-wide quiet hours: a check-in deadline a test sets seconds ahead must not move to 07:00 when it runs at night (care tests set them per elder).
      CARE_QUIET_HOURS: 'off',
      ...opts.env,
    },
  );
  const app = await createApp(config, { mongoUri, log: createLogger(config.LOG_LEVEL) });
  if (opts.seed !== false) await seedDemo(app.services, config.COMMUNITY_ID, app.log);
  const port = await app.listen(opts.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];

  const request: TestServer['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let reqBody: RequestInit["body"] | undefined = o.raw;
    if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      reqBody = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    }
    const res = await fetch(url + path, { method, headers, body: reqBody });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const server: TestServer = {
    url,
    port,
    app,
    config,
    mongoUri,
    communityId: config.COMMUNITY_ID,
    request,
    async loginStaff(username = 'admin', password = 'linli-demo') {
      const r = await request('POST', '/api/auth/staff/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`staff login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async loginResident(openid, name) {
      const r = await request('POST', '/api/auth/dev/login', { body: { openid, ...(name ? { name } : {}) } });
      if (r.status !== 200) throw new Error(`resident login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    socket(token) {
      return new Promise((resolve, reject) => {
        const s = ioClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(s);
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
    async allPages(path, token) {
      const items: any[] = [];
      for (let cursor = ''; ; ) {
        const r = await server.request('GET', `${path}${path.includes('?') ? '&' : '?'}${cursor ? `cursor=${cursor}` : ''}`, { token });
        if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        items.push(...r.body.items);
        if (!(cursor = r.body.nextCursor ?? '')) return items;
      }
    },
    async restart() {
      await server.close();
      return startTestServer({ ...opts, dbName, port });
    },
  };
  return server;
}

/** Resolves with the next event of that name (or rejects after a timeout). */
export function nextEvent<T = any>(socket: Socket, event: string, timeoutMs = 5000, filter: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const on = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(t);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}
