// Device events under sustained load over MQTT and HTTP: p99 from event to alert:raised on a staff socket, and a reconciliation that no event is lost or counted twice.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { io as ioClient, type Socket } from 'socket.io-client';
import { REPO_ROOT } from '../server/src/db/embedded';
import { startMosquitto } from '../server/src/features/alerts/mosquitto';
import { BENCH_SECRETS, benchDb, percentile, startChild, withDbName, writeResults, type Child } from './support/processes';
import { cpuSince, postmasterOf, stackCpu } from './support/stack-cpu';

// The issue's target (issue 15): ≥ 500 events/s sustained from 5,000 devices, 10 % duplicates, p99 event → alert:raised
// < 200 ms. Each step registers fresh devices, so its first 5,000 events all raise alerts (the costly path) and the rest are
// counted on them. Against MongoDB: MONGODB_URI=mongodb://… npx tsx bench/alerts.bench.ts
const DEVICES = Number(process.env.ALERTS_BENCH_DEVICES ?? 5000);
/** Target rates (events/s, both paths together), tried in turn; each step uses fresh devices so the first events raise alerts. */
const RATES = (process.env.ALERTS_BENCH_RATES ?? '250,500').split(',').filter(Boolean).map(Number);
/**
 * Sustained steps: the step's devices first raise their alerts (one event each, not measured), then every event sent is
 * counted on an open alert — the steady state of a fleet. Latency there = event sent → its count's alert:updated.
 */
const STEADY_RATES = (process.env.ALERTS_BENCH_STEADY_RATES ?? '500').split(',').filter(Boolean).map(Number);
const SECONDS = Number(process.env.ALERTS_BENCH_SECONDS ?? 20);
const DUP_RATIO = 0.1;
const MAX_IN_FLIGHT_HTTP = 256;
const now = () => performance.timeOrigin + performance.now();
const round = (n: number) => Math.round(n * 10) / 10;

interface Dev {
  id: string;
  key: string;
  kind: string;
  type: string;
}
interface GenConfig {
  url: string;
  mqttUrl: string;
  devices: Dev[];
  rate: number;
  seconds: number;
  out: string;
  tag: string;
}
interface GenResult {
  sentUnique: number;
  sentDup: number;
  httpErrors: number;
  httpStatus: Record<string, number>;
  /** Send time and path of each device's first event (the one that raises its alert), by event id. */
  firstSent: Record<string, { t: number; mqtt: boolean }>;
  /** Send time of every unique event, by its data.seq. */
  sentAt: number[];
  behindMs: number;
  elapsedMs: number;
}

// ---- load generator (its own process) --------------------------------------------------------

