// Demo mode end to end: `bot/src/main.ts` as its own process on the mock puppet, driven by staff through the server's /api/bot/demo proxy.
import { startTestServer, type TestServer } from '../../../server/src/test-support/harness';
import { freePort, startDemoBot, type DemoBot } from '../testing/demo-bot';

let s: TestServer;
let admin: string;
let bot: DemoBot;

beforeAll(async () => {
  const demoPort = await freePort();
  s = await startTestServer({ env: { BOT_DEMO_URL: `http://127.0.0.1:${demoPort}` } });
  admin = await s.loginStaff();
  bot = await startDemoBot({ serverUrl: s.url, token: s.config.BOT_TOKEN, communityId: s.communityId, demoPort });
});

afterAll(async () => {
  await bot?.stop();
  await s?.close();
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
  expect(await bot.stop()).toBe(0);
});
