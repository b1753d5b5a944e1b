// Escalation policies as data: admins edit a type's steps and repeats; an SOS then follows exactly those steps, rounds and channels until acknowledged.
import crypto from 'node:crypto';
import { startTestServer, type TestServer } from '../../test-support/harness';

// 60 s steps × 0.01 → 0.6 s.
const env = { ALERT_ESCALATION_SCALE: '0.01' };
let s: TestServer;
let admin: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  s = await startTestServer({ env });
  admin = await s.loginStaff();
});
afterAll(() => s.close());

async function sosFrom(residentName: string) {
  const rid = (await s.request('GET', `/api/residents?q=${encodeURIComponent(residentName)}`, { token: admin })).body.items[0].id;
  const d = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: `${residentName}的手环`, wearerResidentId: rid } });
  expect(d.status).toBe(201);
  const body = { deviceId: d.body.id, eventId: `p-${crypto.randomBytes(6).toString('hex')}`, type: 'sos', at: new Date().toISOString() };
  const r = await s.request('POST', '/api/alerts/ingest', { body, headers: { authorization: `Bearer ${d.body.key}` } });
  expect(r.status).toBe(201);
  return r.body.alertId as string;
}

it('every type has a policy; the defaults are marked and SOS repeats', async () => {
  const r = await s.request('GET', '/api/alerts/policies', { token: await s.loginStaff('zhangli') });
  expect(r.status).toBe(200);
  expect(r.body.items).toHaveLength(9);
  expect(r.body.items.every((p: any) => p.isDefault)).toBe(true);
  const sos = r.body.items.find((p: any) => p.type === 'sos');
  expect(sos.steps.map((x: any) => x.level)).toEqual(['grid', 'duty', 'all']);
  expect(sos.steps[0]).toMatchObject({ channels: ['sms', 'voice', 'bot'], contacts: true, waitSeconds: 180 });
  expect(sos.repeat).toBe(2);
});

it('only admins change a policy; a bad policy is refused in Chinese and changes nothing', async () => {
  const good = { steps: [{ level: 'grid', channels: ['sms'], contacts: false, waitSeconds: 60 }], repeat: 0 };
  expect((await s.request('PUT', '/api/alerts/policies/sos', { token: await s.loginStaff('zhangli'), body: good })).status).toBe(403);
  for (const bad of [
    { steps: [], repeat: 0 },
    { steps: [{ level: 'grid', channels: ['sms'], contacts: false, waitSeconds: 5 }] },
    { steps: [{ level: 'boss', channels: ['sms'], contacts: false, waitSeconds: 60 }] },
    { steps: [{ level: 'grid', channels: ['sms', 'sms'], contacts: false, waitSeconds: 60 }] },
    { ...good, repeat: 9 },
  ]) {
    const r = await s.request('PUT', '/api/alerts/policies/sos', { token: admin, body: bad });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect((await s.request('PUT', '/api/alerts/policies/nonsense', { token: admin, body: good })).status).toBe(422);
  const sos = (await s.request('GET', '/api/alerts/policies', { token: admin })).body.items.find((p: any) => p.type === 'sos');
  expect(sos.isDefault).toBe(true);
});

it('an SOS follows the edited steps: who, which channels, contacts at the chosen step, one repeat, then it stops', async () => {
  const policy = {
    steps: [
      { level: 'grid', channels: ['sms'], contacts: false, waitSeconds: 60 },
      { level: 'duty', channels: ['sms', 'voice'], contacts: true, waitSeconds: 60 },
    ],
    repeat: 1,
  };
  const put = await s.request('PUT', '/api/alerts/policies/sos', { token: admin, body: policy });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ type: 'sos', isDefault: false, repeat: 1 });

  const heard: Array<{ level: string; channels: string[]; contacts: number; round: number }> = [];
  const off = s.app.bus.on('alert.notify', (e) => {
    heard.push({ level: e.level, channels: e.channels, contacts: e.contacts.length, round: e.alert.round ?? 0 });
  });
  try {
    // 王秀兰's seeded care profile names an emergency contact.
    const id = await sosFrom('王秀兰');
    let a: any;
    const end = Date.now() + 15_000;
    do {
      await sleep(200);
      a = (await s.request('GET', `/api/alerts/${id}`, { token: admin })).body;
    } while (a.nextEscalationAt && Date.now() < end);
    expect(heard).toEqual([
      { level: 'grid', channels: ['sms'], contacts: 0, round: 0 },
      { level: 'duty', channels: ['sms', 'voice'], contacts: 1, round: 0 },
      { level: 'grid', channels: ['sms'], contacts: 0, round: 1 },
      { level: 'duty', channels: ['sms', 'voice'], contacts: 1, round: 1 },
    ]);
    expect(a).toMatchObject({ status: 'raised', level: 'duty', round: 1 });
    expect(a.nextLevel).toBeUndefined();
    const notes = a.history.filter((h: any) => h.kind === 'escalated').map((h: any) => h.note);
    expect(notes).toHaveLength(3);
    expect(notes[1]).toContain('第 2 轮');
    await sleep(1500);
    expect(heard).toHaveLength(4);
    expect((await s.request('POST', `/api/alerts/${id}/ack`, { token: admin, body: {} })).status).toBe(200);
  } finally {
    off();
  }

  // Back to the default: a new SOS starts with the grid worker, SMS and call, contacts included.
  const reset = await s.request('DELETE', '/api/alerts/policies/sos', { token: admin });
  expect(reset.body).toMatchObject({ isDefault: true, repeat: 2 });
  heard.length = 0;
  const off2 = s.app.bus.on('alert.notify', (e) => void heard.push({ level: e.level, channels: e.channels, contacts: e.contacts.length, round: 0 }));
  try {
    const id = await sosFrom('王秀兰');
    await sleep(200);
    expect(heard[0]).toMatchObject({ level: 'grid', channels: ['sms', 'voice', 'bot'], contacts: 1 });
    expect((await s.request('POST', `/api/alerts/${id}/ack`, { token: admin, body: {} })).status).toBe(200);
  } finally {
    off2();
  }
});
