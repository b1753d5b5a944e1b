// Issue 12, high 3 and 4, against a real Mosquitto run with the accounts the server keeps: no anonymous clients, no keys in payloads, a device publishes only to its own topic, and nobody takes the server's session.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { startMosquitto, type Broker } from './mosquitto';

const SERVER_USER = 'linli-server-beimen';
const SERVER_PASSWORD = `srv-${crypto.randomBytes(12).toString('hex')}`;

let broker: Broker;
let s: TestServer;
let admin: string;
const clients: MqttClient[] = [];

const topic = (deviceId: string) => `linli/beimen/devices/${deviceId}/events`;
const mk = (type: string) => ({ eventId: `a-${crypto.randomBytes(6).toString('hex')}`, type, at: new Date().toISOString() });
const stats = async () => (await s.request('GET', '/api/alerts/stats', { token: admin })).body;

async function waitFor(cond: () => Promise<boolean> | boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One connection attempt; resolves with the client or the broker's refusal. */
async function connect(opts: IClientOptions): Promise<MqttClient | Error> {
  try {
    const c = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, connectTimeout: 3000, ...opts });
    clients.push(c);
    return c;
  } catch (err) {
    return err as Error;
  }
}

/** A device logs in with its id and key; the broker applies a change a moment after the server's SIGHUP, so retry briefly. */
async function connectDevice(id: string, key: string, extra: IClientOptions = {}): Promise<MqttClient> {
  let last: MqttClient | Error = new Error('not tried');
  for (let i = 0; i < 30; i++) {
    last = await connect({ username: id, password: key, ...extra });
    if (!(last instanceof Error)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw last;
}

async function device(body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/devices', { token: admin, body });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
}

/** Everything a client receives. */
function record(c: MqttClient) {
  const got: { topic: string; payload: string }[] = [];
  c.on('message', (t, p) => got.push({ topic: t, payload: p.toString() }));
  return got;
}

beforeAll(async () => {
  broker = await startMosquitto({ accounts: true });
  s = await startTestServer({
    env: {
      MQTT_URL: broker.url,
      MQTT_USERNAME: SERVER_USER,
      MQTT_PASSWORD: SERVER_PASSWORD,
      MQTT_BROKER_AUTH_DIR: broker.authDir!,
      MQTT_BROKER_PID_FILE: broker.pidFile!,
    },
  });
  admin = await s.loginStaff();
  await waitFor(async () => (await stats()).mqtt.connected);
}, 30_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await s?.close();
  await broker?.stop();
});

describe('device accounts on the broker (issue 12, high 3)', () => {
  it('the server keeps the broker files: hashed passwords, its own read-only account, each device writing to its own topic only', async () => {
    const d = await device({ kind: 'smoke', name: '1号楼烟感' });
    const passwd = fs.readFileSync(path.join(broker.authDir!, 'passwd'), 'utf8');
    const acl = fs.readFileSync(path.join(broker.authDir!, 'acl'), 'utf8');
    expect(passwd).toMatch(new RegExp(`^${SERVER_USER}:\\$7\\$`, 'm'));
    expect(passwd).toMatch(new RegExp(`^${d.id}:\\$7\\$`, 'm'));
    expect(passwd).not.toContain(d.key);
    expect(passwd).not.toContain(SERVER_PASSWORD);
    expect(acl).toContain(`user ${SERVER_USER}\ntopic read linli/+/devices/+/events`);
    expect(acl).toContain(`user ${d.id}\ntopic write ${topic(d.id)}`);
    expect(fs.statSync(path.join(broker.authDir!, 'passwd')).mode & 0o007).toBe(0);
  });

  it('anonymous clients and wrong passwords are refused', async () => {
    const d = await device({ kind: 'smoke', name: '2号楼烟感' });
    expect(await connect({ clientId: 'anon-sniffer' })).toBeInstanceOf(Error);
    expect(await connect({ username: d.id, password: 'lk_wrong-key-000000000000' })).toBeInstanceOf(Error);
    expect(await connect({ username: SERVER_USER, password: d.key })).toBeInstanceOf(Error);
  });

  it('a device publishes with no secret in its payload; a subscriber to linli/# with another device’s account harvests nothing and cannot publish as the victim', async () => {
    const victim = await device({ kind: 'smoke', name: '5号楼配电间烟感', location: { building: '5号楼', text: '5号楼配电间' } });
    const attacker = await device({ kind: 'smoke', name: '攻击者的烟感' });
    const sniffer = await connectDevice(attacker.id, attacker.key);
    const harvested = record(sniffer);
    await sniffer.subscribeAsync(['linli/#', '#'], { qos: 1 });

    const sock = await s.socket(admin);
    const real = mk('smoke');
    const pushed = nextEvent(sock, 'alert:raised', 8000, (a: any) => a.sourceEventId === real.eventId);
    const pub = await connectDevice(victim.id, victim.key);
    await pub.publishAsync(topic(victim.id), JSON.stringify(real), { qos: 1 });
    const alert = await pushed;
    expect(alert).toMatchObject({ type: 'smoke', deviceId: victim.id, count: 1, title: '5号楼配电间 烟雾报警' });

    // The attacker forges an event on the victim's topic, then sends a marker on its own: once the marker is in, the forgery had its chance.
    const forged = mk('smoke');
    await sniffer.publishAsync(topic(victim.id), JSON.stringify(forged), { qos: 1 });
    const marker = mk('heartbeat');
    const before = await stats();
    await sniffer.publishAsync(topic(attacker.id), JSON.stringify(marker), { qos: 1 });
    await waitFor(async () => (await stats()).accepted.mqtt.recorded === before.accepted.mqtt.recorded + 1);

    expect(harvested).toEqual([]);
    const list = await s.request('GET', `/api/alerts?deviceId=${victim.id}`, { token: admin });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: alert.id, count: 1 });
    expect((await stats()).rejected.mqtt).toEqual(before.rejected.mqtt);
  });

  it('disabling a device drops its connection and refuses it; rotating its key retires the old password', async () => {
    const d = await device({ kind: 'water_leak', name: '地下车库水浸' });
    const c = await connectDevice(d.id, d.key);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    expect((await s.request('POST', `/api/devices/${d.id}/disable`, { token: admin })).status).toBe(200);
    await closed;
    expect(await connect({ username: d.id, password: d.key })).toBeInstanceOf(Error);

    expect((await s.request('POST', `/api/devices/${d.id}/enable`, { token: admin })).status).toBe(200);
    (await connectDevice(d.id, d.key)).end(true);
    const rotated = await s.request('POST', `/api/devices/${d.id}/rotate-key`, { token: admin });
    expect(rotated.status).toBe(200);
    const fresh = await connectDevice(d.id, rotated.body.key);
    expect(fresh.connected).toBe(true);
    expect(await connect({ username: d.id, password: d.key })).toBeInstanceOf(Error);
  });
});

