// An estate-wide notice with the broadcast channel to N speakers over a real Mosquitto (per-device accounts): notice published → each speaker's play command, → its audio fetched, → the ledger showing every speaker played; baseline: the same broker delivering a bare publish to the same N speakers.
import crypto from 'node:crypto';
import os from 'node:os';
import mqtt from 'mqtt';
import { startFakeTencent } from '../server/src/test-support/fake-tencent';
import { startMosquitto } from '../server/src/features/alerts/mosquitto';
import { startSpeakerSim, type SimulatedSpeaker } from '../server/src/features/broadcast/speaker.simulator';
import { BENCH_SECRETS, benchDb, percentile, startChild, withDbName, writeResults, type Child } from './support/processes';

const SPEAKERS = Number(process.env.BROADCAST_BENCH_SPEAKERS ?? 100);
const BUILDINGS = 10;
const SECRET_ID = 'AKIDbenchbroadcast0000000000000';
const SECRET_KEY = 'bench-secret-key-for-broadcast';
const round = (n: number) => Math.round(n * 10) / 10;
const stats = (v: number[]) => ({ p50: round(percentile(v, 50)), p99: round(percentile(v, 99)), max: round(Math.max(...v)), n: v.length });

async function api(url: string, method: string, p: string, token: string, body?: unknown) {
  const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined });
  if (r.status >= 300) throw new Error(`${method} ${p} ${r.status} ${await r.text()}`);
  return r.json() as Promise<any>;
}

/** 0.3 s of tone as 16 kHz PCM: the fake's TextToVoice answer (short, so "playing" does not dominate). */
function tone(): Buffer {
  const b = Buffer.alloc(4800 * 2);
  for (let i = 0; i < 4800; i++) b.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), i * 2);
  return b;
}

