// Issue 19 end to end: a notice to 3号楼 with the broadcast channel → TTS through the SDK against a signature-checking fake → play commands over a real Mosquitto to that zone's speakers only → they fetch the audio from the signed URL and acknowledge → the delivery ledger; offline speakers, the per-speaker queue, a restart between scheduling and playing, alerts.
import crypto from 'node:crypto';
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { startFakeTencent, type FakeTencent } from '../../test-support/fake-tencent';
import { freePort, startMosquitto, type Broker } from '../alerts/mosquitto';
import { startSpeakerSim, type SimulatedSpeaker } from './speaker.simulator';
import { wavFromPcm } from './broadcast.tts';

const SECRET_ID = 'AKIDbroadcasttest000000000000';
const SECRET_KEY = 'broadcast-test-secret-key-0000000';
const SERVER_PASSWORD = `srv-${crypto.randomBytes(12).toString('hex')}`;

/** `ms` of a 440 Hz tone as 16 kHz 16-bit mono PCM, what TextToVoice answers with Codec pcm. */
function tone(ms: number): Buffer {
  const n = Math.round((16000 * ms) / 1000);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), i * 2);
  return b;
}
const TONE = tone(800);

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let broker: Broker;
let fake: FakeTencent;
let s: TestServer;
let admin: string;
let port: number;
const sims: SimulatedSpeaker[] = [];
const speakers: Record<string, { id: string; key: string }> = {};

async function register(name: string, zones: string[]) {
  const r = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'speaker', name, zones, location: { text: name } } });
  expect(r.status).toBe(201);
  speakers[name] = { id: r.body.id, key: r.body.key };
  return speakers[name]!;
}

async function sim(name: string, playMs = 0) {
  const sp = speakers[name]!;
  const x = await startSpeakerSim({ url: broker.url, communityId: 'beimen', deviceId: sp.id, key: sp.key, playMs });
  sims.push(x);
  return x;
}

const broadcast = async (id: string) => (await s.request('GET', `/api/broadcasts/${id}`, { token: admin })).body;

beforeAll(async () => {
  broker = await startMosquitto({ accounts: true });
  fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  fake.behave('TextToVoice', (c) => ({ Audio: TONE.toString('base64'), SessionId: c.body.SessionId }));
  port = await freePort();
  s = await startTestServer({
    port,
    env: {
      MQTT_URL: broker.url,
      MQTT_USERNAME: 'linli-server-beimen',
      MQTT_PASSWORD: SERVER_PASSWORD,
      MQTT_BROKER_AUTH_DIR: broker.authDir!,
      MQTT_BROKER_PID_FILE: broker.pidFile!,
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_TTS_ENDPOINT: fake.endpoint,
      BROADCAST_AUDIO_BASE_URL: `http://127.0.0.1:${port}`,
      // Never quiet during this file (a window of one minute, twelve hours away); quiet hours have their own server below.
      BROADCAST_QUIET_HOURS: quietWindow(12 * 60),
    },
  });
  admin = await s.loginStaff();
  // The demo's own speakers stand aside: this file brings its own, with simulators.
  for (const d of (await s.request('GET', '/api/devices?kind=speaker', { token: admin })).body.items) {
    expect((await s.request('POST', `/api/devices/${d.id}/disable`, { token: admin })).status).toBe(200);
  }
  await register('3号楼东音柱', ['3号楼']);
  await register('3-4号楼中庭音柱', ['3号楼', '4号楼']);
  await register('5号楼音柱', ['5号楼']);
  await register('3号楼西音柱（断电）', ['3号楼']);
  await sim('3号楼东音柱');
  await sim('3-4号楼中庭音柱');
  await sim('5号楼音柱');
}, 60_000);

afterAll(async () => {
  await Promise.all(sims.map((x) => x.close()));
  await s?.close();
  await fake?.close();
  await broker?.stop();
});

/** A Shanghai HH:MM-HH:MM window starting `fromMin` minutes from now (negative: already started), lasting `lenMin`. */
function quietWindow(fromMin: number, lenMin = 1): string {
  const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  const from = new Date(Date.now() + fromMin * 60_000);
  return `${hhmm(from)}-${hhmm(new Date(from.getTime() + lenMin * 60_000))}`;
}