async function generator(cfg: GenConfig): Promise<void> {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pubs = await Promise.all([0, 1].map((i) => mqtt.connectAsync(cfg.mqttUrl, { clientId: `bench-gen-${cfg.tag}-${i}-${process.pid}`, clean: true })));
  const total = cfg.rate * cfg.seconds;
  const sent: { dev: Dev; body: any; viaMqtt: boolean }[] = [];
  const firstSent: GenResult['firstSent'] = {};
  const sentAt: number[] = [];
  const started = new Set<string>();
  const httpStatus: Record<string, number> = {};
  let inFlight = 0;
  let httpErrors = 0;
  let sentUnique = 0;
  let sentDup = 0;
  let n = 0;
  let behindMs = 0;
  const pending = new Set<Promise<unknown>>();

  const send = (dev: Dev, body: any, viaMqtt: boolean) => {
    if (viaMqtt) {
      const p = pubs[n % 2]!.publishAsync(`linli/beimen/devices/${dev.id}/events`, JSON.stringify({ ...body, key: dev.key }), { qos: 1 }).catch(() => {
        httpErrors++;
      });
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return;
    }
    inFlight++;
    const p = fetch(`${cfg.url}/api/alerts/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${dev.key}` },
      body: JSON.stringify({ deviceId: dev.id, ...body }),
    })
      .then(async (r) => {
        httpStatus[r.status] = (httpStatus[r.status] ?? 0) + 1;
        await r.arrayBuffer();
      })
      .catch(() => {
        httpErrors++;
      })
      .finally(() => inFlight--);
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const t0 = now();
  // Bounded: past 2× the planned time the server is saturated; stop sending and report what went out.
  const stopAt = t0 + cfg.seconds * 2000;
  while (n < total && now() < stopAt) {
    const due = Math.min(total, Math.floor(((now() - t0) / 1000) * cfg.rate));
    while (n < due) {
      if (inFlight >= MAX_IN_FLIGHT_HTTP) break;
      if (sent.length > 0 && rand() < DUP_RATIO) {
        // A resend of an event already sent: the server must reject it as a replay and count nothing.
        const prev = sent[Math.floor(rand() * sent.length)]!;
        send(prev.dev, prev.body, prev.viaMqtt);
        sentDup++;
      } else {
        const i = sentUnique % cfg.devices.length;
        const dev = cfg.devices[i]!;
        const body = { eventId: `${cfg.tag}-${sentUnique}`, type: dev.type, at: new Date().toISOString(), data: { seq: sentUnique } };
        const viaMqtt = i % 2 === 0;
        if (!started.has(dev.id)) {
          started.add(dev.id);
          firstSent[body.eventId] = { t: now(), mqtt: viaMqtt };
        }
        sentAt[sentUnique] = now();
        send(dev, body, viaMqtt);
        sent.push({ dev, body, viaMqtt });
        sentUnique++;
      }
      n++;
    }
    const lag = (now() - t0) - (n / cfg.rate) * 1000;
    if (lag > behindMs) behindMs = lag;
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.allSettled([...pending]);
  const elapsedMs = now() - t0;
  await Promise.all(pubs.map((p) => p.endAsync()));
  const result: GenResult = { sentUnique, sentDup, httpErrors, httpStatus, firstSent, sentAt, behindMs: round(behindMs), elapsedMs: round(elapsedMs) };
  fs.writeFileSync(cfg.out, JSON.stringify(result));
}

function runGenerator(cfg: GenConfig): Promise<GenResult> {
  const file = path.join(os.tmpdir(), `linli-alerts-gen-${process.pid}-${cfg.tag}.json`);
  fs.writeFileSync(file, JSON.stringify(cfg));
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [__filename, '--generator', file], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`generator exited ${code}`));
      resolve(JSON.parse(fs.readFileSync(cfg.out, 'utf8')));
    });
  });
}

// ---- driver --------------------------------------------------------------------------------

async function api(url: string, method: string, p: string, token: string, body?: unknown) {
  const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined });
  if (r.status >= 300) throw new Error(`${method} ${p} ${r.status} ${await r.text()}`);
  return r.json() as Promise<any>;
}

const KINDS: [string, string][] = [
  ['trash_bin', 'trash_overflow'],
  ['camera', 'fire_lane_blocked'],
  ['smoke', 'smoke'],
  ['water_leak', 'water_leak'],
];

async function registerDevices(url: string, token: string, count: number, tag: string): Promise<Dev[]> {
  const out: Dev[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: 24 }, async () => {
      while (i < count) {
        const k = i++;
        const [kind, type] = KINDS[k % KINDS.length]!;
        const building = `${(k % 6) + 1}号楼`;
        const r = await api(url, 'POST', '/api/devices', token, { kind, name: `压测设备-${tag}-${k}`, location: { building, text: `${building}压测点${k}` } });
        out.push({ id: r.id, key: r.key, kind, type });
      }
    }),
  );
  return out;
}

async function allAlerts(url: string, token: string, deviceIds: Set<string>) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const r: any = await api(url, 'GET', `/api/alerts?limit=200${cursor ? `&cursor=${cursor}` : ''}`, token);
    for (const a of r.items) if (deviceIds.has(a.deviceId)) items.push(a);
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return items;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** Processes whose CPU time is the stack's cost (server, FerretDB, PostgreSQL). */
type StackPids = Parameters<typeof stackCpu>[0];