async function main() {
  const db = await benchDb();
  const broker = await startMosquitto({ accounts: true });
  const fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  fake.behave('TextToVoice', (c) => ({ Audio: tone().toString('base64'), SessionId: c.body.SessionId }));
  const sims: SimulatedSpeaker[] = [];
  let server: Child | undefined;
  try {
    server = await startChild('server/src/main.ts', {
      MONGODB_URI: withDbName(db.uri, 'bench_broadcast'),
      LINLI_MODE: 'demo',
      MQTT_URL: broker.url,
      MQTT_USERNAME: 'linli-server-beimen',
      MQTT_PASSWORD: `bench-${crypto.randomBytes(12).toString('hex')}`,
      MQTT_BROKER_AUTH_DIR: broker.authDir!,
      MQTT_BROKER_PID_FILE: broker.pidFile!,
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_TTS_ENDPOINT: fake.endpoint,
      // Never quiet during the bench.
      BROADCAST_QUIET_HOURS: '00:00-00:00',
      ...BENCH_SECRETS,
    });
    const url = server.url;
    const { token } = await api(url, 'POST', '/api/auth/staff/login', '', { username: 'admin', password: 'linli-demo' });
    // The demo's own speakers stand aside.
    for (const d of (await api(url, 'GET', '/api/devices?kind=speaker', token)).items) await api(url, 'POST', `/api/devices/${d.id}/disable`, token);

    const setupStart = Date.now();
    const created: { id: string; key: string }[] = [];
    for (let i = 0; i < SPEAKERS; i++) {
      created.push(await api(url, 'POST', '/api/devices', token, { kind: 'speaker', name: `压测音柱${i}`, zones: [`${(i % BUILDINGS) + 1}号楼`], location: {} }));
    }
    for (const d of created) sims.push(await startSpeakerSim({ url: broker.url, communityId: 'beimen', deviceId: d.id, key: d.key }));
    const deadline = Date.now() + 60_000;
    while ((await api(url, 'GET', '/api/broadcasts/speakers', token)).items.filter((s: any) => s.online).length < SPEAKERS) {
      if (Date.now() > deadline) throw new Error('speakers did not all come online');
      await new Promise((r) => setTimeout(r, 200));
    }
    const setupMs = Date.now() - setupStart;

    // ---- baseline: a bare QoS 1 publish from one client to every speaker's play topic, through the same broker ----
    let baseline: ReturnType<typeof stats> | null = null;
    const open = await startMosquitto();
    try {
      const listeners = await Promise.all(created.map((_, i) => mqtt.connectAsync(open.url, { clientId: `base-${i}`, reconnectPeriod: 0 })));
      const got: number[] = [];
      await Promise.all(listeners.map((c, i) => c.subscribeAsync(`linli/beimen/speakers/b${i}/play`, { qos: 1 })));
      const t0 = Date.now();
      const done = new Promise<void>((resolve) => listeners.forEach((c) => c.on('message', () => (got.push(Date.now() - t0), got.length === listeners.length && resolve()))));
      const sender = await mqtt.connectAsync(open.url, { clientId: 'base-sender', reconnectPeriod: 0 });
      await Promise.all(listeners.map((_, i) => sender.publishAsync(`linli/beimen/speakers/b${i}/play`, JSON.stringify({ url: 'x'.repeat(200) }), { qos: 1 })));
      await done;
      baseline = stats(got);
      await Promise.all([...listeners, sender].map((c) => c.endAsync()));
    } finally {
      await open.stop();
    }

    // ---- the measured part: one estate-wide notice with the broadcast channel ----
    const loadBefore = round(os.loadavg()[0]!);
    const t0 = Date.now();
    const notice = await api(url, 'POST', '/api/notices', token, {
      title: '全小区停电检修通知', body: '明天上午9点到11点全小区停电检修，请提前做好准备。', category: '停水停电', audience: { all: true }, channels: ['feed', 'broadcast'],
    });
    const publishedIn = Date.now() - t0;
    const until = Date.now() + 120_000;
    let b: any = null;
    for (;;) {
      const list = (await api(url, 'GET', '/api/broadcasts', token)).items;
      const item = list.find((x: any) => x.noticeId === notice.id);
      if (item) {
        b = await api(url, 'GET', `/api/broadcasts/${item.id}`, token);
        if (b.deliveries.length === SPEAKERS && b.deliveries.every((d: any) => d.status === 'played')) break;
      }
      if (Date.now() > until) throw new Error(`not all played: ${JSON.stringify(b?.deliveries?.map((d: any) => d.status))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const allPlayedMs = Date.now() - t0;
    const heard = sims.map((s) => s.heard.find((h) => h.cmd.text.includes('全小区停电检修'))).filter((h) => !!h);
    const toCommand = heard.map((h) => h!.commandAt - t0);
    const toAudio = heard.map((h) => h!.receivedAt - t0);
    const fetchedOk = heard.filter((h) => h!.fetched.status === 200 && h!.fetched.bytes.subarray(0, 4).toString() === 'RIFF').length;
    const tts = fake.calls.filter((c) => c.action === 'TextToVoice');

    const json = {
      when: new Date().toISOString(),
      cpus: os.cpus().length,
      loadAvgBefore: loadBefore,
      loadAvg: round(os.loadavg()[0]!),
      speakers: SPEAKERS,
      setupMs,
      noticePublishMs: publishedIn,
      noticeToPlayCommand: stats(toCommand),
      noticeToAudioFetched: stats(toAudio),
      noticeToLedgerAllPlayedMs: allPlayedMs,
      audioFetchedOk: fetchedOk,
      ttsCalls: tts.length,
      ttsSignaturesValid: tts.every((c) => c.signatureValid),
      baselineBarePublish: baseline,
    };
    const md = `## Smart broadcast to ${SPEAKERS} speakers (bench/broadcast.bench.ts, ${json.when})

${SPEAKERS} simulated speakers (one MQTT connection each, per-device accounts and ACLs on a real Mosquitto, ${BUILDINGS} buildings) and one estate-wide notice with the broadcast channel. Measured from POST /api/notices: when each speaker's play command arrives, when it has downloaded the audio from its signed URL (all ${SPEAKERS} at once, GridFS on the embedded database), and when the ledger (GET /api/broadcasts/:id) shows every speaker played. One TTS call (fake Tencent endpoint, signed SDK request) per notice. Baseline: a bare QoS 1 publish to ${SPEAKERS} subscribers through an identical broker (no Linli, no HTTP). Server, FerretDB (SQLite), broker and simulators share ${json.cpus} cores (load ${json.loadAvgBefore} → ${json.loadAvg}).

| | p50 ms | p99 ms | max ms | reached |
|---|---|---|---|---|
| notice → play command at the speaker | ${json.noticeToPlayCommand.p50} | **${json.noticeToPlayCommand.p99}** | ${json.noticeToPlayCommand.max} | ${toCommand.length}/${SPEAKERS} |
| notice → audio fetched from the signed URL | ${json.noticeToAudioFetched.p50} | ${json.noticeToAudioFetched.p99} | ${json.noticeToAudioFetched.max} | ${fetchedOk}/${SPEAKERS} real WAV |
| baseline: bare publish → received | ${baseline?.p50} | ${baseline?.p99} | ${baseline?.max} | ${baseline?.n}/${SPEAKERS} |

POST /api/notices answered in ${publishedIn} ms; the ledger showed all ${SPEAKERS} played after ${allPlayedMs} ms (0.3 s of audio per speaker). TTS calls: ${tts.length} (signatures valid: ${json.ttsSignaturesValid}). Setup (register + connect ${SPEAKERS} speakers): ${Math.round(setupMs / 1000)} s.
`;
    writeResults('broadcast', json, md);
    if (toCommand.length !== SPEAKERS || fetchedOk !== SPEAKERS) process.exitCode = 1;
  } finally {
    await Promise.all(sims.map((s) => s.close()));
    await server?.stop();
    await fake.close();
    await broker.stop();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
