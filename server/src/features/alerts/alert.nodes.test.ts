// Two server nodes on one database: one incident's events split across both make exactly one alert counted exactly, and a device's key rotation or disable on one node is refused on the other within a second.
import crypto from 'node:crypto';
import { REGISTRY_CHECK_MS } from '../devices/device.service';
import { startTestServer, uniqueDbName, type TestServer } from '../../test-support/harness';

let a: TestServer;
let b: TestServer;
let admin: string;

const ev = (deviceId: string, type: string) => ({ deviceId, eventId: `e-${crypto.randomBytes(6).toString('hex')}`, type, at: new Date().toISOString() });
const ingest = (node: TestServer, key: string, body: unknown) =>
  node.request('POST', '/api/alerts/ingest', { body, headers: { authorization: `Bearer ${key}` } });

async function device(body: Record<string, unknown>) {
  const r = await a.request('POST', '/api/devices', { token: admin, body });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
}

beforeAll(async () => {
  const dbName = uniqueDbName('alertnodes');
  a = await startTestServer({ dbName });
  b = await startTestServer({ dbName, seed: false });
  admin = await a.loginStaff();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

it('one incident sent to both nodes at once: one alert, its count = events accepted; after it is resolved, again one new alert', async () => {
  const d = await device({ kind: 'smoke', name: '双节点烟感', location: { building: '4号楼' } });
  const burst = () => Promise.all(Array.from({ length: 30 }, (_, i) => ingest(i % 2 ? b : a, d.key, ev(d.id, 'smoke'))));

  const first = await burst();
  expect(first.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
  expect(first.filter((r) => r.body.outcome === 'raised')).toHaveLength(1);
  const alertId = first.find((r) => r.body.outcome === 'raised')!.body.alertId;
  expect(new Set(first.map((r) => r.body.alertId))).toEqual(new Set([alertId]));
  expect(first.map((r) => r.body.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  const listed = await a.request('GET', `/api/alerts?deviceId=${d.id}`, { token: admin });
  expect(listed.body.items.map((x: { id: string; count: number }) => [x.id, x.count])).toEqual([[alertId, 30]]);

  // Both nodes now remember the incident's alert; resolved on one, the next burst opens exactly one new alert on both.
  expect((await a.request('POST', `/api/alerts/${alertId}/resolve`, { token: admin, body: { note: '已排查，误报' } })).status).toBe(200);
  const second = await burst();
  expect(second.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
  const raised = second.filter((r) => r.body.outcome === 'raised');
  expect(raised).toHaveLength(1);
  expect(raised[0]!.body.alertId).not.toBe(alertId);
  expect(new Set(second.map((r) => r.body.alertId))).toEqual(new Set([raised[0]!.body.alertId]));
  const all = await a.request('GET', `/api/alerts?deviceId=${d.id}`, { token: admin });
  expect(all.body.items.map((x: { id: string; count: number }) => [x.id, x.count])).toEqual([
    [raised[0]!.body.alertId, 30],
    [alertId, 30],
  ]);
});

it('a key rotated or a device disabled on one node is refused by the other within a registry check, though it had the device in memory', async () => {
  const d = await device({ kind: 'water_leak', name: '双节点水浸', location: { building: '6号楼' } });
  expect((await ingest(b, d.key, ev(d.id, 'water_leak'))).status).toBe(201); // b now holds the device in memory

  const rotated = await a.request('POST', `/api/devices/${d.id}/rotate-key`, { token: admin });
  expect(rotated.status).toBe(200);
  await new Promise((r) => setTimeout(r, REGISTRY_CHECK_MS + 200));
  const old = await ingest(b, d.key, ev(d.id, 'water_leak'));
  expect([old.status, old.body.error?.details?.reason]).toEqual([401, 'bad_key']);
  expect((await ingest(b, rotated.body.key, ev(d.id, 'water_leak'))).status).toBe(200);

  expect((await a.request('POST', `/api/devices/${d.id}/disable`, { token: admin })).status).toBe(200);
  await new Promise((r) => setTimeout(r, REGISTRY_CHECK_MS + 200));
  const off = await ingest(b, rotated.body.key, ev(d.id, 'water_leak'));
  expect([off.status, off.body.error?.details?.reason]).toEqual([403, 'disabled']);
});
