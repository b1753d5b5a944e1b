// Service settings over HTTP: defaults, admin-only edits with Chinese errors that change nothing, the calendar view, and a working-hours deadline on a ticket.
import { addServiceTime } from './service-clock.calendar';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(() => s.close());

it('shows the two deadlines per category with their clocks; only admins edit; bad input is refused and changes nothing', async () => {
  const r = await s.request('GET', '/api/service/settings', { token: admin });
  expect(r.status).toBe(200);
  expect(r.body.rules['电梯']).toEqual({ signHours: 0.25, finishHours: 4, clock: 'calendar' });
  expect(r.body.rules['环境卫生']).toEqual({ signHours: 0.5, finishHours: 24, clock: 'working' });
  expect(r.body).toMatchObject({ workStart: '08:30', workEnd: '17:30', holidays: [], workdays: [], scale: 1 });

  const grid = await s.loginStaff('wanggang');
  expect((await s.request('PATCH', '/api/service/settings', { token: grid, body: { workStart: '09:00' } })).status).toBe(403);
  const resident = (await s.loginResident('demo-resident')).token;
  expect((await s.request('GET', '/api/service/settings', { token: resident })).status).toBe(403);

  const bad: Array<[Record<string, unknown>, string]> = [
    [{ workStart: '18:00', workEnd: '09:00' }, '下班时间应晚于上班时间'],
    [{ workStart: '9点' }, '时间格式应为 HH:MM'],
    [{ holidays: ['2027-02-30'] }, '日期不存在'],
    [{ holidays: ['2027-01-02'], workdays: ['2027-01-02'] }, '同一天不能既是假日又是调休工作日'],
    [{ signHours: { 电梯: 0 } }, '时限必须大于 0'],
    [{ signHours: { 不存在: 1 } }, ''],
    [{ unknown: 1 }, ''],
  ];
  for (const [body, msg] of bad) {
    const b = await s.request('PATCH', '/api/service/settings', { token: admin, body });
    expect([body, b.status]).toEqual([body, 422]);
    if (msg) expect(JSON.stringify(b.body.error)).toContain(msg);
  }
  // Split across two requests, the overlap is still refused.
  expect((await s.request('PATCH', '/api/service/settings', { token: admin, body: { holidays: ['2027-01-02'] } })).status).toBe(200);
  const overlap = await s.request('PATCH', '/api/service/settings', { token: admin, body: { workdays: ['2027-01-02'] } });
  expect([overlap.status, overlap.body.error.message]).toEqual([422, '同一天不能既是假日又是调休工作日']);
  expect((await s.request('GET', '/api/service/settings', { token: admin })).body).toMatchObject({ workStart: '08:30', workdays: [], holidays: ['2027-01-02'] });

  const ok = await s.request('PATCH', '/api/service/settings', { token: admin, body: { holidays: ['2027-01-01'], workdays: ['2026-12-05'], signHours: { 环境卫生: 1 }, clock: { 停车: 'calendar' } } });
  expect(ok.status).toBe(200);
  expect(ok.body.rules['环境卫生']).toEqual({ signHours: 1, finishHours: 24, clock: 'working' });
  expect(ok.body.rules['停车'].clock).toBe('calendar');
  expect(ok.body.holidays).toEqual(['2027-01-01']);

  const cal = await s.request('GET', '/api/service/calendar?from=2026-12-04&to=2026-12-06', { token: admin });
  expect(cal.body.items).toEqual([
    { day: '2026-12-04', work: true },
    { day: '2026-12-05', work: true, reason: '社区设置：调休上班' },
    { day: '2026-12-06', work: false, reason: '周末' },
  ]);
  expect((await s.request('GET', '/api/service/calendar?from=2026-12-06&to=2026-12-04', { token: admin })).status).toBe(422);
});

it('a working-clock category gets its deadlines on the working calendar', async () => {
  const before = new Date();
  const r = await s.request('POST', '/api/tickets', { token: admin, body: { category: '环境卫生', description: '楼道堆满杂物', channel: 'desk', reporter: { name: '路人' }, location: { building: '2号楼' } } });
  expect(r.status).toBe(201);
  const after = new Date();
  const cal = { workStart: '08:30', workEnd: '17:30', holidays: ['2027-01-01'], workdays: ['2026-12-05'] };
  // Between the moments before and after the request (the server's "now" is in between).
  const within = (iso: string, hours: number) => {
    const t = new Date(iso).getTime();
    expect(t).toBeGreaterThanOrEqual(addServiceTime(before, hours * 3600_000, 'working', cal).getTime());
    expect(t).toBeLessThanOrEqual(addServiceTime(after, hours * 3600_000, 'working', cal).getTime());
  };
  within(r.body.signDueAt, 1);
  within(r.body.slaDueAt, 24);
  const lift = await s.request('POST', '/api/tickets', { token: admin, body: { category: '电梯', description: '电梯异响', channel: 'desk', reporter: { name: '路人' } } });
  const sign = new Date(lift.body.signDueAt).getTime() - new Date(lift.body.createdAt).getTime();
  expect(Math.abs(sign - 15 * 60_000)).toBeLessThan(1000);
});
