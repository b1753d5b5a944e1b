// MQTT ingestion against a real Mosquitto: same validation and result as HTTP, bad messages counted without harm, broker outage survived with reconnect.
import crypto from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { startMosquitto, type Broker } from './mosquitto';

let broker: Broker;
let s: TestServer;
let admin: string;
let pub: MqttClient;

const topic = (deviceId: string) => `linli/beimen/devices/${deviceId}/events`;
const mk = (type: string, extra: Record<string, unknown> = {}) => ({
  eventId: `m-${crypto.randomBytes(6).toString('hex')}`,
  type,
  at: new Date().toISOString(),
  ...extra,
});

async function waitFor(cond: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const stats = async () => (await s.request('GET', '/api/alerts/stats', { token: admin })).body;

beforeAll(async () => {
  broker = await startMosquitto();
  s = await startTestServer({ env: { MQTT_URL: broker.url, MQTT_CLIENT_ID: `linli-test-${crypto.randomBytes(3).toString('hex')}` } });
  admin = await s.loginStaff();
  await waitFor(async () => (await stats()).mqtt.connected);
  pub = await mqtt.connectAsync(broker.url, { clientId: `dev-sim-${crypto.randomBytes(3).toString('hex')}`, reconnectPeriod: 200 });
}, 30_000);
afterAll(async () => {
  await pub?.endAsync(true).catch(() => undefined);
  await s?.close();
  await broker?.stop();
});

async function device(body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/devices', { token: admin, body });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
}

describe('MQTT ingestion', () => {
  it('an event published to the device topic raises the same alert the webhook would, and pushes alert:raised', async () => {
    const d = await device({ kind: 'smoke', name: '3号楼配电间烟感', location: { building: '3号楼', text: '3号楼配电间' } });
    const sock = await s.socket(admin);
    const e = mk('smoke');
    const pushed = nextEvent(sock, 'alert:raised', 5000, (a: any) => a.sourceEventId === e.eventId);
    await pub.publishAsync(topic(d.id), JSON.stringify({ ...e, key: d.key }), { qos: 1 });
    const a = await pushed;
    expect(a).toMatchObject({ type: 'smoke', audience: 'public', severity: 'critical', status: 'raised', count: 1, deviceId: d.id });
    expect(a.title).toBe('3号楼配电间 烟雾报警');

    // The same device over HTTP: the open alert is bumped, not duplicated (one pipeline, one result).
    const viaHttp = await s.request('POST', '/api/alerts/ingest', {
      body: { deviceId: d.id, ...mk('smoke') },
      headers: { authorization: `Bearer ${d.key}` },
    });
    expect(viaHttp.body).toMatchObject({ outcome: 'deduplicated', alertId: a.id, count: 2 });

    // Replaying an MQTT event id over HTTP is a replay too.
    const replay = await s.request('POST', '/api/alerts/ingest', { body: { deviceId: d.id, ...e }, headers: { authorization: `Bearer ${d.key}` } });
    expect(replay.status).toBe(409);
  });

  it('rejects and counts malformed, unauthenticated, replayed and mismatched messages without crashing', async () => {
    const d = await device({ kind: 'trash_bin', name: '2号楼垃圾桶', location: { building: '2号楼' } });
    const before = await stats();
    const good = mk('trash_overflow');
    const send = (t: string, payload: string | Buffer) => pub.publishAsync(t, payload, { qos: 1 });
    await send(topic(d.id), JSON.stringify({ ...good, key: d.key }));
    await send(topic(d.id), JSON.stringify({ ...good, key: d.key })); // replay
    await send(topic(d.id), '{not json');
    await send(topic(d.id), Buffer.from([0xff, 0xfe, 0x00]));
    await send(topic(d.id), JSON.stringify({ ...mk('trash_overflow'), key: 'lk_not-the-key-0000' }));
    await send(topic(d.id), JSON.stringify({ ...mk('volcano'), key: d.key }));
    await send(topic(d.id), JSON.stringify({ ...mk('smoke'), key: d.key })); // not a smoke sensor
    await send(topic(d.id), JSON.stringify({ ...mk('trash_overflow', { at: new Date(Date.now() + 3600_000).toISOString() }), key: d.key }));
    await send(topic('0123456789abcdef01234567'), JSON.stringify({ ...mk('trash_overflow'), key: d.key }));
    await send(topic('not-an-id'), JSON.stringify({ ...mk('trash_overflow'), key: d.key }));
    await send(topic(d.id), JSON.stringify({ ...mk('trash_overflow'), deviceId: '0123456789abcdef01234567', key: d.key }));
    const diff = (after: any, k: string) => after.rejected.mqtt[k] - before.rejected.mqtt[k];
    await waitFor(async () => {
      const a = await stats();
      return a.accepted.mqtt.raised - before.accepted.mqtt.raised === 1 && diff(a, 'malformed') === 5;
    });
    const after = await stats();
    expect(diff(after, 'replay')).toBe(1);
    expect(diff(after, 'bad_key')).toBe(1);
    expect(diff(after, 'type_not_allowed')).toBe(1);
    expect(diff(after, 'stale')).toBe(1);
    expect(diff(after, 'unknown_device')).toBe(1);
    expect((await s.request('GET', `/api/alerts?deviceId=${d.id}`, { token: admin })).body.items[0].count).toBe(1);
  });

  it('keeps serving while the broker is down, reconnects when it is back, and ingests again', async () => {
    const d = await device({ kind: 'water_leak', name: '6号楼地下室水浸', location: { building: '6号楼' } });
    await broker.stop();
    await waitFor(async () => !(await stats()).mqtt.connected);
    expect((await s.request('GET', '/api/health')).status).toBe(200);
    const http = await s.request('POST', '/api/alerts/ingest', { body: { deviceId: d.id, ...mk('device_offline') }, headers: { authorization: `Bearer ${d.key}` } });
    expect(http.status).toBe(201);

    await broker.start();
    await waitFor(async () => (await stats()).mqtt.connected, 15_000);
    expect((await stats()).mqtt.reconnects).toBeGreaterThan(0);
    await waitFor(async () => pub.connected, 15_000);
    const sock = await s.socket(admin);
    const e = mk('water_leak');
    const pushed = nextEvent(sock, 'alert:raised', 8000, (a: any) => a.sourceEventId === e.eventId);
    // The subscription is restored on reconnect; publish until it is (the broker keeps no state across its restart).
    const timer = setInterval(() => void pub.publishAsync(topic(d.id), JSON.stringify({ ...e, key: d.key }), { qos: 1 }).catch(() => undefined), 300);
    try {
      const a = await pushed;
      expect(a.type).toBe('water_leak');
    } finally {
      clearInterval(timer);
    }
  }, 40_000);
});
