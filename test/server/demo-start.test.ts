// A newcomer's `npm start` (demo mode): a quiet terminal whose last words are the banner, and a second stack beside the first on other ports and data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/src/db/embedded';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const dirs: string[] = [];
const procs: ChildProcess[] = [];

interface Stack {
  proc: ChildProcess;
  port: number;
  dataDir: string;
  output: () => string;
}

function startStack(port: number, dataDir: string, extra: Record<string, string> = {}): Stack {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', ...extra };
  for (const k of ['MONGODB_URI', 'BOT_DEMO_PORT', 'BOT_DEMO_URL', 'LOG_LEVEL', 'BOT_LOG_LEVEL', 'LINLI_MODE', 'NODE_ENV', 'LINLI_VERBOSE', 'JWT_SECRET', 'BOT_TOKEN']) {
    if (!(k in extra)) delete env[k];
  }
  const proc = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return { proc, port, dataDir, output: () => out };
}

const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-demo-'));
  dirs.push(d);
  return d;
};
const exited = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', (c) => r(c))));

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 150_000, output = () => '') {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}\n${output()}`);
}

async function demoGroup(s: Stack) {
  const login = await fetch(`http://127.0.0.1:${s.port}/api/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'linli-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  return fetch(`http://127.0.0.1:${s.port}/api/bot/demo/group`, { headers: { authorization: `Bearer ${token}` } });
}

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  await Promise.all(procs.map(exited));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

let first: Stack;

it('prints warnings and the banner only, the banner last; routine logs go to DATA_DIR/logs', async () => {
  first = startStack(await freePort(), tempDir());
  await until('the banner', () => first.output().includes('邻里 Linli is running'), 150_000, first.output);
  await until('the bot', () => fs.existsSync(path.join(first.dataDir, 'logs', 'bot.log')) && fs.readFileSync(path.join(first.dataDir, 'logs', 'bot.log'), 'utf8').includes('demo mode: mock puppet'));
  await new Promise((r) => setTimeout(r, 1000));
  const out = first.output();
  // The banner closes the output: nothing the children logged before it follows it.
  expect(out.trimEnd()).toMatch(new RegExp(`健康检查 +http://localhost:${first.port}/api/health$`));
  expect(out).not.toMatch(/"msg":"request"/);
  expect(out.split('\n').length).toBeLessThan(20);
  const serverLog = fs.readFileSync(path.join(first.dataDir, 'logs', 'server.log'), 'utf8');
  expect(serverLog).toMatch(/"msg":"request"/);
  await until("the bot's 群聊模拟 behind the server", async () => (await demoGroup(first)).status === 200, 60_000);
});

it('refuses a second stack on a busy port or on a data directory a running stack holds, and leaves the first alone', async () => {
  const samePort = startStack(first.port, tempDir());
  expect(await exited(samePort.proc)).toBe(1);
  expect(samePort.output()).toContain(`port ${first.port} is in use`);

  const sameData = startStack(await freePort(), first.dataDir);
  expect(await exited(sameData.proc)).toBe(1);
  expect(sameData.output()).toContain(`is in use by the stack on port ${first.port}`);
  expect((await fetch(`http://127.0.0.1:${first.port}/api/health`)).status).toBe(200);
});

it('runs a second stack on another PORT beside the first: its own bot demo port, both bots answer', async () => {
  const second = startStack(await freePort(), tempDir());
  await until('the second banner', () => second.output().includes('邻里 Linli is running'));
  await until("the second bot's 群聊模拟", async () => (await demoGroup(second)).status === 200, 60_000);
  expect(second.proc.exitCode).toBeNull();
  expect((await demoGroup(first)).status).toBe(200);
  second.proc.kill('SIGTERM');
  expect(await exited(second.proc)).toBe(0);
  // Stopped cleanly: its data directory is free again.
  expect(fs.existsSync(path.join(second.dataDir, 'stack.json'))).toBe(false);
});
