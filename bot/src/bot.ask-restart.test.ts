// The ask-back dialogue across a bot restart: the question is asked by one bot process's worth of state, answered to the next (same data dir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { BOT_NAME as BOT, startMockBot, type MockBot } from './testing/mock-bot';

let s: TestServer;
let admin: string;
let dataDir: string;
const running: MockBot[] = [];

/** A bot process's worth of state on the shared data dir. */
async function boot(): Promise<MockBot> {
  const b = await startMockBot(s, { residents: ['李大爷'], dataDir, options: { feedPollMs: 60_000 } });
  running.push(b);
  return b;
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-ask-'));
});

afterAll(async () => {
  for (const r of running) await r.bot.stop().catch(() => undefined);
  await s?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('asked before a restart, answered after it: the place reaches the same ticket', async () => {
  const first = await boot();
  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  // 李大爷's demo contact id is fixed (DEMO_CONTACT_IDS) and not bound by the seed: the private chat is the same conversation after the restart.
  first.c.say('李大爷', '楼下井盖丢了，很危险', { private: true });
  const asked = await first.c.waitFor((m) => m.from === BOT && /工单号 BM-\d{6}.*请问是几号楼几单元/.test(m.text), 10_000, t0);
  const no = /BM-\d{6}/.exec(asked.text)![0];
  await first.bot.stop();

  const second = await boot();
  await new Promise((r) => setTimeout(r, 300));
  const t1 = Date.now();
  second.c.say('李大爷', '2号楼3单元', { private: true });
  await second.c.waitFor((m) => m.from === BOT && new RegExp(`已为工单 ${no} 补充地点：2号楼3单元`).test(m.text), 10_000, t1);
  const t = (await s.request('GET', `/api/tickets/by-no/${no}`, { token: admin })).body;
  expect(t.location).toEqual({ building: '2号楼', unit: '3单元' });
});
