// 200 simultaneous SOS presses from 200 wristbands: p99 from the device event to the first SMS and the first call at a fake Tencent Cloud, and zero sends after acknowledgement.
import crypto from 'node:crypto';
import os from 'node:os';
import * as smsSdk from 'tencentcloud-sdk-nodejs-sms';
import { startFakeTencent, type TencentCall } from '../server/src/test-support/fake-tencent';
import { BENCH_SECRETS, benchDb, percentile, startChild, withDbName, writeResults, type Child } from './support/processes';
import { cpuSince, postmasterOf, stackCpu } from './support/stack-cpu';

const WEARERS = Number(process.env.SOS_BENCH_WEARERS ?? 200);
const SECRET_ID = 'AKIDbenchsosnotify000000000000000';
const SECRET_KEY = 'bench-secret-key-for-sos-notify';
const ALERT_TEMPLATE = '200001';
const TAKEN_TEMPLATE = '200002';
const GRID_PHONE = '13900009999';
/**
 * sos escalates after 180 s × scale = 36 s: long enough that the first sends are not measured under the bench's own
 * escalation flood, short enough that two deadlines pass while the bench waits after the acks (nothing may be sent then).
 */
const ESCALATION_SCALE = Number(process.env.SOS_BENCH_ESCALATION_SCALE ?? 0.2);
const round = (n: number) => Math.round(n * 10) / 10;

async function api(url: string, method: string, p: string, token: string, body?: unknown) {
  const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined });
  if (r.status >= 300) throw new Error(`${method} ${p} ${r.status} ${await r.text()}`);
  return r.json() as Promise<any>;
}

/** Runs fn over items with at most n in flight (setup only: the measured part fires everything at once). */
async function pool<T, R>(items: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

const alertOf = (c: TencentCall) => String(c.body.SessionContext ?? '').replace(/^alert:/, '');
const isAlertSend = (c: TencentCall) => (c.action === 'SendSms' && c.body.TemplateId === ALERT_TEMPLATE) || c.action === 'SendTtsVoice';

/** The bare cost of the channel: the official SDK signing and posting SendSms to the same fake, 200 at once, from this process. */
async function baseline(endpoint: string, calls: TencentCall[]): Promise<{ p50: number; p99: number }> {
  const client = new smsSdk.sms.v20210111.Client({
    credential: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint, protocol: 'http://', reqTimeout: 10 } },
  });
  const t0: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: WEARERS }, (_, i) => {
      const ctx = `baseline:${i}`;
      t0[ctx] = Date.now();
      return client.SendSms({ PhoneNumberSet: [`+8613600${String(i).padStart(6, '0')}`], SmsSdkAppId: '1400000009', SignName: '北门社区', TemplateId: ALERT_TEMPLATE, TemplateParamSet: ['a', 'b', 'c', 'd'], SessionContext: ctx });
    }),
  );
  const lat = calls.filter((c) => String(c.body.SessionContext).startsWith('baseline:')).map((c) => c.at - t0[c.body.SessionContext]!);
  return { p50: round(percentile(lat, 50)), p99: round(percentile(lat, 99)) };
}