describe('speakers', () => {
  it('are devices of kind speaker with zones, listed with their online state; the powered-off one is offline', async () => {
    const list = await waitFor('three speakers online', async () => {
      const r = await s.request('GET', '/api/broadcasts/speakers', { token: admin });
      return r.body.items.filter((x: any) => x.online).length === 3 ? r.body.items.filter((x: any) => x.enabled) : null;
    });
    const byName = Object.fromEntries(list.map((x: any) => [x.name, x]));
    expect(byName['3号楼东音柱']).toMatchObject({ zones: ['3号楼'], online: true });
    expect(byName['3号楼西音柱（断电）']).toMatchObject({ online: false });
    const dev = await s.request('GET', `/api/devices/${speakers['3-4号楼中庭音柱']!.id}`, { token: admin });
    expect(dev.body).toMatchObject({ kind: 'speaker', zones: ['3号楼', '4号楼'] });
    // Zones are for speakers only; a Chinese error and nothing registered.
    const bad = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'smoke', name: '烟感', zones: ['3号楼'] } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('只有广播音柱可以设置覆盖楼栋');
  });

  it('a speaker account may not listen to another speaker’s commands (broker ACL)', async () => {
    const east = sims[0]!;
    const got: string[] = [];
    east.client.on('message', (t) => got.push(t));
    // Mosquitto may refuse the subscription outright or accept it and deliver nothing: either way nothing may arrive.
    await east.client.subscribeAsync(`linli/beimen/speakers/${speakers['5号楼音柱']!.id}/play`, { qos: 1 }).catch(() => undefined);
    const r = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '5号楼测试广播', zones: { buildings: ['5号楼'] } } });
    expect(r.status).toBe(201);
    await waitFor('5号楼 speaker played', async () => {
      const rows = (await broadcast(r.body.id)).deliveries;
      return rows.length === 1 && rows[0].status === 'played';
    });
    expect(got.filter((t) => t.includes(speakers['5号楼音柱']!.id))).toEqual([]);
  });
});

