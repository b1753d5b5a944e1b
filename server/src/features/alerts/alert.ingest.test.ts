// HTTP ingestion against the real app: device keys, replay and stale rejection, bad payloads counted, dedupe (also under concurrency), alert:raised on a staff socket.
import crypto from 'node:crypto';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { waitFor } from '../../test-support/wait-for';

let s: TestServer;
let admin: string;

const ev = (deviceId: string, type: string, extra: Record<string, unknown> = {}) => ({
  deviceId,
  eventId: `e-${crypto.randomBytes(6).toString('hex')}`,
  type,
  at: new Date().toISOString(),
  ...extra,
});

async function device(body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/devices', { token: admin, body });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
}

const ingest = (key: string | undefined, body: unknown) =>
  s.request('POST', '/api/alerts/ingest', { body, headers: key ? { authorization: `Bearer ${key}` } : {} });

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(() => s.close());

describe('devices', () => {
  it('registers a device with a key shown once, stored hashed; rotate and disable', async () => {
    const d = await device({ kind: 'smoke', name: '1号楼楼道烟感', location: { building: '1号楼', text: '1号楼2单元楼道' } });
    expect(d.key).toMatch(/^lk_/);
    const got = await s.request('GET', `/api/devices/${d.id}`, { token: admin });
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(d.key);
    const raw = await s.app.conn.collection('devices').findOne({ _id: new (require('mongoose').Types.ObjectId)(d.id) });
    expect(raw!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(raw)).not.toContain(d.key);

    const rotated = await s.request('POST', `/api/devices/${d.id}/rotate-key`, { token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(d.key);
    expect((await ingest(d.key, ev(d.id, 'smoke'))).status).toBe(401);
    expect((await ingest(rotated.body.key, ev(d.id, 'smoke'))).status).toBe(201);

    expect((await s.request('POST', `/api/devices/${d.id}/disable`, { token: admin })).body.enabled).toBe(false);
    const off = await ingest(rotated.body.key, ev(d.id, 'smoke'));
    expect(off.status).toBe(403);
    expect(off.body.error.details.reason).toBe('disabled');
  });

  it('only staff manage devices; a wristband needs its wearer', async () => {
    const { token } = await s.loginResident('demo-resident');
    expect((await s.request('POST', '/api/devices', { token, body: { kind: 'smoke', name: 'x' } })).status).toBe(403);
    const bad = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: '手环' } });
    expect(bad.status).toBe(422);
  });
});

