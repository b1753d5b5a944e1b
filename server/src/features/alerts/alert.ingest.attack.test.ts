// Issue 12, high 2: junk requests naming a smoke detector must not silence it — the key is checked first, failures are limited per source address.
import crypto from 'node:crypto';
import http from 'node:http';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { SOURCE_FAILURES_PER_MINUTE } from './alert.routes';

let s: TestServer;
let admin: string;

const ev = (deviceId: string, type: string) => ({
  deviceId,
  eventId: `e-${crypto.randomBytes(6).toString('hex')}`,
  type,
  at: new Date().toISOString(),
});

/** The attacker's requests leave from another loopback address: a source of its own (no forwarded headers involved). */
function postFrom(localAddress: string, key: string, body: unknown): Promise<{ status: number; body: any }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port: s.port, path: '/api/alerts/ingest', method: 'POST', localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${key}` },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function flood(deviceId: string, n: number) {
  const statuses: Record<number, number> = {};
  for (let i = 0; i < n; i++) {
    const r = await postFrom('127.0.0.2', `lk_junk-${crypto.randomBytes(8).toString('hex')}`, ev(deviceId, 'smoke'));
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 429) expect(r.body.error.message).toBe('设备认证失败次数过多，请稍后再试');
  }
  return statuses;
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(() => s.close());

describe('silencing an alarm with junk requests (issue 12, high 2)', () => {
  it('600 bad-key requests naming a smoke detector get the attacker refused; the detector’s real events still raise and count the alarm', async () => {
    const created = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'smoke', name: '5号楼厨房烟感', location: { building: '5号楼' } } });
    expect(created.status).toBe(201);
    const d = created.body as { id: string; key: string };
    const sock = await s.socket(admin);

    // The attack as reported: 600 junk requests naming the detector within a minute.
    expect(await flood(d.id, 600)).toEqual({ 401: SOURCE_FAILURES_PER_MINUTE, 429: 600 - SOURCE_FAILURES_PER_MINUTE });

    // The detector's real event right after: raised, pushed to staff.
    const real = ev(d.id, 'smoke');
    const pushed = nextEvent(sock, 'alert:raised', 5000, (a: any) => a.sourceEventId === real.eventId);
    const r = await s.request('POST', '/api/alerts/ingest', { body: real, headers: { authorization: `Bearer ${d.key}` } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'raised', count: 1 });
    expect((await pushed).deviceId).toBe(d.id);

    // Repeatable: another flood (all refused at once now), and the next real event is counted on the open alert.
    expect(await flood(d.id, 100)).toEqual({ 429: 100 });
    const again = await s.request('POST', '/api/alerts/ingest', { body: ev(d.id, 'smoke'), headers: { authorization: `Bearer ${d.key}` } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'deduplicated', alertId: r.body.alertId, count: 2 });

    // The junk changed nothing: one alert for the detector, counting only the two real events.
    const list = await s.request('GET', `/api/alerts?deviceId=${d.id}`, { token: admin });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: r.body.alertId, count: 2 });
    // Rejections are still counted (the refused 429s never reached the pipeline).
    const stats = await s.request('GET', '/api/alerts/stats', { token: admin });
    expect(stats.body.rejected.http.bad_key).toBe(SOURCE_FAILURES_PER_MINUTE);
  }, 60_000);

  it('a source over its failure allowance is refused even with a valid-looking request, and the refusal changes nothing', async () => {
    const d = (await s.request('POST', '/api/devices', { token: admin, body: { kind: 'water_leak', name: '地下室水浸' } })).body as { id: string; key: string };
    for (let i = 0; i < SOURCE_FAILURES_PER_MINUTE; i++) expect((await postFrom('127.0.0.3', 'lk_junk-0000000000', ev(d.id, 'water_leak'))).status).toBe(401);
    // Over its allowance, the source is refused before any look-up, even with the real key (that key works from anywhere else).
    const r = await postFrom('127.0.0.3', d.key, ev(d.id, 'water_leak'));
    expect(r.status).toBe(429);
    expect((await s.request('GET', `/api/alerts?deviceId=${d.id}`, { token: admin })).body.items).toHaveLength(0);
  });
});
