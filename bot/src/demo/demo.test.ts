// Demo mode end to end: `bot/src/main.ts` as its own process on the mock puppet, driven by staff through the server's /api/bot/demo proxy.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../../server/src/test-support/harness';

const ROOT = path.resolve(__dirname, '../../..');
const BOT_TOKEN = 'test-bot-token-0123456789';

let s: TestServer;
let admin: string;
let child: ChildProcess;
let dataDir: string;
let output = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const demoPort = await freePort();
  s = await startTestServer({ env: { BOT_DEMO_URL: `http://127.0.0.1:${demoPort}` } });
  admin = await s.loginStaff();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-demo-'));
  child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bot', 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BOT_SERVER_URL: s.url,
      BOT_TOKEN,
      BOT_COMMUNITY_ID: s.communityId,
      BOT_DATA_DIR: dataDir,
      BOT_DEMO_PORT: String(demoPort),
      BOT_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (!output.includes('demo mode')) {
    if (child.exitCode !== null) throw new Error(`bot exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`bot did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await s?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('staff speak as a resident in the simulated group and see the bot answer with a ticket number', async () => {
  const say = await s.request('POST', '/api/bot/demo/say', { token: admin, body: { name: '王奶奶', text: '@社区小助手 7号楼停电了' } });
  expect(say.status).toBe(202);
  let reply: { text: string } | undefined;
  const deadline = Date.now() + 15_000;
  while (!reply && Date.now() < deadline) {
    const r = await s.request('GET', '/api/bot/demo/messages?since=0', { token: admin });
    expect(r.status).toBe(200);
    reply = r.body.items.find((m: { bot: boolean; text: string }) => m.bot && /工单号 BM-\d{6}/.test(m.text));
    if (!reply) await new Promise((res) => setTimeout(res, 200));
  }
  expect(reply?.text).toMatch(/^@王奶奶 已收到，工单号 BM-\d{6}/);
  const no = /BM-\d{6}/.exec(reply!.text)![0];
  const t = await s.request('GET', `/api/tickets/by-no/${no}`, { token: admin });
  expect(t.body).toMatchObject({ channel: 'bot', category: '水电', reporter: { wechatName: '王奶奶' } });

  const resident = (await s.loginResident('demo-resident')).token;
  expect((await s.request('GET', '/api/bot/demo/messages', { token: resident })).status).toBe(403);
  expect((await s.request('POST', '/api/bot/demo/say', { token: admin, body: { name: '王奶奶' } })).status).toBe(422);
  // Graceful stop on SIGTERM.
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
