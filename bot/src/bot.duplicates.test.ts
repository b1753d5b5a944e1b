// The same lift reported by two neighbours in the group (issue 14/17): the second hears that it joined the first report, and both hear the progress.
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import type { MockCommunity } from './demo/mock-community';
import { BOT_NAME as BOT, startMockBot, type MockBot } from './testing/mock-bot';

let s: TestServer;
let admin: string;
let c: MockCommunity;
let mb: MockBot;

const fromBot = (re: RegExp, to?: string) => (m: { from: string; text: string }) => m.from === BOT && re.test(m.text) && (!to || m.text.startsWith(`@${to}`));
const byNo = async (no: string) => (await s.request('GET', `/api/tickets/by-no/${no}`, { token: admin })).body;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  mb = await startMockBot(s);
  c = mb.c;
});

afterAll(async () => {
  await mb?.stop();
  await s?.close();
});

it('a second neighbour reporting the same lift is told it has been reported (BM-…) and counted; progress reaches both in the group', async () => {
  const t0 = Date.now();
  c.say('李大爷', `@${BOT} 6号楼2单元电梯坏了，困在一楼上不去`);
  const first = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}，我们会尽快处理$/, '李大爷'), 10_000, t0);
  const firstNo = /BM-\d{6}/.exec(first.text)![0];

  const t1 = Date.now();
  c.say('张阿姨', `@${BOT} 6号楼2单元的电梯又坏了`);
  const second = await c.waitFor(fromBot(/这部电梯已有人报修/, '张阿姨'), 10_000, t1);
  expect(second.text).toContain(`这部电梯已有人报修（${firstNo}），已为您加一，进度会在群里通知`);
  const secondNo = /工单号 (BM-\d{6})/.exec(second.text)![1]!;
  expect(secondNo).not.toBe(firstNo);
  const dup = await byNo(secondNo);
  expect(dup.duplicateOf).toMatchObject({ no: firstNo, by: 'auto' });
  const primary = await byNo(firstNo);
  expect(primary).toMatchObject({ followerCount: 1, households: 2 });

  // Staff accept the first report: both neighbours hear it, each about their own ticket.
  const t2 = Date.now();
  expect((await s.request('POST', `/api/tickets/${primary.id}/transition`, { token: admin, body: { action: 'accept', note: '维保已出发' } })).status).toBe(200);
  await c.waitFor(fromBot(new RegExp(`工单 ${firstNo}）有新进展：已受理`), '李大爷'), 10_000, t2);
  const news = await c.waitFor(fromBot(new RegExp(`工单 ${secondNo}）有新进展：已受理`), '张阿姨'), 10_000, t2);
  expect(news.text).toContain(`与 ${firstNo} 一并处理`);

  // A different place is a different problem: no such sentence.
  const t3 = Date.now();
  c.say('王奶奶', `@${BOT} 7号楼1单元电梯坏了`);
  const other = await c.waitFor(fromBot(/已收到，工单号/, '王奶奶'), 10_000, t3);
  expect(other.text).not.toContain('已有人报修');
});
