// The 接诉即办 ladder on a compressed clock (SERVICE_CLOCK_SCALE): 催办 → 督办 → 街道 for 签收 and 办结, each step once across a restart and with two nodes on one database; extensions the resident sees.
import { startTestServer, type TestServer } from '../../test-support/harness';

// 1 hour of service time = 3.6 s. 电梯: 签收 0.25 h → 0.9 s; 办结 set to 0.5 h → 1.8 s (every clock runs day and night when scaled).
const SCALE = '0.001';
const LADDER_KINDS = ['reminded', 'supervised', 'street', 'escalated'];

let s: TestServer;
let s2: TestServer | undefined;
afterAll(async () => {
  await s2?.close();
  await s?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const steps = (t: any) => t.timeline.filter((e: any) => LADDER_KINDS.includes(e.kind)).map((e: any) => `${e.kind}:${e.audience ?? ''}`);

it('runs the whole ladder once per step although the deadlines passed while the server was down and two nodes then share the work', async () => {
  s = await startTestServer({ env: { SERVICE_CLOCK_SCALE: SCALE } });
  let admin = await s.loginStaff();
  expect((await s.request('PATCH', '/api/community/sla', { token: admin, body: { 电梯: 0.5 } })).status).toBe(200);
  const mk = async (unit: string) =>
    (await s.request('POST', '/api/tickets', { token: admin, body: { category: '电梯', description: `${unit}电梯故障`, channel: 'desk', reporter: { name: '李建国' }, location: { building: '3号楼', unit } } })).body;

  const ignored = await mk('1单元'); // nobody signs for it
  const signed = await mk('2单元'); // signed in time, never finished
  const done = await mk('3单元'); // finished in time
  expect(new Date(ignored.signDueAt).getTime() - new Date(ignored.createdAt).getTime()).toBe(900);
  expect(new Date(ignored.slaDueAt).getTime() - new Date(ignored.createdAt).getTime()).toBe(1800);
  expect((await s.request('POST', `/api/tickets/${signed.id}/transition`, { token: admin, body: { action: 'accept' } })).status).toBe(200);
  for (const action of ['accept', 'start', 'resolve'])
    expect((await s.request('POST', `/api/tickets/${done.id}/transition`, { token: admin, body: { action } })).status).toBe(200);

  // Down before any step: every deadline (the last, 街道 for 办结, at 3.6 s) passes while nothing runs.
  await s.close();
  await sleep(4500);
  s = await s.restart();
  // A second node on the same database: both sweep the timers, each step must still happen once.
  const dbName = new URL(s.mongoUri).pathname.slice(1);
  s2 = await startTestServer({ dbName, seed: false });
  admin = await s.loginStaff();
  const get = async (id: string) => (await s.request('GET', `/api/tickets/${id}`, { token: admin })).body;
  const until = Date.now() + 15_000;
  let t = await get(ignored.id);
  while (steps(t).length < 6 && Date.now() < until) {
    await sleep(200);
    t = await get(ignored.id);
  }
  await sleep(2500); // time for any double firing (re-armed timers, both nodes' sweeps)

  t = await get(ignored.id);
  expect(steps(t).sort()).toEqual(
    ['reminded:duty', 'supervised:leader', 'street:street', 'reminded:duty', 'street:street', 'escalated:'].sort(),
  );
  const notes = t.timeline.filter((e: any) => LADDER_KINDS.includes(e.kind)).map((e: any) => e.note);
  expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^催办：请在 .* 前签收（值班人员）$/), expect.stringMatching(/^督办：已超过签收时限/), expect.stringMatching(/^街道督办：超过签收时限/), expect.stringMatching(/^催办：请在 .* 前办结/), expect.stringMatching(/^街道督办：超过办结时限/)]));
  // Reminders stay between staff; supervision is on the resident's timeline too.
  expect(t.timeline.filter((e: any) => e.kind === 'reminded').every((e: any) => e.internal === true)).toBe(true);

  const sg = await get(signed.id);
  expect(steps(sg).sort()).toEqual(['reminded:duty', 'street:street', 'escalated:'].sort()); // no 签收 steps: signed in time
  expect(sg.signedAt).toBeDefined();
  const dn = await get(done.id);
  expect(steps(dn)).toEqual([]);
});