async function main() {
  const db = await benchDb();
  const fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  let server: Child | undefined;
  try {
    const base = await baseline(fake.endpoint, fake.calls);
    server = await startChild('server/src/main.ts', {
      MONGODB_URI: withDbName(db.uri, 'bench_sos'),
      LINLI_MODE: 'demo',
      ALERT_ESCALATION_SCALE: String(ESCALATION_SCALE),
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_SMS_ENDPOINT: fake.endpoint,
      TENCENT_SMS_SDK_APPID: '1400000009',
      TENCENT_SMS_SIGN: '北门社区',
      TENCENT_SMS_ALERT_TEMPLATE_ID: ALERT_TEMPLATE,
      TENCENT_SMS_ACK_TEMPLATE_ID: TAKEN_TEMPLATE,
      TENCENT_VMS_ENDPOINT: fake.endpoint,
      TENCENT_VMS_SDK_APPID: '1400000077',
      TENCENT_VMS_TEMPLATE_ID: '300001',
      NOTIFY_RETRY_BASE_MS: '1000',
      ...BENCH_SECRETS,
    });
    const url = server.url;
    const { token } = await api(url, 'POST', '/api/auth/staff/login', '', { username: 'admin', password: 'linli-demo' });
    const staffAt = Date.now();
    const grid = await api(url, 'POST', '/api/staff', token, {
      username: `benchgrid${process.pid}`, password: `Bench-${crypto.randomUUID()}`, name: '压测网格员', roles: ['grid'], buildings: ['9号楼'], phone: GRID_PHONE, mustChangePassword: false,
    });

    // 200 elders living alone, each with a daughter's phone, the grid worker and a wristband.
    const setupStart = Date.now();
    const bands = await pool(Array.from({ length: WEARERS }, (_, i) => i), 8, async (i) => {
      const r = await api(url, 'POST', '/api/residents', token, { name: `压测老人${i}`, birthYear: 1938, building: '9号楼', unit: '1单元', room: String(1000 + i), tags: ['独居', '高龄'] });
      await api(url, 'POST', '/api/care/profiles', token, {
        residentId: r.id, livingSituation: '独居', gridWorkerId: grid.id,
        emergencyContacts: [{ name: `压测老人${i}的女儿`, relation: '女儿', phone: `137${String(i).padStart(8, '0')}` }],
      });
      return (await api(url, 'POST', '/api/devices', token, { kind: 'wristband', name: `压测手环${i}`, wearerResidentId: r.id })) as { id: string; key: string };
    });
    const setupMs = Date.now() - setupStart;
    // The alerts feature caches the staff list for 10 s: let it learn the new grid worker.
    await new Promise((r) => setTimeout(r, Math.max(0, staffAt + 11_000 - Date.now())));

    // ---- the measured part: every wristband presses SOS at once ----
    const sentAt = new Map<string, number>();
    /** Event sent → the ingest's 201 (the alert is stored, its slot claimed, the notify event emitted). */
    const raisedIn: number[] = [];
    const loadBefore = round(os.loadavg()[0]!);
    const pids = { server: server.proc.pid, ferretdb: db.pid || undefined, postmaster: db.dataDir ? postmasterOf(db.dataDir) : undefined };
    const cpuBefore = stackCpu(pids);
    const fired = await Promise.all(
      bands.map(async (d, i) => {
        const t = Date.now();
        const r = await fetch(`${url}/api/alerts/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${d.key}` },
          body: JSON.stringify({ deviceId: d.id, eventId: `sos-bench-${i}-${t}`, type: 'sos', at: new Date(t).toISOString() }),
        });
        const body = (await r.json()) as { alertId?: string };
        if (r.status !== 201 || !body.alertId) throw new Error(`ingest ${r.status} ${JSON.stringify(body)}`);
        sentAt.set(body.alertId, t);
        raisedIn.push(Date.now() - t);
        return body.alertId;
      }),
    );
    const firstOf = (action: string) => {
      const m = new Map<string, number>();
      for (const c of fake.calls) if (c.action === action && isAlertSend(c) && sentAt.has(alertOf(c)) && !m.has(alertOf(c))) m.set(alertOf(c), c.at);
      return m;
    };
    const deadline = Date.now() + 60_000;
    while ((firstOf('SendSms').size < fired.length || firstOf('SendTtsVoice').size < fired.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // What the stack spent from the presses until every first SMS and call went out (retries and escalations come later).
    const cpu = cpuSince(cpuBefore, stackCpu(pids));
    const firstSms = firstOf('SendSms');
    const firstCall = firstOf('SendTtsVoice');
    const smsLat = fired.filter((a) => firstSms.has(a)).map((a) => firstSms.get(a)! - sentAt.get(a)!);
    const callLat = fired.filter((a) => firstCall.has(a)).map((a) => firstCall.get(a)! - sentAt.get(a)!);

    // ---- acknowledge every alert, then wait past two escalation deadlines and the retries: nothing more may go out ----
    const ackedAt = new Map<string, number>();
    const ackCpuBefore = stackCpu(pids);
    const ackStart = Date.now();
    await pool(fired, 20, async (id) => {
      await api(url, 'POST', `/api/alerts/${id}/ack`, token, {});
      ackedAt.set(id, Date.now());
    });
    const ackMs = Date.now() - ackStart;
    // Past two escalation deadlines, and until the "taken" SMS stop coming (they trail the acks: each ack settles its ledger).
    const isTaken = (c: TencentCall) => c.action === 'SendSms' && c.body.TemplateId === TAKEN_TEMPLATE && ackedAt.has(alertOf(c));
    const quietUntil = Date.now() + 180_000 * ESCALATION_SCALE * 2 + 4000;
    const giveUp = Date.now() + 300_000;
    let seen = -1;
    let stableSince = Date.now();
    // The stack's CPU from the first acknowledgement until the last "taken" SMS: what acknowledging and settling cost.
    let ackCpu = cpuSince(ackCpuBefore, stackCpu(pids));
    while (Date.now() < giveUp) {
      const n = fake.calls.filter(isTaken).length;
      if (n !== seen) [seen, stableSince, ackCpu] = [n, Date.now(), cpuSince(ackCpuBefore, stackCpu(pids))];
      if (Date.now() > quietUntil && Date.now() - stableSince > 10_000) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const after = fake.calls.filter((c) => isAlertSend(c) && ackedAt.has(alertOf(c)) && c.at > ackedAt.get(alertOf(c))!);
    const takenCalls = fake.calls.filter(isTaken);
    const taken = takenCalls.length;
    const toldIn = takenCalls.map((c) => c.at - ackedAt.get(alertOf(c))!);
    const alertSends = fake.calls.filter((c) => isAlertSend(c) && sentAt.has(alertOf(c))).length;

    const json = {
      when: new Date().toISOString(),
      cpus: os.cpus().length,
      loadAvg: round(os.loadavg()[0]!),
      wearers: WEARERS,
      setupMs,
      loadAvgBefore: loadBefore,
      eventToRaised: { p50: round(percentile(raisedIn, 50)), p99: round(percentile(raisedIn, 99)) },
      eventToFirstSms: { p50: round(percentile(smsLat, 50)), p99: round(percentile(smsLat, 99)), max: round(Math.max(...smsLat)), reached: smsLat.length },
      eventToFirstCall: { p50: round(percentile(callLat, 50)), p99: round(percentile(callLat, 99)), max: round(Math.max(...callLat)), reached: callLat.length },
      baselineSdkToFake: base,
      /** CPU ms of the server, FerretDB and PostgreSQL per SOS, from the presses until the first sends were all out. */
      stackCpuMsPerSos: { total: round(cpu.total / WEARERS), server: round(cpu.server / WEARERS), ferretdb: round(cpu.ferretdb / WEARERS), postgres: round(cpu.postgres / WEARERS) },
      ackMs,
      /** CPU ms of the server, FerretDB and PostgreSQL per acknowledgement, until the last "taken" SMS went out. */
      stackCpuMsPerAck: { total: round(ackCpu.total / WEARERS), server: round(ackCpu.server / WEARERS), ferretdb: round(ackCpu.ferretdb / WEARERS), postgres: round(ackCpu.postgres / WEARERS) },
      alertSendsBeforeAck: alertSends - after.length,
      sendsAfterAck: after.length,
      takenSms: taken,
      ackToTakenSms: { p50: round(percentile(toldIn, 50)), p99: round(percentile(toldIn, 99)) },
      targets: { smsP99Ms: 2000, callP99Ms: 3000 },
    };
    const ok = (b: boolean) => (b ? '✔' : '✘');
    const md = `## SOS to phones (bench/sos-notify.bench.ts, ${json.when})

${WEARERS} wristbands press SOS at the same moment (one HTTP ingest each, all in flight together). Each elder has one emergency contact and the grid worker; both get an SMS and a voice call through the official Tencent Cloud SDK, signed, to a fake Tencent endpoint on 127.0.0.1 that checks the signature. Latency = the device's event sent → that alert's first SMS (or call) request received by the fake. Baseline: the same SDK sending ${WEARERS} SMS at once straight from the bench process to the same fake (signing + HTTP, no Linli). Then every alert is acknowledged and the bench waits past two escalation deadlines (scale ${ESCALATION_SCALE}: ${(180 * ESCALATION_SCALE).toFixed(1)} s per level) and the retry window: any alert SMS or call for an alert after its acknowledgement counts as a send after ack. Server, the embedded database (FerretDB over PostgreSQL), the fake and the bench share ${json.cpus} cores (1-minute load average ${json.loadAvgBefore} before the presses, ${json.loadAvg} at the end).

| | p50 ms | p99 ms | max ms | reached | target p99 | |
|---|---|---|---|---|---|---|
| event → first SMS | ${json.eventToFirstSms.p50} | **${json.eventToFirstSms.p99}** | ${json.eventToFirstSms.max} | ${smsLat.length}/${WEARERS} | ≤ 2000 | ${ok(json.eventToFirstSms.p99 <= 2000 && smsLat.length === WEARERS)} |
| event → first call | ${json.eventToFirstCall.p50} | **${json.eventToFirstCall.p99}** | ${json.eventToFirstCall.max} | ${callLat.length}/${WEARERS} | ≤ 3000 | ${ok(json.eventToFirstCall.p99 <= 3000 && callLat.length === WEARERS)} |
| event → alert raised (ingest 201) | ${json.eventToRaised.p50} | ${json.eventToRaised.p99} | | | | |
| baseline: SDK → fake | ${base.p50} | ${base.p99} | | | | |

Stack CPU per SOS until the first sends were out (server / FerretDB / PostgreSQL): ${json.stackCpuMsPerSos.total} ms (${json.stackCpuMsPerSos.server} / ${json.stackCpuMsPerSos.ferretdb} / ${json.stackCpuMsPerSos.postgres}). Ratio p99 first SMS / baseline p99: ${round(json.eventToFirstSms.p99 / base.p99)}×. Alert sends before ack: ${json.alertSendsBeforeAck}; **sends after ack: ${after.length}** ${ok(after.length === 0)}; "taken" SMS to those already reached: ${taken} (ack → taken SMS p50 ${json.ackToTakenSms.p50} ms, p99 ${json.ackToTakenSms.p99} ms); acknowledging all ${WEARERS} took ${ackMs} ms (20 in flight); stack CPU per acknowledgement until the last "taken" SMS ${json.stackCpuMsPerAck.total} ms (${json.stackCpuMsPerAck.server} / ${json.stackCpuMsPerAck.ferretdb} / ${json.stackCpuMsPerAck.postgres}). Setup (residents, care profiles, wristbands): ${Math.round(setupMs / 1000)} s.
`;
    writeResults('sos-notify', json, md);
    if (after.length) process.exitCode = 1;
  } finally {
    await server?.stop();
    await fake.close();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