describe('a notice to 3号楼 with the broadcast channel', () => {
  it('is synthesized through the SDK, played by that zone’s speakers only from the signed URL, acknowledged, and in the delivery ledger', async () => {
    const heardBefore = sims.map((x) => x.heard.length);
    const ttsBefore = fake.calls.filter((c) => c.action === 'TextToVoice').length;
    const notice = await s.request('POST', '/api/notices', {
      token: admin,
      body: {
        title: '3号楼停水通知',
        body: '明天上午8点到12点3号楼停水，请提前储水。',
        category: '停水停电',
        audience: { buildings: ['3号楼'] },
        channels: ['feed', 'broadcast'],
      },
    });
    expect(notice.status).toBe(201);
    expect(notice.body.channels).toEqual(['feed', 'broadcast']);

    const item = await waitFor('the notice’s broadcast', async () => {
      const l = await s.request('GET', '/api/broadcasts', { token: admin });
      return l.body.items.find((b: any) => b.noticeId === notice.body.id);
    });
    const b = await waitFor('both online 3号楼 speakers played', async () => {
      const d = await broadcast(item.id);
      return d.deliveries.filter((x: any) => x.status === 'played').length === 2 ? d : null;
    });

    // TTS: the notice's text, signed with our key, through the official SDK.
    const calls = fake.calls.filter((c) => c.action === 'TextToVoice').slice(ttsBefore);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signatureValid).toBe(true);
    expect(calls[0]!.version).toBe('2019-08-23');
    expect(calls[0]!.body.Text).toContain('明天上午8点到12点3号楼停水，请提前储水');

    // Only the two online 3号楼 speakers were told; the 5号楼 speaker heard nothing.
    const [east, atrium, five] = sims;
    expect(five!.heard.length - heardBefore[2]!).toBe(0);
    for (const [sp, before] of [[east!, heardBefore[0]!], [atrium!, heardBefore[1]!]] as const) {
      const got = sp.heard.slice(before);
      expect(got).toHaveLength(1);
      expect(got[0]!.topic).toBe(`linli/beimen/speakers/${sp.id}/play`);
      expect(got[0]!.cmd).toMatchObject({ text: expect.stringContaining('3号楼停水'), repeat: 1, urgent: false, mime: 'audio/wav' });
      expect(got[0]!.cmd.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/uploads/[0-9a-f]{24}\\?c=beimen&exp=\\d+&sig=`));
      // A real audio file: the WAV made from the TTS audio, byte for byte.
      expect(got[0]!.fetched.status).toBe(200);
      expect(got[0]!.fetched.mime).toBe('audio/wav');
      expect(got[0]!.fetched.bytes.equals(wavFromPcm(Buffer.concat([TONE, Buffer.alloc(16000)])))).toBe(true);
    }
    // Unsigned or tampered: refused.
    const url = new URL(east!.heard.at(-1)!.cmd.url);
    url.searchParams.set('sig', 'x'.repeat(43));
    expect((await fetch(url)).status).toBe(401);

    // The ledger: played with its history, the powered-off speaker reported offline, nothing for 5号楼.
    const rows = Object.fromEntries(b.deliveries.map((d: any) => [d.speaker.name, d]));
    expect(Object.keys(rows).sort()).toEqual(['3-4号楼中庭音柱', '3号楼东音柱', '3号楼西音柱（断电）'].sort());
    const hist = rows['3号楼东音柱'].history;
    expect(hist[0].status).toBe('queued');
    expect(hist.at(-1)).toMatchObject({ status: 'played', note: '音柱已播放' });
    expect(hist.map((h: any) => h.status)).toContain('sent');
    expect(rows['3号楼西音柱（断电）']).toMatchObject({ status: 'offline', reason: '音柱离线' });
    expect(b).toMatchObject({ source: 'notice', status: 'done', zoneLabel: '3号楼' });

    // The same ledger as SMS and calls: rows of the notifications collection, channel speaker.
    const conn = await mongoose.createConnection(s.mongoUri).asPromise();
    try {
      const stored = await conn.collection('notification_deliveries').find({ broadcastId: item.id }).toArray();
      expect(stored.map((r) => r.channel)).toEqual(['speaker', 'speaker', 'speaker']);
      expect(stored.every((r) => r.nextAttemptAt === undefined && r.providerIds === undefined)).toBe(true);
    } finally {
      await conn.close();
    }
  });
});

describe('rules', () => {
  it('two announcements to the same speaker never overlap: the second starts after the first has ended', async () => {
    const east = sims[0]!;
    const before = east.heard.length;
    const first = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '第一条：今晚7点在3号楼前开居民会。', zones: { buildings: ['3号楼'] }, repeat: 2 } });
    const second = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '第二条：请3号楼居民关好门窗。', zones: { buildings: ['3号楼'] } } });
    expect([first.status, second.status]).toEqual([201, 201]);
    await waitFor('both heard by the east speaker', async () => east.heard.length - before >= 2);
    const [a, bb] = east.heard.slice(before);
    expect(a!.cmd.text).toContain('第一条');
    expect(bb!.cmd.text).toContain('第二条');
    const dur = first.body.audio.durationMs as number;
    expect(dur).toBeGreaterThan(0);
    const aStart = a!.cmd.at ? Date.parse(a!.cmd.at) : a!.receivedAt;
    expect(bb!.cmd.at).toBeDefined();
    expect(Date.parse(bb!.cmd.at!)).toBeGreaterThanOrEqual(aStart + dur * 2);
  });

  it('a broadcast scheduled for later survives a restart of the server and plays at its time', async () => {
    const east = sims[0]!;
    const at = new Date(Date.now() + 4000).toISOString();
    const r = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '定时广播：明早8点3号楼停电检修。', zones: { buildings: ['3号楼'] }, times: [at] } });
    expect(r.status).toBe(201);
    expect(r.body.plays).toEqual([{ at, status: 'waiting' }]);
    s = await s.restart();
    admin = await s.loginStaff();
    const d = await waitFor('the scheduled broadcast played after the restart', async () => {
      const x = await broadcast(r.body.id);
      return x.status === 'done' && x.deliveries.filter((y: any) => y.status === 'played').length === 2 ? x : null;
    }, 20_000);
    expect(d.plays[0].status).toBe('sent');
    const heard = east.heard.filter((h) => h.cmd.text.startsWith('定时广播'));
    expect(heard).toHaveLength(1);
    expect(heard[0]!.receivedAt).toBeGreaterThanOrEqual(Date.parse(at));
  });

  it('several play times (8:00 and 18:00 on two days, here seconds apart) each play once; cancelling stops the ones to come', async () => {
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    const r = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '多次广播：后天停水，请储水。', zones: { buildings: ['4号楼'] }, times: [soon(1500), soon(3000)] } });
    expect(r.status).toBe(201);
    expect(r.body.plays).toHaveLength(2);
    const done = await waitFor('both plays played', async () => {
      const x = await broadcast(r.body.id);
      return x.status === 'done' && x.deliveries.filter((d: any) => d.status === 'played').length === 2 ? x : null;
    });
    // The 4号楼 zone is the atrium speaker alone: one row per play.
    expect(done.deliveries.map((d: any) => [d.play, d.speaker.name])).toEqual([[0, '3-4号楼中庭音柱'], [1, '3-4号楼中庭音柱']]);

    const later = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '取消的广播。', zones: { buildings: ['4号楼'] }, times: [soon(60_000), soon(120_000)] } });
    const c = await s.request('POST', `/api/broadcasts/${later.body.id}/cancel`, { token: admin });
    expect(c.status).toBe(200);
    expect(c.body.plays.map((p: any) => p.status)).toEqual(['cancelled', 'cancelled']);
    for (const i of [0, 1]) expect((await s.app.scheduler.get(`broadcast:${later.body.id}:${i}`))?.status).toBe('cancelled');
    expect((await s.request('POST', `/api/broadcasts/${later.body.id}/cancel`, { token: admin })).status).toBe(409);
  });

  it('bad input is refused in Chinese and changes nothing', async () => {
    const before = (await s.request('GET', '/api/broadcasts?limit=100', { token: admin })).body.items.length;
    const cases = [
      { text: '没有区域' },
      { text: '空区域', zones: {} },
      { zones: { all: true } },
      { text: '过去的时间', zones: { all: true }, times: ['2020-01-01T00:00:00+08:00'] },
      { text: '重复太多', zones: { all: true }, repeat: 9 },
      { text: '太远的时间', zones: { all: true }, times: [new Date(Date.now() + 90 * 86_400_000).toISOString()] },
    ];
    for (const body of cases) {
      const r = await s.request('POST', '/api/broadcasts', { token: admin, body });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A grid worker (1–3号楼) may not speak to the whole estate or to 5号楼.
    const grid = await s.loginStaff('wanggang');
    expect((await s.request('POST', '/api/broadcasts', { token: grid, body: { text: '全小区', zones: { all: true } } })).status).toBe(403);
    expect((await s.request('POST', '/api/broadcasts', { token: grid, body: { text: '5号楼', zones: { buildings: ['5号楼'] } } })).status).toBe(403);
    expect((await s.request('GET', '/api/broadcasts?limit=100', { token: admin })).body.items.length).toBe(before);
  });
});

describe('alerts that speak where they happen', () => {
  async function device(kind: string, name: string, building: string) {
    const r = await s.request('POST', '/api/devices', { token: admin, body: { kind, name, location: { building, text: `${building}东侧` } } });
    expect(r.status).toBe(201);
    return r.body as { id: string; key: string };
  }
  const ingest = (d: { id: string; key: string }, type: string) =>
    s.request('POST', '/api/alerts/ingest', {
      headers: { authorization: `Bearer ${d.key}` },
      body: { deviceId: d.id, eventId: `e-${crypto.randomBytes(5).toString('hex')}`, type, at: new Date().toISOString() },
    });

  it('a public-safety alert waits for one tap, then announces in its zone; chosen types announce themselves; personal alerts never', async () => {
    const cam = await device('camera', '3号楼东侧摄像头', '3号楼');
    const r = await ingest(cam, 'fire_lane_blocked');
    expect(r.status).toBeLessThan(300);
    const pending = await waitFor('a pending announcement', async () => {
      const l = await s.request('GET', '/api/broadcasts?status=pending', { token: admin });
      return l.body.items.find((b: any) => b.alertId === r.body.alertId);
    });
    expect(pending.text).toBe('3号楼东侧消防通道被占用，请车主尽快挪车。');
    expect(pending.deliveries).toBeUndefined();
    const conf = await s.request('POST', `/api/broadcasts/${pending.id}/confirm`, { token: admin });
    expect(conf.status).toBe(200);
    expect((await s.request('POST', `/api/broadcasts/${pending.id}/confirm`, { token: admin })).status).toBe(409);
    const played = await waitFor('the alert announced', async () => {
      const d = await broadcast(pending.id);
      return d.deliveries.filter((x: any) => x.status === 'played').length === 2 ? d : null;
    });
    expect(played).toMatchObject({ source: 'alert', urgent: true, repeat: 2, zoneLabel: '3号楼' });

    // The admin lets smoke alarms speak without a tap.
    expect((await s.request('GET', '/api/broadcasts/settings', { token: admin })).body).toMatchObject({ autoAlertTypes: [], tts: true });
    const grid = await s.loginStaff('wanggang');
    expect((await s.request('PUT', '/api/broadcasts/settings', { token: grid, body: { autoAlertTypes: ['smoke'] } })).status).toBe(403);
    expect((await s.request('PUT', '/api/broadcasts/settings', { token: admin, body: { autoAlertTypes: ['sos'] } })).status).toBe(422);
    expect((await s.request('PUT', '/api/broadcasts/settings', { token: admin, body: { autoAlertTypes: ['smoke'] } })).status).toBe(200);
    const smoke = await device('smoke', '5号楼烟感', '5号楼');
    const sr = await ingest(smoke, 'smoke');
    const auto = await waitFor('the smoke alarm announced by itself', async () => {
      const l = await s.request('GET', '/api/broadcasts', { token: admin });
      const b = l.body.items.find((x: any) => x.alertId === sr.body.alertId);
      if (!b) return null;
      const d = await broadcast(b.id);
      return d.deliveries.length === 1 && d.deliveries[0].status === 'played' ? d : null;
    });
    expect(auto.deliveries[0].speaker.name).toBe('5号楼音柱');
    expect(auto.text).toContain('烟雾报警');

    // An SOS from a wristband in 3号楼: staff are alerted, the speakers say nothing.
    const residents = await s.request('GET', '/api/residents?limit=50', { token: admin });
    const liu = residents.body.items.find((x: any) => x.building === '3号楼');
    const band = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: '手环', wearerResidentId: liu.id, location: { building: '3号楼' } } });
    const so = await ingest(band.body, 'sos');
    expect(so.status).toBeLessThan(300);
    // A marker after it: once the marker's announcement exists, the SOS had its chance to make one.
    const marker = await ingest(await device('water_leak', '3号楼水浸', '3号楼'), 'water_leak');
    const leak = await waitFor('the marker announcement', async () => (await s.request('GET', '/api/broadcasts', { token: admin })).body.items.find((b: any) => b.alertId === marker.body.alertId));
    const all = (await s.request('GET', '/api/broadcasts?limit=100', { token: admin })).body.items;
    expect(all.find((b: any) => b.alertId === so.body.alertId)).toBeUndefined();

    // Resolved before anyone tapped: the leak's announcement is withdrawn, and a late tap changes nothing.
    expect(leak.status).toBe('pending');
    expect((await s.request('POST', `/api/alerts/${marker.body.alertId}/resolve`, { token: admin, body: { note: '已关闭阀门' } })).status).toBe(200);
    const gone = await waitFor('the announcement withdrawn', async () => {
      const x = await broadcast(leak.id);
      return x.status === 'cancelled' ? x : null;
    });
    expect(gone.failure).toBe('告警已解决，无需播报');
    expect((await s.request('POST', `/api/broadcasts/${leak.id}/confirm`, { token: admin })).status).toBe(409);
    expect(gone.deliveries).toEqual([]);
  });

  it('an alert resolved at once, while its announcement is still being made, leaves that announcement withdrawn', async () => {
    // Announcements of a storm's alerts are made together a few tens of milliseconds later: the resolution must wait for it.
    const r = await ingest(await device('water_leak', '2号楼水浸', '2号楼'), 'water_leak');
    expect(r.status).toBe(201);
    expect((await s.request('POST', `/api/alerts/${r.body.alertId}/resolve`, { token: admin, body: { note: '误报' } })).status).toBe(200);
    const made = await waitFor('the announcement', async () =>
      (await s.request('GET', '/api/broadcasts?limit=100', { token: admin })).body.items.find((b: any) => b.alertId === r.body.alertId),
    );
    const b = await waitFor('the announcement withdrawn', async () => {
      const x = await broadcast(made.id);
      return x.status === 'cancelled' ? x : null;
    });
    expect(b.failure).toBe('告警已解决，无需播报');
  });
});

describe('quiet hours (22:00–07:00 by default; here a window around now)', () => {
  let q: TestServer;
  /** The quiet hours this server was started with. */
  let serverQuiet = '';
  let qs: SimulatedSpeaker;
  let open: Broker;
  beforeAll(async () => {
    open = await startMosquitto();
    const qport = await freePort();
    q = await startTestServer({
      port: qport,
      env: {
        MQTT_URL: open.url,
        TENCENTCLOUD_SECRET_ID: SECRET_ID,
        TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        TENCENT_TTS_ENDPOINT: fake.endpoint,
        BROADCAST_AUDIO_BASE_URL: `http://127.0.0.1:${qport}`,
        COMMUNITY_ID: 'quiet-test',
        BROADCAST_QUIET_HOURS: (serverQuiet = quietWindow(-30, 120)),
      },
    });
  }, 60_000);
  afterAll(async () => {
    await qs?.close();
    await q?.close();
    await open?.stop();
  });

  it('holds a non-urgent broadcast until the quiet hours end and lets an urgent one through', async () => {
    // This server's broker has no accounts (anonymous, like a development broker): the speaker logs in without a key.
    const token = await q.loginStaff();
    const d = await q.request('POST', '/api/devices', { token, body: { kind: 'speaker', name: '夜间音柱', zones: ['6号楼'] } });
    qs = await startSpeakerSim({ url: open.url, communityId: 'quiet-test', deviceId: d.body.id });
    await waitFor('speaker online', async () => (await q.request('GET', '/api/broadcasts/speakers', { token })).body.items.find((x: any) => x.id === d.body.id)?.online);

    const calm = await q.request('POST', '/api/broadcasts', { token, body: { text: '明天上午打扫楼道。', zones: { buildings: ['6号楼'] } } });
    const urgent = await q.request('POST', '/api/broadcasts', { token, body: { text: '6号楼发生火情，请立即撤离。', zones: { buildings: ['6号楼'] }, urgent: true } });
    expect([calm.status, urgent.status]).toEqual([201, 201]);
    await waitFor('the urgent one played', async () => (await q.request('GET', `/api/broadcasts/${urgent.body.id}`, { token })).body.deliveries[0]?.status === 'played');
    const held = await waitFor('the calm one held', async () => {
      const x = (await q.request('GET', `/api/broadcasts/${calm.body.id}`, { token })).body;
      return x.plays[0].status === 'held' ? x : null;
    });
    // Held until the window's end (the next instant the clock reads its HH:MM in Shanghai), nothing sent, its timer there.
    // The window the server was given, not one worked out again now: a minute may have turned since.
    const end = BROADCAST_END(serverQuiet);
    expect(held.plays[0].heldUntil.slice(11, 16)).toBe(end);
    expect(held.deliveries).toEqual([]);
    expect(qs.heard.map((h) => h.cmd.text)).toEqual(['6号楼发生火情，请立即撤离。']);
    const timer = await q.app.scheduler.get(`broadcast:${calm.body.id}:0`);
    expect(timer).toMatchObject({ status: 'pending' });
    expect(new Date(timer!.fireAt).toISOString()).toBe(held.plays[0].heldUntil);
  });
});