/** Raises every device's alert with one event each over HTTP (a steady step's warm-up, not measured). */
async function warmUp(url: string, devices: Dev[], tag: string): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (i < devices.length) {
        const dev = devices[i++]!;
        const r = await fetch(`${url}/api/alerts/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${dev.key}` },
          body: JSON.stringify({ deviceId: dev.id, eventId: `${tag}-warm-${dev.id}`, type: dev.type, at: new Date().toISOString(), data: { warm: 1 } }),
        });
        if (r.status !== 201) throw new Error(`warm-up ingest ${r.status} ${await r.text()}`);
      }
    }),
  );
}

async function step(server: Child, pids: StackPids, token: string, socket: Socket, mqttUrl: string, rate: number, tag: string, steady: boolean) {
  const devices = await registerDevices(server.url, token, DEVICES, tag);
  const ids = new Set(devices.map((d) => d.id));
  const received = new Map<string, number>();
  const counted = new Map<number, number>();
  let raisedEvents = 0;
  const onRaised = (a: any) => {
    if (!ids.has(a.deviceId)) return;
    raisedEvents++;
    if (a.sourceEventId) received.set(a.sourceEventId, now());
  };
  // A counted event's push carries its readings (data.seq): the time its count reached a staff socket.
  const onUpdated = (a: any) => {
    if (ids.has(a.deviceId) && typeof a.data?.seq === 'number' && !counted.has(a.data.seq)) counted.set(a.data.seq, now());
  };
  socket.on('alert:raised', onRaised);
  socket.on('alert:updated', onUpdated);
  if (steady) await warmUp(server.url, devices, tag);
  const warm = steady ? devices.length : 0;
  const before = await api(server.url, 'GET', '/api/alerts/stats', token);
  const cpuBefore = stackCpu(pids);
  const gen = await runGenerator({
    url: server.url,
    mqttUrl,
    devices,
    rate,
    seconds: SECONDS,
    out: path.join(os.tmpdir(), `linli-alerts-gen-out-${process.pid}-${tag}.json`),
    tag,
  });
  // Drain: wait until every event sent has an outcome (accepted or rejected) in the server's counters.
  const sentTotal = gen.sentUnique + gen.sentDup;
  let after: any;
  const drainStart = now();
  for (;;) {
    after = await api(server.url, 'GET', '/api/alerts/stats', token);
    const handled = (['http', 'mqtt'] as const).reduce(
      (acc, p) => acc + sum(after.accepted[p]) - sum(before.accepted[p]) + sum(after.rejected[p]) - sum(before.rejected[p]),
      0,
    );
    if (handled >= sentTotal || now() - drainStart > 30_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const drainMs = now() - drainStart;
  const cpu = cpuSince(cpuBefore, stackCpu(pids));
  await new Promise((r) => setTimeout(r, 500));
  socket.off('alert:raised', onRaised);
  socket.off('alert:updated', onUpdated);

  const d = (p: 'http' | 'mqtt', g: 'accepted' | 'rejected', k: string) => after[g][p][k] - before[g][p][k];
  const accepted = (['http', 'mqtt'] as const).reduce((a, p) => a + d(p, 'accepted', 'raised') + d(p, 'accepted', 'deduplicated'), 0);
  const replays = d('http', 'rejected', 'replay') + d('mqtt', 'rejected', 'replay');
  const otherRejections = (['http', 'mqtt'] as const).reduce((a, p) => a + sum(after.rejected[p]) - sum(before.rejected[p]), 0) - replays;
  const alerts = await allAlerts(server.url, token, ids);
  const countSum = alerts.reduce((a, x) => a + x.count, 0);
  const lat: number[] = [];
  const byPath: Record<'mqtt' | 'http', number[]> = { mqtt: [], http: [] };
  if (steady) {
    // Every unique event is counted on an open alert: event sent → its count pushed (devices alternate MQTT / HTTP by index).
    const viaMqtt = (seq: number) => (seq % devices.length) % 2 === 0;
    gen.sentAt.forEach((t, seq) => {
      const r = counted.get(seq);
      if (r === undefined) return;
      lat.push(r - t);
      byPath[viaMqtt(seq) ? 'mqtt' : 'http'].push(r - t);
    });
  } else {
    for (const [eventId, { t, mqtt: viaMqtt }] of Object.entries(gen.firstSent)) {
      const r = received.get(eventId);
      if (r === undefined) continue;
      lat.push(r - t);
      byPath[viaMqtt ? 'mqtt' : 'http'].push(r - t);
    }
  }
  const devicesUsed = steady ? devices.length : Math.min(DEVICES, gen.sentUnique);
  return {
    kind: steady ? ('steady' as const) : ('raise' as const),
    targetRate: rate,
    achievedRate: round((sentTotal / gen.elapsedMs) * 1000),
    seconds: SECONDS,
    devices: DEVICES,
    sentUnique: gen.sentUnique,
    sentDuplicates: gen.sentDup,
    generatorMaxBehindMs: gen.behindMs,
    drainMs: round(drainMs),
    httpStatus: gen.httpStatus,
    transportErrors: gen.httpErrors,
    accepted,
    replaysRejected: replays,
    otherRejections,
    alerts: alerts.length,
    alertCountSum: countSum,
    alertRaisedOnSocket: raisedEvents,
    latency: { samples: lat.length, p50: round(percentile(lat, 50)), p99: round(percentile(lat, 99)), max: round(Math.max(...lat)) },
    p99ByPath: { mqtt: round(percentile(byPath.mqtt, 99)), http: round(percentile(byPath.http, 99)) },
    /** CPU ms the stack spent per event sent (accepted or rejected), while sending and draining. */
    cpuMsPerEvent: {
      total: round(cpu.total / sentTotal),
      server: round(cpu.server / sentTotal),
      ferretdb: round(cpu.ferretdb / sentTotal),
      postgres: round(cpu.postgres / sentTotal),
    },
    checks: {
      noEventLost: accepted === gen.sentUnique && countSum === gen.sentUnique + warm,
      noDoubleCount: countSum === gen.sentUnique + warm && replays === gen.sentDup,
      oneAlertPerDevice: alerts.length === devicesUsed,
      // Steady: every counted event's push reached the staff socket too.
      everyAlertPushed: raisedEvents === alerts.length && (!steady || lat.length === gen.sentUnique),
    },
  };
}

async function main() {
  const db = await benchDb();
  const broker = await startMosquitto();
  let server: Child | undefined;
  try {
    server = await startChild('server/src/main.ts', {
      MONGODB_URI: withDbName(db.uri, 'bench_alerts'),
      LINLI_MODE: 'demo',
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: `linli-bench-${process.pid}`,
      // Escalations are not what this bench measures: keep them out of the run.
      ALERT_ESCALATION_SCALE: '100',
      ...BENCH_SECRETS,
    });
    const pids: StackPids = { server: server.proc.pid, ferretdb: db.pid || undefined, postmaster: db.dataDir ? postmasterOf(db.dataDir) : undefined };
    const { token } = await api(server.url, 'POST', '/api/auth/staff/login', '', { username: 'admin', password: 'linli-demo' });
    for (let i = 0; i < 50; i++) {
      if ((await api(server.url, 'GET', '/api/alerts/stats', token)).mqtt.connected) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const socket: Socket = await new Promise((resolve, reject) => {
      const s = ioClient(server!.url, { auth: { token }, transports: ['websocket'], reconnection: false });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
    const steps = [];
    const plan = [...RATES.map((rate) => ({ rate, steady: false })), ...STEADY_RATES.map((rate) => ({ rate, steady: true }))];
    for (const [i, { rate, steady }] of plan.entries()) {
      const t = Date.now();
      const load = os.loadavg()[0]!;
      const r = { ...(await step(server, pids, token, socket, broker.url, rate, `s${i}`, steady)), loadAvgBefore: round(load) };
      console.log(`[alerts bench] ${r.kind} ${rate}/s → ${r.achievedRate}/s, p99 ${r.latency.p99} ms, stack CPU ${r.cpuMsPerEvent.total} ms/event, load ${r.loadAvgBefore}, checks ${JSON.stringify(r.checks)} (${Math.round((Date.now() - t) / 1000)} s)`);
      steps.push(r);
    }
    socket.disconnect();
    const json = { when: new Date().toISOString(), cpus: os.cpus().length, steps };
    const yes = (b: boolean) => (b ? '✔' : '✘');
    const rows = steps
      .map(
        (r) =>
          `| ${r.kind === 'steady' ? 'counted' : 'raise'} | ${r.targetRate} | ${r.achievedRate} | ${r.sentUnique} + ${r.sentDuplicates} | ${r.latency.p50} | **${r.latency.p99}** | ${r.p99ByPath.mqtt} / ${r.p99ByPath.http} | ${r.latency.max} | ${r.drainMs} | ${r.alerts} | ${r.alertCountSum} | ${yes(r.checks.noEventLost)} ${yes(r.checks.noDoubleCount)} ${yes(r.checks.oneAlertPerDevice)} ${yes(r.checks.everyAlertPushed)} | ${r.cpuMsPerEvent.total} (${r.cpuMsPerEvent.server} / ${r.cpuMsPerEvent.ferretdb} / ${r.cpuMsPerEvent.postgres}) | ${r.loadAvgBefore} |`,
      )
      .join('\n');
    const md = `## Device alerts (bench/alerts.bench.ts, ${json.when})

Issue 15's target: ≥ 500 events/s sustained from 5,000 devices, 10 % duplicates, p99 < 200 ms, nothing lost or double-counted. A raise step's first event per device raises an alert (the costly path: the alert, its dedupe slot, the group bot's and the speakers' items), later ones are counted on it. Stack CPU = CPU time of the server process, FerretDB and PostgreSQL (with its backends) per event sent, while sending and draining: unlike latency, other work on the machine hardly changes it.

${DEVICES} devices per step (fresh each step), every other device publishing over MQTT (Mosquitto, QoS 1), the rest posting to the HTTP webhook, ${SECONDS} s open-loop per step, ${DUP_RATIO * 100}% of sends are resends of an earlier event id (must be rejected as replays). Server, FerretDB, Mosquitto and the load generator share ${json.cpus} cores (with whatever else runs: see the 1-minute load average before each step).
Steps: *raise* — fresh devices, so a device's first event raises its alert; latency = that event sent → \`alert:raised\` on a staff socket. *counted* — the devices' alerts are raised first (one event each, not measured), then every event sent is counted on an open alert (the fleet's steady state); latency = event sent → its count's \`alert:updated\` on the staff socket. Checks: no event lost (accepted = unique sent = Σ alert counts), no double count (replays rejected = duplicates sent), one alert per device (dedupe), every alert pushed (counted steps: and every count).

| step | target ev/s | achieved ev/s | unique + dup sent | p50 ms | p99 ms | p99 MQTT / HTTP | max ms | drain ms | alerts | Σ count | lost/double/dedupe/pushed | stack CPU ms/event (server / FerretDB / PG) | load avg |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows}
`;
    writeResults('alerts', json, md);
  } finally {
    await server?.stop();
    await broker.stop();
    await db.stop();
  }
}

if (process.argv[2] === '--generator') {
  generator(JSON.parse(fs.readFileSync(process.argv[3]!, 'utf8')))
    .then(() => process.exit(0))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
