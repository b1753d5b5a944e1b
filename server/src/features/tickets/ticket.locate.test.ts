// Issue 14 "who and where": the group bot threads the place a resident names when asked back into its own report, once; nobody else may.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let bot: string;

const botTicket = async (location?: { building: string }) =>
  (
    await s.request('POST', '/api/tickets', {
      token: bot,
      body: { category: '路灯照明', description: '楼道灯不亮', channel: 'bot', reporter: { name: '路人', wechatName: '路人', wechatId: 'wx-unbound-1' }, ...(location ? { location } : {}) },
    })
  ).body;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  bot = s.config.BOT_TOKEN;
});
afterAll(() => s.close());

it('the bot adds the place to its report that had none: located timeline entry, visible to the grid worker of that building', async () => {
  const t = await botTicket();
  expect(t.location).toBeUndefined();
  const grid = await s.loginStaff('wanggang'); // 1–3号楼
  expect((await s.request('GET', `/api/tickets/${t.id}`, { token: grid })).status).toBe(404);

  const r = await s.request('POST', `/api/tickets/${t.id}/location`, { token: bot, body: { location: { building: '3号楼', unit: '2单元' } } });
  expect(r.status).toBe(200);
  const staffView = (await s.request('GET', `/api/tickets/${t.id}`, { token: admin })).body;
  expect(staffView.location).toEqual({ building: '3号楼', unit: '2单元' });
  expect(staffView.timeline.at(-1)).toMatchObject({ kind: 'located', note: '3号楼 2单元', actor: { kind: 'bot' } });
  expect((await s.request('GET', `/api/tickets/${t.id}`, { token: grid })).status).toBe(200);

  // Once only: a second answer does not move it.
  expect((await s.request('POST', `/api/tickets/${t.id}/location`, { token: bot, body: { location: { building: '5号楼' } } })).status).toBe(409);
  expect((await s.request('GET', `/api/tickets/${t.id}`, { token: admin })).body.location.building).toBe('3号楼');
});

it('a report that has a place keeps it; staff, residents and other channels’ tickets are refused', async () => {
  const placed = await botTicket({ building: '1号楼' });
  expect((await s.request('POST', `/api/tickets/${placed.id}/location`, { token: bot, body: { location: { building: '2号楼' } } })).status).toBe(409);

  const t = await botTicket();
  expect((await s.request('POST', `/api/tickets/${t.id}/location`, { token: admin, body: { location: { building: '2号楼' } } })).status).toBe(403);
  const resident = (await s.loginResident('demo-resident')).token;
  expect((await s.request('POST', `/api/tickets/${t.id}/location`, { token: resident, body: { location: { building: '2号楼' } } })).status).toBe(403);

  const app = await s.request('POST', '/api/tickets', { token: resident, body: { category: '其他', description: '小区里的长椅坏了', channel: 'app' } });
  expect(app.status).toBe(201);
  expect((await s.request('POST', `/api/tickets/${app.body.id}/location`, { token: bot, body: { location: { building: '2号楼' } } })).status).toBe(404);
  expect((await s.request('POST', `/api/tickets/${t.id}/location`, { token: bot, body: { location: { building: '' } } })).status).toBe(422);
});
