// 回访 in WeChat (issue 17): the day after 办结 the bot asks 王奶奶 privately whether her problem was solved; her "3" (没解决) reopens the ticket under supervision, and her neighbour's "1" answers nothing.
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import type { MockCommunity } from './demo/mock-community';
import { BOT_NAME as BOT, startMockBot, type MockBot } from './testing/mock-bot';

jest.setTimeout(90_000);

let s: TestServer;
let admin: string;
let c: MockCommunity;
let mb: MockBot;

const privatelyTo = (name: string, re: RegExp) => (m: { from: string; text: string; roomId?: string; toId?: string }) =>
  m.from === BOT && !m.roomId && m.toId === c.residents.get(name)?.id && re.test(m.text);

beforeAll(async () => {
  // A day of service time = 8.64 s.
  s = await startTestServer({ env: { SERVICE_CLOCK_SCALE: '0.0001' } });
  admin = await s.loginStaff();
  mb = await startMockBot(s, { residents: ['王奶奶', '李大爷'] });
  c = mb.c;
});

afterAll(async () => {
  await mb?.stop();
  await s?.close();
});

it('王奶奶 (bound in WeChat) is asked privately after 办结; "3" reopens her ticket as 加急 under the leader; 李大爷’s "1" records nothing', async () => {
  const rid = (await s.request('GET', `/api/residents?q=${encodeURIComponent('王秀兰')}`, { token: admin })).body.items[0].id as string;
  const t = (await s.request('POST', '/api/tickets', { token: admin, body: { category: '水电', description: '家里厨房的灯一开就跳闸', channel: 'desk', reporter: { residentId: rid, name: '王秀兰' } } })).body;
  const t0 = Date.now();
  for (const action of ['accept', 'start', 'resolve']) expect((await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action } })).status).toBe(200);

  const asked = await c.waitFor(privatelyTo('王奶奶', /问题解决了吗/), 30_000, t0);
  expect(asked.text).toContain(t.no);
  expect(asked.text).toContain('3 没解决');

  // A neighbour never asked: his "1" is not a 回访 answer (he gets the usual reply), nothing is recorded.
  const t1 = Date.now();
  c.say('李大爷', '1', { private: true });
  const toHim = await c.waitFor((m) => m.from === BOT && m.toId === c.residents.get('李大爷')?.id, 10_000, t1);
  expect(toHim.text).not.toContain('回访');
  expect((await s.request('GET', `/api/tickets/${t.id}`, { token: admin })).body.revisit.status).toBe('asked');

  const t2 = Date.now();
  c.say('王奶奶', '3', { private: true });
  const answered = await c.waitFor(privatelyTo('王奶奶', /已重新打开并加急/), 10_000, t2);
  expect(answered.text).toContain(t.no);
  const after = (await s.request('GET', `/api/tickets/${t.id}`, { token: admin })).body;
  expect(after.status).toBe('accepted');
  expect(after.priority).toBe('high');
  expect(after.revisit).toMatchObject({ status: 'done', solved: false });
  expect(after.timeline.some((e: any) => e.kind === 'supervised' && /回访（微信回复）：居民反映问题没有解决/.test(e.note))).toBe(true);
});
