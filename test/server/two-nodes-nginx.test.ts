// Two server processes on one database behind Debian's nginx with the shipped site and the several-nodes upstream: a staff login and a wss socket through nginx, an event from the other node, and a node killed while the service keeps answering.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { freePort } from '../../server/src/db/embedded';
import { testMongoUri, uniqueDbName } from '../../server/src/test-support/harness';
import { startNginx, type TestNginx } from '../support/nginx';

jest.setTimeout(180_000);
const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-two-nodes-'));
const mongoUri = testMongoUri(uniqueDbName('nginx2'));
const nodes: { port: number; proc: ChildProcess; out: () => string }[] = [];
let nginx: TestNginx | undefined;
let httpsPort: number;
let ca: Buffer;
const sockets: Socket[] = [];

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

async function until<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${nodes.map((n) => n.out().slice(-2000)).join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One server node: the entry `npm run server` runs, against the shared database (no embedded database, no bot). */
async function startNode(seed: boolean) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONGODB_URI: mongoUri, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', TRUSTED_PROXIES: '127.0.0.1',
    JWT_SECRET: 'two-nodes-secret-two-nodes-secret-0123', BOT_TOKEN: 'two-nodes-bot-token-0123456789', NODE_ENV: 'test', TEST_SCRYPT_LOG_N: '12',
    // The demo community and its admin, made once by the first node.
    LINLI_MODE: 'demo', SEED_DEMO: seed ? '1' : '0', DEV_LOGIN: '1',
  };
  // Node itself with tsx's loader (not the tsx wrapper): the pid is the server's, so SIGKILL reaches it.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const node = { port, proc, out: () => out };
  nodes.push(node);
  await until(`node on ${port}`, () => {
    if (proc.exitCode !== null) throw new Error(`node exited: ${out}`);
    return fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status === 200, () => false);
  });
  return node;
}

function request(method: string, pathname: string, body?: unknown, token?: string) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: httpsPort, servername: 'localhost', ca, method, path: pathname, agent: false, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: data.startsWith('{') ? JSON.parse(data) : data }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const direct = (port: number, pathname: string, body: unknown, token: string) =>
  fetch(`http://127.0.0.1:${port}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

/** The node that answered each request nginx passed on, in order (the access log below records it; after a failed try nginx lists every node it tried). */
const upstreamPorts = () => [...fs.readFileSync(nginx!.accessLog, 'utf8').matchAll(/ upstream="([^"]*)"/g)].map((m) => m[1]!.split(', ').at(-1)!);

async function connectSocket(token: string) {
  const s = ioClient(`https://localhost:${httpsPort}`, { transports: ['websocket'], auth: { token }, ca: ca.toString(), reconnection: false });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve);
    s.once('connect_error', reject);
  });
  return s;
}
const heard = (s: Socket, description: string) => new Promise<any>((resolve) => s.on('ticket:created', (t: any) => t.description === description && resolve(t)));
const ticket = (description: string) => ({ category: '其他', description, channel: 'desk', reporter: { name: '李建国' } });

beforeAll(async () => {
  await startNode(true);
  await startNode(false);
  // The shipped site with its upstream block replaced by the shipped several-nodes block (comments left out), both nodes in it.
  const upstream = fs
    .readFileSync(path.join(ROOT, 'deploy/nginx/linli-nodes.conf'), 'utf8')
    .replace(/^#.*\n/gm, '')
    .replace('server 127.0.0.1:3000 ', `server 127.0.0.1:${nodes[0]!.port} `)
    .replace('server 127.0.0.1:3001 ', `server 127.0.0.1:${nodes[1]!.port} `);
  for (const n of nodes) expect(upstream).toContain(`server 127.0.0.1:${n.port} max_fails=1`);
  expect(upstream).toContain('hash $remote_addr consistent;');
  // Each line names the node(s) nginx passed the request to.
  nginx = await startNginx(path.join(dir, 'nginx'), { upstream, logFormat: '$request_method $uri $status upstream="$upstream_addr"' });
  httpsPort = nginx.httpsPort;
  ca = nginx.ca;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await nginx?.stop();
  for (const n of nodes) {
    n.proc.kill('SIGTERM');
    await exited(n.proc);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a staff login and a wss socket through nginx; the socket hears a ticket created on the node nginx did not pick', async () => {
  const signedIn = await request('POST', '/api/auth/staff/login', { username: 'admin', password: 'linli-demo' });
  expect(signedIn.status).toBe(200);
  const token = signedIn.body.token as string;
  const socket = await connectSocket(token);
  // One client address, one node: the login went there, and so does everything else this client sends.
  const [loginUpstream] = upstreamPorts();
  const picked = nodes.find((n) => loginUpstream === `127.0.0.1:${n.port}`)!;
  const other = nodes.find((n) => n !== picked)!;
  expect(picked).toBeDefined();
  const fromOther = heard(socket, '另一节点上报');
  const made = await direct(other.port, '/api/tickets', ticket('另一节点上报'), token);
  expect(made.status).toBe(201);
  expect((await fromOther).id).toBe(made.body.id);
  // And through nginx (the picked node), for completeness.
  const viaNginx = heard(socket, '经 nginx 上报');
  const made2 = await request('POST', '/api/tickets', ticket('经 nginx 上报'), token);
  expect(made2.status).toBe(201);
  expect((await viaNginx).id).toBe(made2.body.id);
  expect(upstreamPorts().every((u) => u === loginUpstream)).toBe(true);
});

it('killing the node nginx picked leaves the service answering through the other, sockets included', async () => {
  const signedIn = await request('POST', '/api/auth/staff/login', { username: 'admin', password: 'linli-demo' });
  const token = signedIn.body.token as string;
  const picked = nodes.find((n) => upstreamPorts().at(-1) === `127.0.0.1:${n.port}`)!;
  const survivor = nodes.find((n) => n !== picked)!;
  const before = await request('POST', '/api/tickets', ticket('宕机前的工单'), token);
  expect(before.status).toBe(201);
  picked.proc.kill('SIGKILL');
  await exited(picked.proc);

  // Reads, a new login (the token from before stays valid: any node verifies it) and writes all go to the survivor.
  const read = await request('GET', `/api/tickets/${before.body.id}`, undefined, token);
  expect(read.status).toBe(200);
  expect(read.body.description).toBe('宕机前的工单');
  const again = await request('POST', '/api/auth/staff/login', { username: 'admin', password: 'linli-demo' });
  expect(again.status).toBe(200);
  const socket = await connectSocket(again.body.token);
  const after = heard(socket, '宕机后的工单');
  const made = await request('POST', '/api/tickets', ticket('宕机后的工单'), again.body.token);
  expect(made.status).toBe(201);
  expect((await after).id).toBe(made.body.id);
  const log = upstreamPorts();
  expect(log.at(-1)).toBe(`127.0.0.1:${survivor.port}`);
});
