// 接诉即办 reaches people: 催办/督办/街道 SMS to the duty staff and the leader at the fake Tencent endpoint, once per step; 回访 as a bot private message to her bound WeChat (her "1" / "3" recorded), or an SMS without one.
import { startFakeTencent, type FakeTencent } from '../../test-support/fake-tencent';
import { startTestServer, uniqueDbName, type TestServer } from '../../test-support/harness';
import { waitFor as waitUntil } from '../../test-support/wait-for';

const waitFor = <T,>(what: string, fn: Parameters<typeof waitUntil<T>>[1], ms = 30_000) => waitUntil<T>(what, fn, ms);

jest.setTimeout(120_000);

const SECRET_ID = 'AKIDtestservicereach000000000000';
const SECRET_KEY = 'test-secret-key-for-service-reach';
const BOT = 'test-bot-token-0123456789';
const LADDER_TPL = '400001';
const REVISIT_TPL = '400002';
const DUTY_PHONE = '13900000021';
const LEADER_PHONE = '13900000022';
let fake: FakeTencent;
let s: TestServer;
let admin: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const smsTo = (phone: string, tpl: string) =>
  fake.calls.filter((c) => c.action === 'SendSms' && c.body.TemplateId === tpl && c.body.PhoneNumberSet?.[0] === `+86${phone}`).map((c) => c.body.TemplateParamSet as string[]);

beforeAll(async () => {
  fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  s = await startTestServer({
    dbName: uniqueDbName('reach'),
    env: {
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_SMS_ENDPOINT: fake.endpoint,
      TENCENT_SMS_SDK_APPID: '1400000009',
      TENCENT_SMS_SIGN: '北门社区',
      TENCENT_SMS_LADDER_TEMPLATE_ID: LADDER_TPL,
      TENCENT_SMS_REVISIT_TEMPLATE_ID: REVISIT_TPL,
      // 1 h of service time = 0.36 s, a day = 8.64 s. 电梯: 签收 15 min → 90 ms; 办结 set below to 0.5 h → 180 ms.
      SERVICE_CLOCK_SCALE: '0.0001',
    },
  });
  admin = await s.loginStaff();
  for (const [username, name, roles, phone] of [
    ['duty.zhao', '赵值班', ['staff'], DUTY_PHONE],
    ['leader.sun', '孙主任', ['admin'], LEADER_PHONE],
  ] as const) {
    const r = await s.request('POST', '/api/staff', { token: admin, body: { username, password: 'Linli-reach-2026!', name, roles, phone, mustChangePassword: false } });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

test('a ticket nobody signs for: 催办 to the duty staff, 督办 and 街道督办 to the leader by SMS, each once, all on the ticket’s ledger', async () => {
  expect((await s.request('PATCH', '/api/community/sla', { token: admin, body: { 电梯: 0.5 } })).status).toBe(200);
  const t = (await s.request('POST', '/api/tickets', { token: admin, body: { category: '电梯', description: '7号楼2单元电梯停在三楼不动', channel: 'desk', reporter: { name: '周大爷' }, location: { building: '7号楼', unit: '2单元' } } })).body;
  expect(t.no).toBeTruthy();

  // The last step (街道 for 办结) falls 0.36 s after creation.
  await waitFor('every ladder SMS', () => smsTo(LEADER_PHONE, LADDER_TPL).filter((p) => p[0] === t.no).length >= 3);
  await sleep(1500); // time for any repeat
  const duty = smsTo(DUTY_PHONE, LADDER_TPL).filter((p) => p[0] === t.no).map((p) => p[1]);
  const leader = smsTo(LEADER_PHONE, LADDER_TPL).filter((p) => p[0] === t.no).map((p) => p[1]);
  expect(duty.sort()).toEqual(['催办办结', '催办签收']);
  // 办结's 督办 is the SLA timer's escalation (not a ladder step): the leader hears 签收's 督办 and both 街道 steps.
  expect(leader.sort()).toEqual(['督办签收', '街道督办办结', '街道督办签收'].sort());
  // {3}: the deadline on the Shanghai clock, MM-DD HH:mm; every parameter within Tencent's 12 characters.
  for (const p of smsTo(DUTY_PHONE, LADDER_TPL)) {
    expect(p[2]).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
    expect(p.every((x) => Array.from(x).length <= 12)).toBe(true);
  }
  expect(fake.calls.filter((c) => c.action === 'SendSms').every((c) => c.signatureValid)).toBe(true);

  const ledger = await s.request('GET', `/api/tickets/${t.id}/deliveries`, { token: admin });
  expect(ledger.status).toBe(200);
  const rows = ledger.body.items as any[];
  expect(rows.filter((r) => r.recipient.name === '赵值班').map((r) => r.status)).toEqual(['sent', 'sent']);
  expect(rows.filter((r) => r.recipient.name === '孙主任')).toHaveLength(3);
  expect(rows.find((r) => r.recipient.name === '孙主任').recipient.phone).toBe('139****0022');
  // Staff without a phone (the seeded admin, 张丽) are on the ledger as skipped, not silently forgotten.
  expect(rows.filter((r) => r.status === 'skipped').every((r) => r.reason === '无手机号，已跳过')).toBe(true);
  expect(rows.some((r) => r.status === 'skipped' && r.recipient.name === '社区管理员')).toBe(true);
  // A resident cannot read it.
  const resident = (await s.request('POST', '/api/auth/dev/login', { body: { openid: 'reach-resident-1', name: '路人' } })).body.token;
  expect((await s.request('GET', `/api/tickets/${t.id}/deliveries`, { token: resident })).status).toBe(403);
});

async function residentWith(name: string, phone: string, room: string): Promise<string> {
  const r = await s.request('POST', '/api/residents', { token: admin, body: { name, phone, birthYear: 1946, building: '8号楼', unit: '1单元', room, tags: [] } });
  expect(r.status).toBe(201);
  return r.body.id;
}
async function bindSelf(residentId: string, contactId: string, contactName: string) {
  const c = await s.request('POST', `/api/residents/${residentId}/bind-code`, { token: admin, body: { relation: 'self' } });
  expect(c.status).toBe(201);
  const b = await s.request('POST', '/api/bot/bindings', { token: BOT, body: { code: c.body.code, contactId, contactName } });
  expect(b.status).toBeLessThan(300);
}
async function resolvedTicket(residentId: string, name: string, description: string) {
  const t = (await s.request('POST', '/api/tickets', { token: admin, body: { category: '水电', description, channel: 'desk', reporter: { residentId, name } } })).body;
  for (const action of ['accept', 'start', 'resolve']) expect((await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action } })).status).toBe(200);
  return t;
}
const feedTo = async (wechatId: string) => ((await s.request('GET', '/api/bot/feed?limit=100', { token: BOT })).body.items as any[]).filter((i) => i.target.wechatId === wechatId);
const reply = (wechatId: string, text: string) => s.request('POST', '/api/tickets/revisit-reply', { token: BOT, body: { wechatId, text } });
const get = async (id: string) => (await s.request('GET', `/api/tickets/${id}`, { token: admin })).body;