describe("the server's session (issue 12, high 4)", () => {
  it("a device account connecting with the server's client id and a persistent session takes nothing: the smoke event still raises the alert", async () => {
    const victim = await device({ kind: 'smoke', name: '7号楼烟感', location: { text: '7号楼楼道' } });
    const attacker = await device({ kind: 'smoke', name: '劫持者' });
    const before = (await stats()).mqtt;
    expect(before.connected).toBe(true);

    // The attack as reported: the server's client id, a persistent session, a subscription to everything.
    const hijacker = await connectDevice(attacker.id, attacker.key, { clientId: SERVER_USER, clean: false });
    const stolen = record(hijacker);
    await hijacker.subscribeAsync('linli/#', { qos: 1 });

    const sock = await s.socket(admin);
    const e = mk('smoke');
    const pushed = nextEvent(sock, 'alert:raised', 8000, (a: any) => a.sourceEventId === e.eventId);
    const pub = await connectDevice(victim.id, victim.key);
    await pub.publishAsync(topic(victim.id), JSON.stringify(e), { qos: 1 });
    expect(await pushed).toMatchObject({ type: 'smoke', deviceId: victim.id, status: 'raised' });

    expect(stolen).toEqual([]);
    expect(hijacker.connected).toBe(true); // it got a session, but its own (the broker named it after its account)
    const after = (await stats()).mqtt;
    expect(after).toEqual(before); // the server was never thrown off: still connected, no reconnect
  });
});

describe('the shipped broker configuration (deploy/mosquitto/linli.conf)', () => {
  const conf = fs.readFileSync(path.join(__dirname, '../../../../deploy/mosquitto/linli.conf'), 'utf8');
  const lines = conf.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('is not anonymous, uses the files the server keeps, and ties every client id to its username on every listener', () => {
    expect(lines).toContain('allow_anonymous false');
    expect(lines.some((l) => /^allow_anonymous\s+true/.test(l))).toBe(false);
    expect(lines.some((l) => l.startsWith('password_file '))).toBe(true);
    expect(lines.some((l) => l.startsWith('acl_file '))).toBe(true);
    // A listener-scoped option before the first listener would open a default anonymous-settings listener on 1883.
    const sections = lines.join('\n').split(/^listener /m).slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(2);
    for (const sec of sections) expect(sec).toMatch(/^use_username_as_clientid true$/m);
    expect(lines.indexOf('use_username_as_clientid true')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('listener ')));
    // Devices connect over TLS on 8883; plain MQTT only on loopback.
    expect(sections.find((sec) => sec.startsWith('8883'))).toMatch(/^certfile /m);
    expect(sections.filter((sec) => !/^certfile /m.test(sec)).every((sec) => /^\d+ 127\.0\.0\.1/.test(sec))).toBe(true);
  });
});
