// Alarms in WeChat (issue 13): an SOS reaches the elder's daughter bound in WeChat as a private message from the bot, and her "收到" in that chat takes the alert; a "收到" from someone never told changes nothing.
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import type { MockCommunity } from './demo/mock-community';
import { BOT_NAME as BOT, startMockBot, type MockBot } from './testing/mock-bot';

let s: TestServer;
let admin: string;
let c: MockCommunity;
let mb: MockBot;

const privatelyTo = (name: string, re: RegExp) => (m: { from: string; text: string; roomId?: string; toId?: string }) =>
  m.from === BOT && !m.roomId && m.toId === c.residents.get(name)?.id && re.test(m.text);

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  mb = await startMockBot(s, { residents: ['王奶奶', '李大爷', '王奶奶的女儿'] });
  c = mb.c;
});

afterAll(async () => {
  await mb?.stop();
  await s?.close();
});

it('the daughter bound in WeChat hears her mother’s SOS privately and takes it with "收到"; a neighbour’s "收到" takes nothing', async () => {
  const rid = (await s.request('GET', `/api/residents?q=${encodeURIComponent('王秀兰')}`, { token: admin })).body.items[0].id as string;
  // Her daughter binds her own WeChat with a family code, privately.
  const code = (await s.request('POST', `/api/residents/${rid}/bind-code`, { token: admin, body: { relation: 'family' } })).body.code as string;
  const t0 = Date.now();
  c.say('王奶奶的女儿', `绑定 ${code}`, { private: true });
  await c.waitFor((m) => m.from === BOT && /绑定成功|已绑定/.test(m.text), 10_000, t0);

  const band = (await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: '王秀兰的新手环', wearerResidentId: rid } })).body;
  const t1 = Date.now();
  const press = await s.request('POST', '/api/alerts/ingest', {
    body: { deviceId: band.id, eventId: `bot-reply-${t1}`, type: 'sos', at: new Date().toISOString() },
    headers: { authorization: `Bearer ${band.key}` },
  });
  expect(press.status).toBe(201);
  const told = await c.waitFor(privatelyTo('王奶奶的女儿', /王秀兰.*一键呼救/), 15_000, t1);
  expect(told.text).toContain('回复「收到」');
  // The bot posted it: the ledger says delivered.
  const alertId = press.body.alertId as string;
  const deliveries = async () => (await s.request('GET', `/api/alerts/${alertId}/deliveries`, { token: admin })).body.items as any[];
  for (let i = 0; i < 50 && !(await deliveries()).some((r) => r.channel === 'bot' && r.status === 'delivered'); i++) await new Promise((r) => setTimeout(r, 100));
  expect((await deliveries()).find((r) => r.channel === 'bot')?.status).toBe('delivered');

  // A neighbour who was never told says "收到": nothing is taken, he gets the usual prompt.
  const t2 = Date.now();
  c.say('李大爷', '收到', { private: true });
  const toHim = await c.waitFor((m) => m.from === BOT && m.toId === c.residents.get('李大爷')?.id, 10_000, t2);
  expect(toHim.text).not.toContain('已确认');
  expect((await s.request('GET', `/api/alerts/${alertId}`, { token: admin })).body.status).toBe('raised');

  const t3 = Date.now();
  c.say('王奶奶的女儿', '收到', { private: true });
  const ok = await c.waitFor(privatelyTo('王奶奶的女儿', /已确认由您处理/), 10_000, t3);
  expect(ok.text).toContain('王秀兰');
  const a = (await s.request('GET', `/api/alerts/${alertId}`, { token: admin })).body;
  expect(a.status).toBe('acknowledged');
  expect(a.history.find((h: any) => h.kind === 'acknowledged')?.note).toContain('微信回复「收到」确认');
});
