// Nothing lost, nothing doubled: the server down during a report, and a bot restart with a pending outbox, each give exactly one ticket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { createMockCommunity, type MockCommunity } from './demo/mock-community';
import { createBot, type LinliBot } from './index';
import { createLog } from './log';
import { NoTranscriber } from './transcriber';

const BOT_TOKEN = 'test-bot-token-0123456789';
const BOT = '社区小助手';

let s: TestServer;
let admin: string;
let c: MockCommunity;
let bot: LinliBot;
let dataDir: string;
let firstTicket: { id: string; no: string };

const makeBot = (puppet: MockCommunity['puppet']) =>
  createBot({
    puppet,
    serverUrl: s.url,
    token: BOT_TOKEN,
    communityId: s.communityId,
    transcriber: new NoTranscriber(),
    dataDir,
    log: createLog('silent'),
    retry: { baseDelayMs: 200, maxDelayMs: 800 },
    feedPollMs: 2000,
  });

const fromBot = (re: RegExp) => (m: { from: string; text: string }) => m.from === BOT && re.test(m.text);
const ticketsWith = async (description: string) => {
  const r = await s.request('GET', '/api/tickets?limit=100', { token: admin });
  expect(r.status).toBe(200);
  return (r.body.items as Array<{ id: string; description: string; no: string }>).filter((t) => t.description === description);
};

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-outbox-'));
  c = createMockCommunity();
  bot = makeBot(c.puppet);
  await bot.start();
  c.login();
  await new Promise((r) => setTimeout(r, 300));
});

afterAll(async () => {
  await bot?.stop();
  await s?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('server down during a report: the bot says 已记录, retries, and once the server is back there is exactly one ticket', async () => {
  await s.close();
  const t0 = Date.now();
  const text = '4号楼楼道漏水，地上全是水';
  c.say('王奶奶', `@${BOT} ${text}`);
  const held = await c.waitFor(fromBot(/已记录，稍后为您登记/), 10_000, t0);
  expect(held.text.startsWith('@王奶奶')).toBe(true);
  expect(bot.outbox.pending()).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 1000)); // a few failed retries while the server is down

  s = await s.restart();
  admin = await s.loginStaff();
  const late = await c.waitFor(fromBot(/已为您登记，工单号 BM-\d{6}/), 15_000, t0);
  expect(late.text.startsWith('@王奶奶')).toBe(true);
  const found = await ticketsWith(text);
  expect(found).toHaveLength(1);
  expect(late.text).toContain(found[0]!.no);
  expect(bot.outbox.pending()).toEqual([]);
  firstTicket = found[0]!;
});

it('bot restart with a pending outbox: the new process replays it, a job the server already had is not duplicated, and news from while it was offline is posted once', async () => {
  await s.close();
  const t0 = Date.now();
  const text = '6号楼路灯坏了一个星期了';
  c.say('李大爷', `@${BOT} ${text}`);
  await c.waitFor(fromBot(/已记录，稍后为您登记/), 10_000, t0);
  expect(bot.outbox.pending()).toHaveLength(1);
  await bot.stop();

  // A second job the server accepted just before the bot died (the "done" never reached the journal).
  s = await s.restart();
  admin = await s.loginStaff();
  const key = 'wx-crashed-before-done-0001';
  const crashed = '2号楼单元门门禁坏了';
  const first = await s.request('POST', '/api/tickets', {
    token: BOT_TOKEN,
    headers: { 'idempotency-key': key },
    body: { category: '公共设施', description: crashed, channel: 'bot', reporter: { name: '赵阿姨', wechatName: '赵阿姨' } },
  });
  expect(first.status).toBe(201);
  const job = {
    key,
    createdAt: new Date().toISOString(),
    attempts: 1,
    data: { type: 'text', text: crashed, truncated: false, reporter: { name: '赵阿姨', wechatName: '赵阿姨' }, reply: { roomId: 'gone@chatroom', roomTopic: '北门社区居民群', contactName: '赵阿姨' } },
    state: {},
  };
  fs.appendFileSync(path.join(dataDir, 'outbox.jsonl'), JSON.stringify({ t: 'add', job }) + '\n');

  // While the bot is offline, staff accept the first ticket: the server keeps the news for the bot.
  const acc = await s.request('POST', `/api/tickets/${firstTicket.id}/transition`, { token: admin, body: { action: 'accept', note: '已联系物业' } });
  expect(acc.status).toBe(200);

  // New bot process on the same data dir. Its puppet session is new too (room and contact ids may change
  // across puppet sessions): replies find the group by topic and the person by name.
  c = createMockCommunity();
  bot = makeBot(c.puppet);
  await bot.start();
  const pendingKeys = bot.outbox.pending().map((j) => j.key);
  expect(pendingKeys).toHaveLength(2);
  expect(pendingKeys).toContain(key);
  c.login();
  // Its first feed poll after the login carried its backlog to the server's /metrics.
  const depth = new RegExp(`^linli_bot_outbox_depth\\{community="${s.communityId}"\\} ([0-2])$`, 'm');
  for (const until = Date.now() + 10_000; !depth.test((await s.request('GET', '/metrics')).body as string) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
  expect((await s.request('GET', '/metrics')).body).toMatch(depth);

  const late = await c.waitFor(fromBot(/@李大爷 已为您登记，工单号 BM-\d{6}/), 15_000, t0);
  const found = await ticketsWith(text);
  expect(found).toHaveLength(1);
  expect(late.text).toContain(found[0]!.no);
  const deadline = Date.now() + 5000;
  while (bot.outbox.pending().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(bot.outbox.pending()).toEqual([]);
  const again = await ticketsWith(crashed);
  expect(again).toHaveLength(1);
  expect(again[0]!.no).toBe(first.body.no);

  // The news that waited while the bot was offline is posted once it is back (found by group topic), and only once.
  const news = await c.waitFor(fromBot(new RegExp(`工单 ${firstTicket.no}）有新进展：已受理`)), 15_000, t0);
  expect(news.text.startsWith('@王奶奶')).toBe(true);
  expect(news.roomId).toBe(c.room.id);
  await new Promise((r) => setTimeout(r, 2500));
  expect(c.said.filter((m) => m.from === BOT && m.text.includes(`工单 ${firstTicket.no}）有新进展`))).toHaveLength(1);
  expect((await s.request('GET', '/api/bot/feed', { token: BOT_TOKEN })).body.items).toEqual([]);
});