describe('HTTP ingestion', () => {
  it('raises an alert, pushes alert:raised to staff, and rejects a replay of the same event id', async () => {
    const d = await device({ kind: 'camera', name: '北门摄像头', location: { text: '北门消防通道' } });
    const sock = await s.socket(admin);
    const e = ev(d.id, 'fire_lane_blocked', { data: { plate: '鲁H12345' } });
    const pushed = nextEvent(sock, 'alert:raised', 5000, (a: any) => a.sourceEventId === e.eventId);
    const r = await ingest(d.key, e);
    expect(r.status).toBe(201);
    expect(r.body.outcome).toBe('raised');
    const a = await pushed;
    expect(a).toMatchObject({ id: r.body.alertId, type: 'fire_lane_blocked', audience: 'public', status: 'raised', severity: 'high', count: 1 });
    expect(a.title).toContain('北门消防通道');

    const replay = await ingest(d.key, e);
    expect(replay.status).toBe(409);
    expect(replay.body.error.details.reason).toBe('replay');
    const again = await s.request('GET', `/api/alerts/${r.body.alertId}`, { token: admin });
    expect(again.body.count).toBe(1);
  });

  it('rejects stale timestamps, bad keys, unknown devices, wrong types and malformed bodies, and counts each', async () => {
    const d = await device({ kind: 'trash_bin', name: '垃圾桶', location: { building: '2号楼' } });
    const before = (await s.request('GET', '/api/alerts/stats', { token: admin })).body;
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    const cases: [string | undefined, unknown, number, string][] = [
      [d.key, ev(d.id, 'trash_overflow', { at: old }), 422, 'stale'],
      ['lk_wrong-key-000000000000', ev(d.id, 'trash_overflow'), 401, 'bad_key'],
      [undefined, ev(d.id, 'trash_overflow'), 401, 'bad_key'],
      [d.key, ev('0123456789abcdef01234567', 'trash_overflow'), 401, 'unknown_device'],
      [d.key, ev(d.id, 'smoke'), 422, 'type_not_allowed'],
      [d.key, ev(d.id, 'alien_landing'), 422, 'malformed'],
      [d.key, { ...ev(d.id, 'trash_overflow'), extra: 1 }, 422, 'malformed'],
      [d.key, { deviceId: d.id }, 422, 'malformed'],
      [d.key, ev(d.id, 'trash_overflow', { at: 'yesterday' }), 422, 'malformed'],
      [d.key, ev(d.id, 'trash_overflow', { eventId: 'x'.repeat(65) }), 422, 'malformed'],
    ];
    for (const [key, body, status, reason] of cases) {
      const r = await ingest(key, body);
      expect([r.status, r.body.error?.details?.reason]).toEqual([status, reason]);
    }
    // Not JSON at all, and a heart_rate event without a value.
    const notJson = await s.request('POST', '/api/alerts/ingest', { raw: '{"deviceId":', headers: { 'content-type': 'application/json', authorization: `Bearer ${d.key}` } });
    expect(notJson.status).toBe(422);
    const after = (await s.request('GET', '/api/alerts/stats', { token: admin })).body;
    const diff = (k: string) => after.rejected.http[k] - before.rejected.http[k];
    expect(diff('stale')).toBe(1);
    expect(diff('bad_key')).toBe(2);
    expect(diff('unknown_device')).toBe(1);
    expect(diff('type_not_allowed')).toBe(1);
    expect(diff('malformed')).toBe(5);
    expect((await s.request('GET', '/api/health')).status).toBe(200);
  });

  it('dedupes the same device and type into one alert with a count and last-seen time, also under concurrency', async () => {
    const d = await device({ kind: 'water_leak', name: '水泵房', location: { building: '5号楼', text: '5号楼水泵房' } });
    const first = await ingest(d.key, ev(d.id, 'water_leak'));
    expect(first.body.outcome).toBe('raised');
    const later = new Date(Date.now() + 1000).toISOString();
    const second = await ingest(d.key, ev(d.id, 'water_leak', { at: later }));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ outcome: 'deduplicated', alertId: first.body.alertId, count: 2 });
    const a = (await s.request('GET', `/api/alerts/${first.body.alertId}`, { token: admin })).body;
    expect(a.count).toBe(2);
    expect(a.lastSeenAt).toBe(later);

    // A burst from a fresh device: exactly one alert, and its count equals the events accepted.
    const d2 = await device({ kind: 'smoke', name: '地下室烟感', location: { building: '2号楼' } });
    const results = await Promise.all(Array.from({ length: 25 }, () => ingest(d2.key, ev(d2.id, 'smoke'))));
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(results.filter((r) => r.body.outcome === 'raised')).toHaveLength(1);
    // Each event's answer names its own place in the count (concurrent repeats are stored together, each counted once).
    expect(results.map((r) => r.body.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const list = await s.request('GET', `/api/alerts?deviceId=${d2.id}`, { token: admin });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].count).toBe(25);

    // Once resolved, the next event opens a new alert.
    const id = list.body.items[0].id;
    expect((await s.request('POST', `/api/alerts/${id}/resolve`, { token: admin, body: { note: '误报，已复位' } })).status).toBe(200);
    const fresh = await ingest(d2.key, ev(d2.id, 'smoke'));
    expect(fresh.body.outcome).toBe('raised');
    expect(fresh.body.alertId).not.toBe(id);
  });

  it('a personal alert reaches staff without its health readings; residents never see it', async () => {
    const wang = (await s.request('GET', '/api/residents?q=王秀兰', { token: admin })).body.items[0];
    const d = await device({ kind: 'wristband', name: '测试手环', wearerResidentId: wang.id });
    const staffSock = await s.socket(admin);
    const { token: rt } = await s.loginResident('demo-wangxiulan');
    const resSock = await s.socket(rt);
    let residentGot = false;
    resSock.on('alert:raised', (a: any) => {
      if (a.audience !== 'public') residentGot = true;
    });
    const e = ev(d.id, 'heart_rate', { data: { value: 160 } });
    const pushed = nextEvent(staffSock, 'alert:raised', 5000, (a: any) => a.sourceEventId === e.eventId);
    // The notification intent for the SMS module: the grid worker, and the emergency contacts with their numbers.
    const intents: any[] = [];
    const off = s.app.bus.on('alert.notify', (n) => void intents.push(n));
    const r = await ingest(d.key, e);
    off();
    expect(intents).toHaveLength(1);
    expect(intents[0].level).toBe('grid');
    expect(intents[0].staff.map((x: any) => x.name)).toEqual(['王刚（网格员）']);
    expect(intents[0].contacts).toEqual([{ name: '王强', relation: '儿子', phone: '13905370101' }]);
    expect(r.body.outcome).toBe('raised');
    const a = await pushed;
    expect(a).toMatchObject({ type: 'heart_rate', audience: 'personal', subject: { name: '王秀兰', building: '1号楼' } });
    expect(a.data).toBeUndefined();
    // The reading as a value (…:160, or "160"): a bare 160 also turns up inside random ids and timestamps' milliseconds.
    expect(JSON.stringify(a)).not.toMatch(/:160[,}\]]|"160"/);
    // The admin (care access) opening it sees the reading; the notification trail names the grid worker.
    const full = (await s.request('GET', `/api/alerts/${r.body.alertId}`, { token: admin })).body;
    expect(full.data.value).toBe(160);
    // That read of health data is in the care audit log; lists never carry the reading.
    const audit = (await s.request('GET', `/api/care/audit?residentId=${wang.id}`, { token: admin })).body.items;
    expect(audit.some((x: any) => x.via === `GET /api/alerts/${r.body.alertId}` && x.action === 'read_health')).toBe(true);
    const listed = (await s.request('GET', '/api/alerts?audience=personal', { token: admin })).body.items.find((x: any) => x.id === r.body.alertId);
    expect(listed.data).toBeUndefined();
    const notified = full.history.find((h: any) => h.kind === 'notified');
    expect(notified.to.some((t: any) => t.name.includes('王刚'))).toBe(true);
    expect(notified.to.some((t: any) => t.kind === 'contact' && t.phone === '139****0101')).toBe(true);
    // A normal reading raises nothing.
    const ok = await ingest(d.key, ev(d.id, 'heart_rate', { data: { value: 72 } }));
    expect(ok.body.outcome).toBe('recorded');
    await new Promise((r2) => setTimeout(r2, 200));
    expect(residentGot).toBe(false);
    expect((await s.request('GET', '/api/alerts', { token: rt })).status).toBe(403);
  });
});

describe('notifying a raised alert', () => {
  it('a step whose every row is skipped (no SMS service here) records the rows and asks nothing more of the alert', async () => {
    const stillRaised = jest.spyOn(s.app.services.alerts, 'stillRaised');
    try {
      const d = await device({ kind: 'smoke', name: '6号楼楼道烟感', location: { building: '6号楼', text: '6号楼1单元楼道' } });
      const r = await ingest(d.key, ev(d.id, 'smoke'));
      expect(r.status).toBe(201);
      const rows = await waitFor('the step\'s ledger rows', async () => {
        const l = await s.request('GET', `/api/alerts/${r.body.alertId}/deliveries`, { token: admin });
        return l.body.items?.length ? l.body.items : null;
      });
      expect(rows.every((x: any) => x.channel === 'sms' && x.status === 'skipped')).toBe(true);
      // Its status is read before a send only: with nothing to send, never.
      expect(stillRaised).not.toHaveBeenCalled();
    } finally {
      stillRaised.mockRestore();
    }
  });
});
