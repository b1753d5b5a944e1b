// 回访 on a compressed clock: asked the day after resolution (once, also across a restart), a call task after three silent days, 没解决 reopens under supervision.
import { startTestServer, type TestServer } from '../../test-support/harness';

// A day = 1.728 s, three days = 5.2 s.
const SCALE = '0.00002';
const DAY = 1728;

let s: TestServer;
afterAll(() => s?.close());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let admin: string;
let resident: { token: string; resident: any };

async function resolvedTicket(description: string) {
  const t = (await s.request('POST', '/api/tickets', { token: resident.token, body: { category: '公共设施', description, channel: 'app' } })).body;
  for (const action of ['accept', 'start', 'resolve']) expect((await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action } })).status).toBe(200);
  return t;
}

async function waitFor(id: string, ok: (t: any) => boolean, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const t = (await s.request('GET', `/api/tickets/${id}`, { token: admin })).body;
    if (ok(t) || Date.now() > until) return t;
    await sleep(150);
  }
}

const revisits = (t: any) => t.timeline.filter((e: any) => e.kind === 'revisit');

beforeAll(async () => {
  s = await startTestServer({ env: { SERVICE_CLOCK_SCALE: SCALE } });
  admin = await s.loginStaff();
  resident = await s.loginResident('demo-resident');
});

it('asks the day after resolution; the resident answers 解决了 with a score, which is her rating', async () => {
  const t = await resolvedTicket('单元门禁坏了');
  const early = (await s.request('GET', `/api/tickets/${t.id}`, { token: resident.token })).body;
  expect(early.revisit).toBeUndefined();
  const asked = await waitFor(t.id, (x) => x.revisit?.status === 'asked');
  expect(asked.revisit.status).toBe('asked');
  expect(Date.parse(asked.revisit.askedAt) - Date.parse(asked.resolvedAt)).toBeGreaterThanOrEqual(DAY - 50);
  expect(revisits(asked).map((e: any) => e.note)).toEqual(['回访：请居民确认问题是否解决并评价（小程序、短信）']);

  const bad = await s.request('POST', `/api/tickets/${t.id}/revisit`, { token: resident.token, body: { solved: true, score: 6 } });
  expect([bad.status, bad.body.error.details?.[0]?.message]).toEqual([422, '评分为 1-5 分']);
  const other = (await s.loginResident('demo-zhaozhiqiang')).token;
  expect((await s.request('POST', `/api/tickets/${t.id}/revisit`, { token: other, body: { solved: true } })).status).toBe(404);

  const ok = await s.request('POST', `/api/tickets/${t.id}/revisit`, { token: resident.token, body: { solved: true, score: 5, comment: '修得很快' } });
  expect(ok.status).toBe(200);
  expect(ok.body.revisit).toMatchObject({ status: 'done', solved: true });
  expect(ok.body.rating).toEqual({ score: 5, comment: '修得很快' });
  expect((await s.request('POST', `/api/tickets/${t.id}/revisit`, { token: resident.token, body: { solved: false } })).status).toBe(409);
  // No call task follows an answered visit.
  await sleep(3 * DAY + 800);
  const later = await waitFor(t.id, () => true);
  expect(later.revisit.status).toBe('done');
  expect(revisits(later)).toHaveLength(2);
});

it('three days without an answer make a call task; staff record 没解决 on the phone: reopened, 加急, supervised', async () => {
  const t = await resolvedTicket('路灯杆倾斜');
  const open = (await s.request('POST', '/api/tickets', { token: resident.token, body: { category: '公共设施', description: '还没处理的', channel: 'app' } })).body;
  expect((await s.request('POST', `/api/tickets/${open.id}/revisit`, { token: resident.token, body: { solved: true } })).status).toBe(409);
  const call = await waitFor(t.id, (x) => x.revisit?.status === 'call', 15_000);
  expect(call.revisit.status).toBe('call');
  expect(revisits(call).at(-1)).toMatchObject({ internal: true, note: '回访：居民 3 天未答复，请工作人员电话回访' });
  const tasks = (await s.request('GET', '/api/tickets?revisit=call', { token: admin })).body.items.map((x: any) => x.id);
  expect(tasks).toContain(t.id);

  const r = await s.request('POST', `/api/tickets/${t.id}/revisit`, { token: admin, body: { solved: false, comment: '灯杆还是歪的' } });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ status: 'accepted', priority: 'high', revisit: { status: 'done', solved: false } });
  expect(r.body.timeline.map((e: any) => e.kind).slice(-2)).toEqual(['reopened', 'supervised']);
  expect(r.body.timeline.at(-1)).toMatchObject({ audience: 'leader', note: '回访（电话回访）：居民反映问题没有解决（灯杆还是歪的），已重新打开并加急，社区负责人督办' });
  expect(Date.parse(r.body.slaDueAt)).toBeGreaterThan(Date.now());
  expect((await s.request('GET', '/api/tickets?revisit=call', { token: admin })).body.items.map((x: any) => x.id)).not.toContain(t.id);
});

it('the resident says 没解决 herself; a visit due while the server is down is asked once after the restart', async () => {
  const t = await resolvedTicket('楼道扶手松动');
  await waitFor(t.id, (x) => x.revisit?.status === 'asked');
  const r = await s.request('POST', `/api/tickets/${t.id}/revisit`, { token: resident.token, body: { solved: false } });
  expect(r.status).toBe(200);
  expect(r.body.status).toBe('accepted');
  expect(r.body.priority).toBe('high');

  const down = await resolvedTicket('垃圾桶破了');
  await s.close();
  await sleep(DAY + 700);
  s = await s.restart();
  admin = await s.loginStaff();
  const asked = await waitFor(down.id, (x) => x.revisit?.status === 'asked');
  await sleep(1000);
  const again = await waitFor(down.id, () => true);
  expect(asked.revisit.status).toBe('asked');
  expect(revisits(again)).toHaveLength(1);
});