test('回访 reaches her bound WeChat privately; her "1" is 满意 (5 stars), her neighbour’s "3" reopens his as 加急; other words and second answers change nothing', async () => {
  const wang = await residentWith('王淑珍', '13805371001', '101');
  const chen = await residentWith('陈国栋', '13805371002', '102');
  await bindSelf(wang, 'wx-reach-wang', '王淑珍');
  await bindSelf(chen, 'wx-reach-chen', '陈国栋');
  const a = await resolvedTicket(wang, '王淑珍', '厨房水龙头一直滴水');
  const b = await resolvedTicket(chen, '陈国栋', '楼道灯不亮了');

  // A day after 办结 = 8.64 s.
  const [ask] = await waitFor('the 回访 message to 王淑珍', async () => ((await feedTo('wx-reach-wang')).length ? feedTo('wx-reach-wang') : null));
  expect(ask.kind).toBe('ticket');
  expect(ask.text).toContain(a.no);
  expect(ask.text).toContain('厨房水龙头一直滴水');
  expect(ask.text).toContain('1 满意');
  await waitFor('the 回访 message to 陈国栋', async () => (await feedTo('wx-reach-chen')).length > 0);
  // She has a bound WeChat: no SMS.
  expect(smsTo('13805371001', REVISIT_TPL)).toHaveLength(0);

  expect((await reply('wx-reach-wang', '谢谢')).body).toMatchObject({ outcome: 'none' });
  expect((await get(a.id)).revisit.status).toBe('asked');

  const r1 = await reply('wx-reach-wang', ' 1 ');
  expect(r1.status).toBe(200);
  expect(r1.body).toMatchObject({ outcome: 'recorded', no: a.no });
  expect(r1.body.reply).toContain('满意');
  const ta = await get(a.id);
  expect(ta.rating.score).toBe(5);
  expect(ta.revisit).toMatchObject({ status: 'done', solved: true });
  expect(ta.timeline.at(-1).note).toContain('回访（微信回复）：问题已解决');
  expect((await reply('wx-reach-wang', '1')).body).toMatchObject({ outcome: 'none' });

  const r3 = await reply('wx-reach-chen', '没解决');
  expect(r3.body).toMatchObject({ outcome: 'reopened', no: b.no });
  const tb = await get(b.id);
  expect(tb.status).toBe('accepted');
  expect(tb.priority).toBe('high');
  expect(tb.revisit).toMatchObject({ status: 'done', solved: false });

  // The bot posting it marks its ledger row delivered.
  expect((await s.request('POST', `/api/bot/feed/${ask.id}/ack`, { token: BOT })).status).toBeLessThan(300);
  const row = await waitFor('the delivered 回访 row', async () => ((await s.request('GET', `/api/tickets/${a.id}/deliveries`, { token: admin })).body.items as any[]).find((r) => r.status === 'delivered'));
  expect(row).toMatchObject({ purpose: 'revisit', channel: 'bot', recipient: { name: '王淑珍' } });
  // Only the bot may relay answers.
  expect((await s.request('POST', '/api/tickets/revisit-reply', { token: admin, body: { wechatId: 'wx-reach-chen', text: '1' } })).status).toBe(403);
});

test('回访 without a bound WeChat goes by SMS to her phone ({1} ticket number, {2} what she reported)', async () => {
  const li = await residentWith('李秀英', '13805371003', '103');
  const t = await resolvedTicket(li, '李秀英', '卫生间下水道堵了');
  const [params] = await waitFor('the 回访 SMS', () => (smsTo('13805371003', REVISIT_TPL).length ? smsTo('13805371003', REVISIT_TPL) : null));
  expect(params).toEqual([t.no, '卫生间下水道堵了']);
  // The provider's acceptance is written to the ledger after the SMS reached the fake (sent marks go in batches of up to
  // 100 ms): read the row once it is no longer queued.
  const rows = await waitFor('the 回访 row past queued', async () => {
    const items = (await s.request('GET', `/api/tickets/${t.id}/deliveries`, { token: admin })).body.items as any[];
    return items.some((r) => r.status !== 'queued') ? items : null;
  });
  expect(rows).toEqual([expect.objectContaining({ purpose: 'revisit', channel: 'sms', status: 'sent', recipient: expect.objectContaining({ phone: '138****1003' }) })]);
});
