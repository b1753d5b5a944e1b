// Issue 12 item 6 as the attacker sees it: a grid worker's and a finance worker's sockets must receive no ticket or personal alert that HTTP refuses them.
import crypto from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { nextEvent, startTestServer, type TestServer } from '../test-support/harness';

let s: TestServer;
let admin: string;
let grid: string; // 王刚, 1–3号楼
let finance: string;

/** Everything a socket receives, in order. */
function record(sock: Socket) {
  const got: Array<{ event: string; payload: any }> = [];
  sock.onAny((event: string, payload: unknown) => got.push({ event, payload }));
  return got;
}
async function residentId(name: string) {
  return (await s.request('GET', `/api/residents?q=${encodeURIComponent(name)}`, { token: admin })).body.items[0].id as string;
}
async function device(body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/devices', { token: admin, body });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
}
async function raise(d: { id: string; key: string }, type: string) {
  const body = { deviceId: d.id, eventId: `rs-${crypto.randomBytes(6).toString('hex')}`, type, at: new Date().toISOString() };
  const r = await s.request('POST', '/api/alerts/ingest', { body, headers: { authorization: `Bearer ${d.key}` } });
  expect(r.status).toBe(201);
  return r.body.alertId as string;
}
async function deskTicket(building: string, description: string) {
  const r = await s.request('POST', '/api/tickets', {
    token: admin,
    body: { category: '水电', description, channel: 'desk', reporter: { name: '来访居民', phone: '13912345678' }, location: { building } },
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; no: string };
}

beforeAll(async () => {
  s = await startTestServer({ env: { ALERT_ESCALATION_SCALE: '0.01' } });
  admin = await s.loginStaff();
  grid = await s.loginStaff('wanggang');
  finance = await s.loginStaff('caiwu');
});
afterAll(() => s.close());

describe('staff sockets carry only what HTTP lets each role read', () => {
  it('a 5号楼 ticket (phone, internal note) and a personal alert of a 5号楼 resident reach neither the grid worker of 1–3号楼 nor finance; in-scope ones do', async () => {
    const [gridSock, finSock, adminSock] = [await s.socket(grid), await s.socket(finance), await s.socket(admin)];
    const [gridGot, finGot, adminGot] = [record(gridSock), record(finSock), record(adminSock)];

    // Out of their scope: a ticket in 5号楼 with an internal note, and 郑玉珍's (5号楼) fall alert.
    const far = await deskTicket('5号楼', '5号楼水泵房漏水，报修人独居');
    expect((await s.request('POST', `/api/tickets/${far.id}/comments`, { token: admin, body: { body: '内部：住户行动不便，需上门', internal: true } })).status).toBe(201);
    const zhengBand = await device({ kind: 'wristband', name: '郑玉珍的手环', wearerResidentId: await residentId('郑玉珍') });
    const farAlert = await raise(zhengBand, 'fall');
    // HTTP refuses them both (the socket must agree).
    expect((await s.request('GET', `/api/tickets/${far.id}`, { token: grid })).status).toBe(404);
    expect((await s.request('GET', `/api/alerts/${farAlert}`, { token: grid })).status).toBe(404);
    expect((await s.request('GET', `/api/alerts/${farAlert}`, { token: finance })).status).toBe(404);

    // In the grid worker's scope: a 1号楼 ticket and 王秀兰's (1号楼) fall. Socket.io keeps order per connection, so once
    // these arrive anything sent to him earlier has arrived too.
    const nearSeen = nextEvent(gridSock, 'ticket:created', 10_000, (t: any) => t.location?.building === '1号楼');
    const near = await deskTicket('1号楼', '1号楼楼道灯不亮');
    await nearSeen;
    const nearAlertSeen = nextEvent(gridSock, 'alert:raised', 10_000, (a: any) => a.subject?.building === '1号楼');
    const wangBand = await device({ kind: 'wristband', name: '王秀兰的新手环', wearerResidentId: await residentId('王秀兰') });
    const nearAlert = await raise(wangBand, 'fall');
    await nearAlertSeen;
    // Finance's in-scope event: a community (non-personal) alert every staff member reads over HTTP.
    const smoke = await device({ kind: 'smoke', name: '3号楼楼道烟感', location: { building: '3号楼', text: '3号楼楼道' } });
    const seenBy = (sock: Socket) => nextEvent(sock, 'alert:raised', 10_000, (a: any) => a.type === 'smoke');
    const everyoneSaw = Promise.all([seenBy(finSock), seenBy(gridSock), seenBy(adminSock)]);
    const publicAlert = await raise(smoke, 'smoke');
    await everyoneSaw;
    expect((await s.request('GET', `/api/alerts/${publicAlert}`, { token: finance })).status).toBe(200);

    const ids = (got: typeof gridGot, ...events: string[]) => got.filter((g) => events.includes(g.event)).map((g) => g.payload.id);
    // The grid worker: his ticket and alert, nothing of 5号楼.
    expect(ids(gridGot, 'ticket:created', 'ticket:updated')).toContain(near.id);
    expect(ids(gridGot, 'ticket:created', 'ticket:updated')).not.toContain(far.id);
    expect(ids(gridGot, 'alert:raised', 'alert:updated')).toContain(nearAlert);
    expect(ids(gridGot, 'alert:raised', 'alert:updated')).not.toContain(farAlert);
    expect(JSON.stringify(gridGot.filter((g) => g.payload?.id === far.id))).toBe('[]');
    // Finance: no tickets at all (it covers no building), no personal alerts; the community alert arrives.
    expect(ids(finGot, 'ticket:created', 'ticket:updated')).toEqual([]);
    expect(ids(finGot, 'alert:raised', 'alert:updated')).not.toContain(farAlert);
    expect(ids(finGot, 'alert:raised', 'alert:updated')).not.toContain(nearAlert);
    expect(ids(finGot, 'alert:raised')).toContain(publicAlert);
    expect(JSON.stringify(finGot)).not.toContain('内部：');
    // The admin (whole community) still gets everything.
    expect(ids(adminGot, 'ticket:created', 'ticket:updated')).toEqual(expect.arrayContaining([far.id, near.id]));
    expect(ids(adminGot, 'alert:raised')).toEqual(expect.arrayContaining([farAlert, nearAlert, publicAlert]));
  });

  it('a ticket assigned to him reaches the grid worker even outside his buildings, as HTTP then shows it', async () => {
    const gridSock = await s.socket(grid);
    const me = (await s.request('GET', '/api/me', { token: grid })).body;
    const far = await deskTicket('6号楼', '6号楼单元门坏了');
    const seen = nextEvent(gridSock, 'ticket:updated', 10_000, (t: any) => t.id === far.id);
    const assign = await s.request('POST', `/api/tickets/${far.id}/transition`, { token: admin, body: { action: 'assign', assigneeId: me.user.id } });
    expect(assign.status).toBe(200);
    await seen;
    expect((await s.request('GET', `/api/tickets/${far.id}`, { token: grid })).status).toBe(200);
  });
});