it('an extension asked by a grid worker waits for an admin; approved, the deadline moves and the resident sees the reason; a new deadline gets its own ladder', async () => {
  const admin = await s.loginStaff();
  const grid = await s.loginStaff('wanggang');
  const resident = await s.loginResident('demo-resident'); // 刘芳, 3号楼
  const t = (await s.request('POST', '/api/tickets', { token: resident.token, body: { category: '路灯照明', description: '楼下路灯不亮', channel: 'app' } })).body;
  // 路灯照明: 48 h → 172.8 s here; an extension of 1 h → 3.6 s more.
  expect((await s.request('POST', `/api/tickets/${t.id}/extension`, { token: resident.token, body: { hours: 1, reason: '等配件' } })).status).toBe(403);
  const bad = await s.request('POST', `/api/tickets/${t.id}/extension`, { token: grid, body: { hours: 0, reason: '' } });
  expect(bad.status).toBe(422);
  const asked = await s.request('POST', `/api/tickets/${t.id}/extension`, { token: grid, body: { hours: 1, reason: '需等待路灯配件到货' } });
  expect(asked.status).toBe(200);
  expect(asked.body.extension).toMatchObject({ hours: 1, status: 'pending', requestedBy: expect.stringMatching(/^王刚/) });
  expect(asked.body.slaDueAt).toBe(t.slaDueAt);
  expect((await s.request('POST', `/api/tickets/${t.id}/extension`, { token: grid, body: { hours: 2, reason: '再等等' } })).status).toBe(409);
  expect((await s.request('POST', `/api/tickets/${t.id}/extension/decision`, { token: grid, body: { approve: true } })).status).toBe(403);
  // The resident sees nothing of a pending request.
  const mine = (await s.request('GET', `/api/tickets/${t.id}`, { token: resident.token })).body;
  expect(mine.extension).toBeUndefined();
  expect(mine.timeline.map((e: any) => e.kind)).not.toContain('extension_requested');

  const ok = await s.request('POST', `/api/tickets/${t.id}/extension/decision`, { token: admin, body: { approve: true } });
  expect(ok.status).toBe(200);
  expect(new Date(ok.body.slaDueAt).getTime() - new Date(t.slaDueAt).getTime()).toBe(3600);
  const seen = (await s.request('GET', `/api/tickets/${t.id}`, { token: resident.token })).body;
  expect(seen.extension).toMatchObject({ hours: 1, reason: '需等待路灯配件到货', status: 'approved' });
  const extended = seen.timeline.find((e: any) => e.kind === 'extended');
  expect(extended.note).toMatch(/^办结时限延长至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}。原因：需等待路灯配件到货$/);
  expect((await s.request('POST', `/api/tickets/${t.id}/extension/decision`, { token: admin, body: { approve: false } })).status).toBe(409);

  // Rejected: nothing moves, the resident sees nothing.
  await s.request('POST', `/api/tickets/${t.id}/extension`, { token: grid, body: { hours: 5, reason: '人手不够' } });
  const no = await s.request('POST', `/api/tickets/${t.id}/extension/decision`, { token: admin, body: { approve: false, note: '请今天处理' } });
  expect(no.body.slaDueAt).toBe(ok.body.slaDueAt);
  const seen2 = (await s.request('GET', `/api/tickets/${t.id}`, { token: resident.token })).body;
  expect(seen2.extension).toBeUndefined();
  expect(seen2.timeline.filter((e: any) => e.kind.startsWith('extension'))).toEqual([]);

  // An admin's own request is approved at once; an overdue ticket's extension counts from now and 督办 can come again.
  const lift = (await s.request('POST', '/api/tickets', { token: admin, body: { category: '电梯', description: '4号楼电梯困人', channel: 'desk', reporter: { name: '路人' }, location: { building: '4号楼', unit: '1单元' } } })).body;
  const deadline = Date.now() + 10_000;
  let cur = lift;
  while (!cur.escalatedAt && Date.now() < deadline) {
    await sleep(200);
    cur = (await s.request('GET', `/api/tickets/${lift.id}`, { token: admin })).body;
  }
  expect(cur.escalatedAt).toBeDefined();
  const self = await s.request('POST', `/api/tickets/${lift.id}/extension`, { token: admin, body: { hours: 0.5, reason: '维保公司在路上' } });
  expect(self.body.extension.status).toBe('approved');
  expect(self.body.escalatedAt).toBeUndefined();
  expect(new Date(self.body.slaDueAt).getTime()).toBeGreaterThan(Date.now());
  const until = Date.now() + 10_000;
  let again = self.body;
  while (again.timeline.filter((e: any) => e.kind === 'escalated').length < 2 && Date.now() < until) {
    await sleep(200);
    again = (await s.request('GET', `/api/tickets/${lift.id}`, { token: admin })).body;
  }
  expect(again.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(2);
});