/** The end of a Shanghai window, as the UTC HH:MM of the instant it ends. */
function BROADCAST_END(window: string): string {
  const [h, m] = window.split('-')[1]!.split(':').map(Number) as [number, number];
  const utcMin = (h * 60 + m - 8 * 60 + 24 * 60) % (24 * 60);
  return `${String(Math.floor(utcMin / 60)).padStart(2, '0')}:${String(utcMin % 60).padStart(2, '0')}`;
}

describe('a broker outage (runs last: it ends this file’s speaker connections)', () => {
  it('a play due while the broker is down waits for it and plays once it is back', async () => {
    await broker.stop();
    const r = await s.request('POST', '/api/broadcasts', { token: admin, body: { text: '广播通道恢复后播放。', zones: { buildings: ['5号楼'] } } });
    expect(r.status).toBe(201);
    // Tried and put off: no row is written (nobody is wrongly reported offline), the play is still waiting on its timer.
    await waitFor('the first attempt', async () => {
      const t = await s.app.scheduler.get(`broadcast:${r.body.id}:0`);
      return t && t.fireAt.getTime() > Date.now() + 5000;
    });
    const waiting = await broadcast(r.body.id);
    expect(waiting.plays[0].status).toBe('waiting');
    expect(waiting.deliveries).toEqual([]);

    await broker.start();
    const five = await sim('5号楼音柱');
    const played = await waitFor('played after the broker came back', async () => {
      const x = await broadcast(r.body.id);
      return x.deliveries.length === 1 && x.deliveries[0].status === 'played' ? x : null;
    }, 45_000);
    expect(played.status).toBe('done');
    expect(five.heard.map((h) => h.cmd.text)).toEqual(['广播通道恢复后播放。']);
  }, 60_000);
});
