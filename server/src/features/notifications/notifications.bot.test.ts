// The bot channel of alert notifications: family bound in WeChat hear an SOS privately from the bot and take it with "收到"; the elder is asked "还好吗" and her "1" is her check-in. No SMS or call provider is configured here: the bot channel stands alone.
import { startTestServer, uniqueDbName, type TestServer } from '../../test-support/harness';

jest.setTimeout(90_000);

const BOT = 'test-bot-token-0123456789';
const dbName = uniqueDbName('notifybot');
let s: TestServer;
let admin: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

type FeedItem = { id: string; kind: string; text: string; target: { wechatId?: string }; ref?: string };
async function feed(): Promise<FeedItem[]> {
  const r = await s.request('GET', '/api/bot/feed?limit=100', { token: BOT });
  expect(r.status).toBe(200);
  return r.body.items;
}
const toContact = (id: string) => async () => (await feed()).filter((i) => i.target.wechatId === id);
const some = <T>(f: () => Promise<T[]>) => async () => ((await f()).length ? f() : null);

async function elder(name: string, room: string, checkinDeadline?: string): Promise<string> {
  const r = await s.request('POST', '/api/residents', { token: admin, body: { name, birthYear: 1938, building: '5号楼', unit: '2单元', room, tags: ['独居', '高龄'] } });
  expect(r.status).toBe(201);
  const p = await s.request('POST', '/api/care/profiles', {
    token: admin,
    body: { residentId: r.body.id, livingSituation: '独居', ...(checkinDeadline ? { checkinDeadline } : {}), emergencyContacts: [{ name: `${name}的女儿`, relation: '女儿', phone: `137${room.padStart(8, '0')}` }] },
  });
  expect(p.status).toBe(201);
  return r.body.id;
}
async function bind(residentId: string, relation: 'self' | 'family', contactId: string, contactName: string) {
  const c = await s.request('POST', `/api/residents/${residentId}/bind-code`, { token: admin, body: { relation } });
  expect(c.status).toBe(201);
  const b = await s.request('POST', '/api/bot/bindings', { token: BOT, body: { code: c.body.code, contactId, contactName } });
  expect(b.status).toBeLessThan(300);
}
const reply = (wechatId: string, text: string, token = BOT) => s.request('POST', '/api/notifications/bot-reply', { token, body: { wechatId, text } });
const alertOf = async (id: string) => (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
const ledger = async (id: string) => (await s.request('GET', `/api/alerts/${id}/deliveries`, { token: admin })).body.items as any[];

beforeAll(async () => {
  // sos: 180 s per step → 2.7 s; no_checkin grace 15 min → 13.5 s.
  s = await startTestServer({ dbName, env: { ALERT_ESCALATION_SCALE: '0.015' } });
  admin = await s.loginStaff();
});
afterAll(async () => {
  await s?.close();
});

test('an SOS reaches the daughter bound in WeChat privately (not the elder); the bot posting it marks it delivered; her "收到" takes the alert and nothing more is sent', async () => {
  const rid = await elder('钱桂兰', '501');
  await bind(rid, 'family', 'wx-qian-daughter', '钱丽');
  await bind(rid, 'self', 'wx-qian-self', '钱桂兰');
  const band = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: '钱桂兰的手环', wearerResidentId: rid } });
  const press = await s.request('POST', '/api/alerts/ingest', {
    body: { deviceId: band.body.id, eventId: `bot-sos-${Date.now()}`, type: 'sos', at: new Date().toISOString() },
    headers: { authorization: `Bearer ${band.body.key}` },
  });
  expect(press.status).toBe(201);
  const alertId = press.body.alertId as string;

  const [item] = await waitFor('the private message to the daughter', some(toContact('wx-qian-daughter')));
  expect(item!.kind).toBe('alert');
  expect(item!.text).toContain('钱桂兰');
  expect(item!.text).toContain('一键呼救');
  expect(item!.text).toContain('收到');
  // The elder pressed the button herself: the bot does not message her about it.
  expect(await toContact('wx-qian-self')()).toHaveLength(0);
  // The bot's acceptance is written to the ledger after the item is in its feed (sent marks go in batches of up to 100 ms).
  const sent = await waitFor('the bot row past queued', async () => (await ledger(alertId)).find((r) => r.channel === 'bot' && r.status !== 'queued'));
  expect(sent).toMatchObject({ status: 'sent', purpose: 'alert', recipient: { kind: 'contact', name: '钱丽' } });
  expect(JSON.stringify(sent)).not.toContain('wx-qian-daughter'); // the contact id never leaves the server

  expect((await s.request('POST', `/api/bot/feed/${item!.id}/ack`, { token: BOT })).status).toBe(200);
  await waitFor('delivered', async () => (await ledger(alertId)).find((r) => r.channel === 'bot' && r.status === 'delivered'));

  // Bad input and the wrong caller change nothing.
  expect((await reply('wx-qian-daughter', 'x'.repeat(501))).status).toBe(422);
  const resident = await s.loginResident('openid-qian-neighbour', '邻居');
  expect((await reply('wx-qian-daughter', '收到', resident.token)).status).toBe(403);
  expect((await reply('wx-someone-else', '收到')).body).toEqual({ outcome: 'none', reply: '' });
  expect((await reply('wx-qian-daughter', '她怎么了')).body.outcome).toBe('none');
  expect((await alertOf(alertId)).status).toBe('raised');

  const taken = await reply('wx-qian-daughter', '收到');
  expect(taken.status).toBe(200);
  expect(taken.body.outcome).toBe('taken');
  expect(taken.body.reply).toContain('已确认由您处理');
  const a = await alertOf(alertId);
  expect(a.status).toBe('acknowledged');
  expect(a.history.find((h: any) => h.kind === 'acknowledged')?.actor).toMatchObject({ kind: 'contact', name: '钱丽' });
  expect((await reply('wx-qian-daughter', '1')).body.outcome).toBe('already');

  // Past the rest of the first round and into the repeat round, whose first step would tell family again: nothing more
  // about this alert (and she is not told about her own acknowledgement).
  const before = (await feed()).filter((i) => i.text.includes('钱桂兰')).length;
  await sleep(9000);
  expect((await feed()).filter((i) => i.text.includes('钱桂兰'))).toHaveLength(before);
  expect((await ledger(alertId)).find((r) => r.channel === 'bot')!.status).toBe('acknowledged');
});

