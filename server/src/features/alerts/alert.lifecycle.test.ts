// Alert lifecycle against the real app: raised → acknowledged → resolved (note required), tickets from alerts, who sees what, escalation levels across a server restart.
import crypto from 'node:crypto';
import { ALERT_TRANSITIONS, legalAlertActions } from '@linli/contracts';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

// Escalation limits scaled down: critical (sos) 180 s → 1.8 s.
// Dedupe window 2 s, so a quiet incident can be seen starting over.
const env = { ALERT_ESCALATION_SCALE: '0.01', ALERT_DEDUPE_WINDOW_SECONDS: '2' };
let s: TestServer;
let admin: string;

const ev = (deviceId: string, type: string, extra: Record<string, unknown> = {}) => ({
  deviceId,
  eventId: `l-${crypto.randomBytes(6).toString('hex')}`,
  type,
  at: new Date().toISOString(),
  ...extra,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function device(body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/devices', { token: admin, body });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
}
async function raise(d: { id: string; key: string }, type: string, extra: Record<string, unknown> = {}) {
  const r = await s.request('POST', '/api/alerts/ingest', { body: ev(d.id, type, extra), headers: { authorization: `Bearer ${d.key}` } });
  expect(r.status).toBe(201);
  return r.body.alertId as string;
}
async function residentId(name: string) {
  return (await s.request('GET', `/api/residents?q=${encodeURIComponent(name)}`, { token: admin })).body.items[0].id as string;
}

beforeAll(async () => {
  s = await startTestServer({ env });
  admin = await s.loginStaff();
});
afterAll(() => s.close());

describe('transition table', () => {
  it('is the one table in contracts', () => {
    expect(legalAlertActions('raised')).toEqual(['ack', 'resolve']);
    expect(legalAlertActions('acknowledged')).toEqual(['resolve']);
    expect(legalAlertActions('resolved')).toEqual([]);
    expect(ALERT_TRANSITIONS.resolve.noteRequired).toBe(true);
  });
});

describe('lifecycle', () => {
  it('ack then resolve with a note; illegal moves are 409; every step is in the history and pushed as alert:updated', async () => {
    const d = await device({ kind: 'camera', name: '南门摄像头', location: { text: '南门消防通道' } });
    const id = await raise(d, 'fire_lane_blocked');
    const sock = await s.socket(admin);
    const acked = nextEvent(sock, 'alert:updated', 5000, (a: any) => a.id === id && a.status === 'acknowledged');
    const ack = await s.request('POST', `/api/alerts/${id}/ack`, { token: admin, body: { note: '已通知车主挪车' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged' });
    await acked;
    expect((await s.request('POST', `/api/alerts/${id}/ack`, { token: admin, body: {} })).status).toBe(409);
    const noNote = await s.request('POST', `/api/alerts/${id}/resolve`, { token: admin, body: {} });
    expect(noNote.status).toBe(422);
    const done = await s.request('POST', `/api/alerts/${id}/resolve`, { token: admin, body: { note: '车辆已挪走' } });
    expect(done.body).toMatchObject({ status: 'resolved', resolution: '车辆已挪走' });
    expect(done.body.history.map((h: any) => h.kind)).toEqual(['raised', 'notified', 'acknowledged', 'resolved']);
    expect((await s.request('POST', `/api/alerts/${id}/resolve`, { token: admin, body: { note: '再次' } })).status).toBe(409);
    const open = await s.request('GET', '/api/alerts?status=open', { token: admin });
    expect(open.body.items.some((a: any) => a.id === id)).toBe(false);
  });

  it('opens one desk ticket from an alert (a second call returns the same ticket)', async () => {
    const d = await device({ kind: 'water_leak', name: '4号楼水表井', location: { building: '4号楼', text: '4号楼水表井' } });
    const id = await raise(d, 'water_leak');
    const [a, b] = await Promise.all([
      s.request('POST', `/api/alerts/${id}/ticket`, { token: admin, body: {} }),
      s.request('POST', `/api/alerts/${id}/ticket`, { token: admin, body: {} }),
    ]);
    expect(a.status).toBe(201);
    expect(b.body.ticket.id).toBe(a.body.ticket.id);
    expect(a.body.ticket.no).toMatch(/^BM-\d{6}$/);
    const t = (await s.request('GET', `/api/tickets/${a.body.ticket.id}`, { token: admin })).body;
    expect(t).toMatchObject({ channel: 'desk', category: '水电', location: { building: '4号楼' } });
    const alert = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    expect(alert.ticketNo).toBe(a.body.ticket.no);
    expect(alert.history.filter((h: any) => h.kind === 'ticket_opened')).toHaveLength(1);
  });

  it('personal alerts: grid workers see only their buildings; residents see public alerts only', async () => {
    const wang = await residentId('王秀兰');
    const d = await device({ kind: 'wristband', name: '跌倒手环', wearerResidentId: wang });
    const id = await raise(d, 'fall');
    const cam = await device({ kind: 'trash_bin', name: '1号楼垃圾站', location: { building: '1号楼' } });
    const pub = await raise(cam, 'trash_overflow');
    const wanggang = await s.loginStaff('wanggang');
    const liumin = await s.loginStaff('liumin');
    const caiwu = await s.loginStaff('caiwu');
    expect((await s.request('GET', `/api/alerts/${id}`, { token: wanggang })).status).toBe(200);
    expect((await s.request('GET', `/api/alerts/${id}`, { token: liumin })).status).toBe(404);
    expect((await s.request('GET', `/api/alerts/${id}`, { token: caiwu })).status).toBe(404);
    const liuminList = (await s.request('GET', '/api/alerts?status=open', { token: liumin })).body.items;
    expect(liuminList.some((a: any) => a.id === id)).toBe(false);
    expect(liuminList.some((a: any) => a.id === pub)).toBe(true);
    const { token: rt } = await s.loginResident('demo-resident');
    const pubList = (await s.request('GET', '/api/alerts/public', { token: rt })).body.items;
    expect(pubList.some((a: any) => a.id === pub)).toBe(true);
    expect(pubList.every((a: any) => a.audience === 'public' && a.subject === undefined && a.history === undefined)).toBe(true);
    expect((await s.request('GET', `/api/alerts/${pub}`, { token: rt })).status).toBe(403);
  });

  it('an incident quiet for longer than the dedupe window starts a new alert; the old one stays open', async () => {
    const d = await device({ kind: 'trash_bin', name: '窗口测试垃圾桶', location: { building: '2号楼' } });
    const first = await raise(d, 'trash_overflow');
    await sleep(2300);
    const second = await raise(d, 'trash_overflow');
    expect(second).not.toBe(first);
    const r = await s.request('POST', '/api/alerts/ingest', { body: ev(d.id, 'trash_overflow'), headers: { authorization: `Bearer ${d.key}` } });
    expect(r.body).toMatchObject({ outcome: 'deduplicated', alertId: second, count: 2 });
    const old = (await s.request('GET', `/api/alerts/${first}`, { token: admin })).body;
    expect(old).toMatchObject({ status: 'raised', count: 1 });
  });

  it('residents hear a public alert raised and resolved, not its repeats (staff hear every count)', async () => {
    const { token: rt } = await s.loginResident('demo-resident');
    const resident = await s.socket(rt);
    const staff = await s.socket(admin);
    const heard: Array<{ id: string; status: string; count: number }> = [];
    resident.on('alert:updated', (a) => heard.push(a));
    try {
      const bin = await device({ kind: 'trash_bin', name: '推送测试垃圾桶', location: { building: '3号楼', text: '3号楼推送测试点' } });
      const raisedForResidents = nextEvent(resident, 'alert:raised', 5000, (a: any) => a.title.includes('推送测试点'));
      const id = await raise(bin, 'trash_overflow');
      expect((await raisedForResidents).id).toBe(id);
      const counted = nextEvent(staff, 'alert:updated', 5000, (a: any) => a.id === id && a.count === 3);
      for (let i = 0; i < 2; i++) {
        const r = await s.request('POST', '/api/alerts/ingest', { body: ev(bin.id, 'trash_overflow'), headers: { authorization: `Bearer ${bin.key}` } });
        expect(r.body.outcome).toBe('deduplicated');
      }
      await counted;
      const resolved = nextEvent(resident, 'alert:updated', 5000, (a: any) => a.id === id && a.status === 'resolved');
      expect((await s.request('POST', `/api/alerts/${id}/resolve`, { token: admin, body: { note: '已清运' } })).status).toBe(200);
      await resolved;
      // One socket delivers in order: a pushed repeat would have arrived before the resolution.
      expect(heard.filter((a) => a.id === id).map((a) => a.status)).toEqual(['resolved']);
    } finally {
      resident.disconnect();
      staff.disconnect();
    }
  });

  it('public-safety alerts are queued for the group bot; personal ones never are', async () => {
    const seen: any[] = [];
    const off = s.app.bus.on('alert.raised', (p) => void seen.push(p.alert));
    try {
      const cam = await device({ kind: 'smoke', name: '6号楼烟感', location: { building: '6号楼', text: '6号楼楼道' } });
      const pub = await raise(cam, 'smoke');
      const chen = await residentId('陈德明');
      const band = await device({ kind: 'wristband', name: '呼救手环', wearerResidentId: chen });
      const personal = await raise(band, 'sos');
      expect(seen.map((a) => a.id)).toContain(pub);
      expect(seen.map((a) => a.id)).not.toContain(personal);
      expect(seen.every((a) => a.audience === 'public')).toBe(true);
    } finally {
      off();
    }
  });
});

describe('escalation', () => {
  it('acknowledged in time: never escalates', async () => {
    const zhao = await residentId('张桂芳');
    const d = await device({ kind: 'wristband', name: '手环A', wearerResidentId: zhao });
    const id = await raise(d, 'sos');
    await s.request('POST', `/api/alerts/${id}/ack`, { token: await s.loginStaff('wanggang'), body: {} });
    await sleep(2500);
    const a = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    expect(a.level).toBe('grid');
    expect(a.history.some((h: any) => h.kind === 'escalated')).toBe(false);
  });

  it('an escalation armed before harness restart() still fires after it', async () => {
    const zhang = await residentId('张桂芳');
    const d = await device({ kind: 'wristband', name: '手环C', wearerResidentId: zhang });
    const id = await raise(d, 'fall');
    s = await s.restart();
    admin = await s.loginStaff();
    let a: any;
    const end = Date.now() + 10_000;
    do {
      await sleep(200);
      a = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    } while (a.level === 'grid' && Date.now() < end);
    expect(a.level).toBe('duty');
    expect(a.history.filter((h: any) => h.kind === 'escalated').map((h: any) => h.level)).toEqual(['duty']);
  }, 20_000);

  it('not acknowledged: grid worker → duty staff → all staff, each step in the history, across a server restart', async () => {
    const chen = await residentId('陈德明');
    const d = await device({ kind: 'wristband', name: '手环B', wearerResidentId: chen });
    const id = await raise(d, 'sos');
    const first = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    expect(first.level).toBe('grid');
    expect(first.history[1].to.map((t: any) => t.name)).toContain('王刚（网格员）');

    // Down before the first limit (1.8 s) passes; both steps come due while it is down.
    const dbName = new URL(s.mongoUri).pathname.slice(1);
    await s.close();
    await sleep(4000);
    s = await startTestServer({ dbName, env });
    admin = await s.loginStaff();
    let a: any;
    const end = Date.now() + 15_000;
    do {
      await sleep(250);
      a = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    } while (a.level !== 'all' && Date.now() < end);
    expect(a.level).toBe('all');
    const steps = a.history.filter((h: any) => h.kind === 'escalated');
    expect(steps.map((h: any) => h.level)).toEqual(['duty', 'all']);
    expect(steps[0].to.map((t: any) => t.name)).toEqual(expect.arrayContaining(['张丽（社区工作者）']));
    expect(steps[1].to).toHaveLength(5);
    // The default SOS policy repeats: nobody took it after everyone was told, so the next round starts with the grid worker.
    expect(a.nextEscalationAt).toBeDefined();
    expect(a.nextLevel).toBe('grid');
    expect((await s.request('POST', `/api/alerts/${id}/ack`, { token: admin, body: {} })).status).toBe(200);
    const acked = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    expect(acked.nextLevel).toBeUndefined();
  }, 40_000);
});
