// The real `server/src/main.ts` process: embedded FerretDB, demo seed, graceful SIGTERM, data kept across restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/src/db/embedded';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-lifecycle-'));
let port: number;
const externalUri = process.env.MONGODB_URI ? process.env.MONGODB_URI.replace(/\/[^/?]*(\?|$)/, `/lifecycle_${Date.now()}$1`) : '';

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function startServer(): Promise<{ proc: ChildProcess; output: () => string }> {
  const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/src/main.ts'], {
    cwd: ROOT,
    // With MONGODB_URI set the suite runs on that server (own database); otherwise main.ts starts FerretDB itself.
    env: { ...process.env, MONGODB_URI: externalUri, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEV_LOGIN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 45_000;
    const poll = async () => {
      if (proc.exitCode !== null) return reject(new Error(`server exited: ${out}`));
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.status === 200) return resolve({ proc, output: () => out });
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return reject(new Error(`server not healthy: ${out}`));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', (c) => r(c))));

async function post(pathname: string, body: unknown, token?: string) {
  const r = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
}

it('starts with the demo community, finishes an in-flight upload on SIGTERM, and keeps data across a restart', async () => {
  port = await freePort();
  const first = await startServer();
  expect(first.output()).toContain('admin');
  expect(first.output()).toContain('linli-demo');
  const login = await post('/api/auth/staff/login', { username: 'admin', password: 'linli-demo' });
  expect(login.status).toBe(200);
  const token = login.body.token;
  const ticket = await post('/api/tickets', { category: '电梯', description: '重启前的工单', channel: 'desk', reporter: { name: '李建国' } }, token);
  expect(ticket.status).toBe(201);

  // An upload that is still streaming when SIGTERM arrives must complete.
  const boundary = 'linliboundary';
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64 * 1024, 3)]);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + png.length + tail.length;
  const uploaded = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/uploads', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': total } },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.write(head);
    req.write(png.subarray(0, 1000));
    setTimeout(() => {
      first.proc.kill('SIGTERM');
      setTimeout(() => req.end(Buffer.concat([png.subarray(1000), tail])), 300);
    }, 300);
  });
  const up = await uploaded;
  expect(up.status).toBe(201);
  expect(await exited(first.proc)).toBe(0);
  // The embedded database went down with it: nothing listens on its port any more.
  const ferret = /embedded FerretDB started.*"port":(\d+)/.exec(first.output());
  if (ferret) await expect(fetch(`http://127.0.0.1:${ferret[1]}`)).rejects.toThrow();

  const second = await startServer();
  const token2 = (await post('/api/auth/staff/login', { username: 'admin', password: 'linli-demo' })).body.token;
  const again = await fetch(`http://127.0.0.1:${port}/api/tickets/${ticket.body.id}`, { headers: { authorization: `Bearer ${token2}` } });
  expect(((await again.json()) as any).description).toBe('重启前的工单');
  const file = await fetch(`http://127.0.0.1:${port}/api/uploads/${up.body.id}`, { headers: { authorization: `Bearer ${token2}` } });
  expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  // The demo seed ran once: still exactly one admin account.
  const staff = await fetch(`http://127.0.0.1:${port}/api/staff`, { headers: { authorization: `Bearer ${token2}` } }).then((r) => r.json() as any);
  expect(staff.items.filter((s: any) => s.username === 'admin')).toHaveLength(1);
  second.proc.kill('SIGTERM');
  expect(await exited(second.proc)).toBe(0);
});