test('a missed check-in asks the elder in WeChat first; her "1" is her check-in and closes the alert before family hears', async () => {
  const due = Date.now() + 1500;
  const deadline = new Date(due + 8 * 3600_000).toISOString().slice(11, 19);
  const rid = await elder('孔凤英', '502', deadline);
  await bind(rid, 'self', 'wx-kong-self', '孔凤英');
  await bind(rid, 'family', 'wx-kong-son', '孔军');

  const [ask] = await waitFor('the question to her', some(toContact('wx-kong-self')));
  expect(ask!.text).toContain('孔凤英，您今天还好吗');
  expect(await toContact('wx-kong-son')()).toHaveLength(0);
  const alertId = (await s.request('GET', `/api/alerts?type=no_checkin&residentId=${rid}`, { token: admin })).body.items[0].id as string;

  const r = await reply('wx-kong-self', '1');
  expect(r.body.outcome).toBe('checked_in');
  await waitFor('closed by her check-in', async () => (await alertOf(alertId)).status === 'resolved');
  const today = (await s.request('GET', '/api/care/overview', { token: admin })).body;
  expect(today.checkedIn.find((c: any) => c.residentId === rid)?.source).toBe('bot'); // 微信打卡, not 短信回复
  // Past her grace period: her son was never told.
  await sleep(Math.max(0, due + 15 * 60_000 * 0.015 + 2500 - Date.now()));
  expect(await toContact('wx-kong-son')()).toHaveLength(0);
});
