// Ledger and wish list under load: draft+approve latency, live statement cost at scale, and household voting with two
// people per flat racing (exactly one vote set per household, the live tally ending on the true count).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { shanghaiDay } from '@linli/contracts';
import { io as ioClient } from 'socket.io-client';
import { REPO_ROOT } from '../server/src/db/embedded';
import { BENCH_SECRETS, benchDb, percentile, startChild, withDbName, writeResults, type Child } from './support/processes';

const ENTRIES = Number(process.env.LEDGER_BENCH_ENTRIES ?? 300);
const HOUSEHOLDS = Number(process.env.WISH_BENCH_HOUSEHOLDS ?? 200);
const PER_HOUSEHOLD = 2;
const CONCURRENCY = 32;
const round1 = (n: number) => Math.round(n * 10) / 10;

async function call(url: string, method: string, p: string, token: string, body?: unknown) {
  const t0 = performance.now();
  const r = await fetch(url + p, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV */
  }
  return { status: r.status, body: json, ms: performance.now() - t0, bytes: text.length };
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

const stats = (ms: number[]) => ({ n: ms.length, p50: round1(percentile(ms, 50)), p99: round1(percentile(ms, 99)) });

// ---- vote generator (its own process) -----------------------------------------------------------

async function generator(cfgPath: string) {
  const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8')) as { url: string; roundId: string; voters: Array<{ token: string; itemIds: string[] }>; out: string };
  const results: Array<{ status: number; ms: number }> = [];
  const t0 = performance.now();
  await pool(cfg.voters, CONCURRENCY, async (v) => {
    const r = await call(cfg.url, 'POST', `/api/wishlists/${cfg.roundId}/votes`, v.token, { itemIds: v.itemIds });
    results.push({ status: r.status, ms: r.ms });
  });
  fs.writeFileSync(cfg.out, JSON.stringify({ results, elapsedMs: performance.now() - t0, endedAt: performance.timeOrigin + performance.now() }));
}

// ---- driver ---------------------------------------------------------------------------------------

async function main() {
  const db = await benchDb();
  let server: Child | undefined;
  try {
    server = await startChild('server/src/main.ts', { MONGODB_URI: withDbName(db.uri, 'bench_ledger_wishlist'), LINLI_MODE: 'demo', DEV_LOGIN: '1', ...BENCH_SECRETS });
    const url = server.url;
    const login = async (username: string) => (await call(url, 'POST', '/api/auth/staff/login', '', { username, password: 'linli-demo' })).body.token as string;
    const [admin, caiwu, zhangli] = [await login('admin'), await login('caiwu'), await login('zhangli')];

    // 1. Ledger: draft + approve, 4 clerks in parallel.
    const today = shanghaiDay();
    const month = today.slice(0, 7);
    const draftMs: number[] = [];
    const approveMs: number[] = [];
    await pool(Array.from({ length: ENTRIES }, (_, i) => i), 4, async (i) => {
      const kind = i % 3 === 0 ? 'income' : 'expense';
      const amount = 1 + ((i * 7919) % 5_000_000);
      const d = await call(url, 'POST', '/api/ledger/entries', caiwu, {
        kind,
        category: kind === 'income' ? '物业费' : ['保洁', '绿化', '安保', '设施维修'][i % 4],
        amount,
        date: today,
        description: `压测账目 ${i}`,
      });
      if (d.status !== 201) throw new Error(`draft ${d.status} ${JSON.stringify(d.body)}`);
      draftMs.push(d.ms);
      const a = await call(url, 'POST', `/api/ledger/entries/${d.body.id}/approve`, admin, {});
      if (a.status !== 200) throw new Error(`approve ${a.status}`);
      approveMs.push(a.ms);
    });
    const previewMs: number[] = [];
    let preview: any;
    for (let i = 0; i < 20; i++) {
      const r = await call(url, 'GET', `/api/ledger/statements/${month}`, admin);
      previewMs.push(r.ms);
      preview = r.body;
    }
    // Reconcile the live statement against the listing (what residents can sum up themselves).
    let listed = { income: 0, expense: 0, n: 0 };
    for (let cursor: string | null = null, i = 0; i < 1000; i++) {
      const r: any = await call(url, 'GET', `/api/ledger/entries?month=${month}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, zhangli);
      for (const e of r.body.items) if (e.status === 'published') listed = { ...listed, [e.kind]: listed[e.kind as 'income'] + e.amount, n: listed.n + 1 };
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    const csv = await call(url, 'GET', '/api/ledger/entries.csv', admin);
    const ledger = {
      entries: ENTRIES,
      draft: stats(draftMs),
      approve: stats(approveMs),
      statementPreview: { ...stats(previewMs), entriesInMonth: preview.entryCount },
      csv: { ms: round1(csv.ms), bytes: csv.bytes },
      reconciles: preview.income.total === listed.income && preview.expense.total === listed.expense && preview.entryCount === listed.n,
    };

    // 2. Wish list: HOUSEHOLDS flats × PER_HOUSEHOLD people, everyone votes at once from a separate process.
    const roundRes = await call(url, 'POST', '/api/wishlists', zhangli, {
      title: '压测心愿清单',
      maxChoices: 3,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      items: Array.from({ length: 8 }, (_, i) => ({ title: `心愿项 ${i + 1}` })),
    });
    const roundId = roundRes.body.id as string;
    const itemIds = (roundRes.body.items as any[]).map((i) => i.id as string);
    const voters: Array<{ token: string; itemIds: string[] }> = [];
    await pool(Array.from({ length: HOUSEHOLDS * PER_HOUSEHOLD }, (_, i) => i), 8, async (i) => {
      const h = Math.floor(i / PER_HOUSEHOLD);
      const openid = `bench-${i}`;
      const r = await call(url, 'POST', '/api/residents', admin, {
        name: `压测住户${i}`, birthYear: 1980, building: `${1 + (h % 6)}号楼`, unit: `${1 + (h % 3)}单元`, room: String(1000 + h), tags: [], openid,
      });
      if (r.status !== 201) throw new Error(`resident ${r.status} ${JSON.stringify(r.body)}`);
      const t = (await call(url, 'POST', '/api/auth/dev/login', '', { openid })).body.token as string;
      voters.push({ token: t, itemIds: [itemIds[i % 8]!, itemIds[(i * 3 + 1) % 8]!].filter((x, k, a) => a.indexOf(x) === k) });
    });
    // Shuffle so both members of a flat are in flight together.
    voters.sort((a, b) => (a.token < b.token ? -1 : 1));

    const watcher = ioClient(url, { auth: { token: voters[0]!.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((r, j) => { watcher.once('connect', () => r()); watcher.once('connect_error', j); });
    let events = 0;
    let last: any = null;
    let lastAt = 0;
    watcher.on('wishlist:updated', (e: any) => {
      if (e.roundId !== roundId || !e.tally) return;
      events++;
      last = e.tally;
      lastAt = performance.timeOrigin + performance.now();
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-wish-bench-'));
    const cfgPath = path.join(dir, 'cfg.json');
    const out = path.join(dir, 'out.json');
    fs.writeFileSync(cfgPath, JSON.stringify({ url, roundId, voters, out }));
    await new Promise<void>((resolve, reject) => {
      const p = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [__filename, '--gen', cfgPath], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator exited ${code}`))));
    });
    const gen = JSON.parse(fs.readFileSync(out, 'utf8')) as { results: Array<{ status: number; ms: number }>; elapsedMs: number; endedAt: number };
    for (let i = 0; i < 50 && last?.households !== HOUSEHOLDS; i++) await new Promise((r) => setTimeout(r, 100));
    watcher.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
    const tally = (await call(url, 'GET', `/api/wishlists/${roundId}/tally`, admin)).body;
    const byStatus: Record<string, number> = {};
    for (const r of gen.results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const wishlist = {
      households: HOUSEHOLDS,
      voters: voters.length,
      concurrency: CONCURRENCY,
      status: byStatus,
      vote: stats(gen.results.map((r) => r.ms)),
      votesPerSecond: round1((gen.results.length / gen.elapsedMs) * 1000),
      tallyHouseholds: tally.households,
      tallyVotes: tally.items.reduce((s: number, i: any) => s + i.votes, 0),
      liveEvents: events,
      lastLiveHouseholds: last?.households,
      lastEventAfterLastVoteMs: round1(Math.max(0, lastAt - gen.endedAt)),
    };

    const json = { when: new Date().toISOString(), db: process.env.MONGODB_URI ? 'mongodb' : 'ferretdb-embedded', ledger, wishlist };
    const md = `## Ledger and wish list (bench/ledger-wishlist.bench.ts, ${json.when}, ${json.db})

| ledger operation | n | p50 ms | p99 ms |
|---|---|---|---|
| draft entry | ${ledger.draft.n} | ${ledger.draft.p50} | ${ledger.draft.p99} |
| approve (second person) | ${ledger.approve.n} | ${ledger.approve.p50} | ${ledger.approve.p99} |
| live statement, ${ledger.statementPreview.entriesInMonth} entries in the month | ${ledger.statementPreview.n} | ${ledger.statementPreview.p50} | ${ledger.statementPreview.p99} |

CSV export: ${ledger.csv.ms} ms, ${ledger.csv.bytes} bytes. Statement equals the sum of listed entries: **${ledger.reconciles}**.

Wish list: ${wishlist.voters} residents in ${wishlist.households} flats (${PER_HOUSEHOLD} per flat) vote at once, ${CONCURRENCY} in flight, from a separate process.

| votes | 201 | 409 (flat already voted) | other | p50 ms | p99 ms | votes/s |
|---|---|---|---|---|---|---|
| ${wishlist.voters} | ${byStatus[201] ?? 0} | ${byStatus[409] ?? 0} | ${wishlist.voters - (byStatus[201] ?? 0) - (byStatus[409] ?? 0)} | ${wishlist.vote.p50} | ${wishlist.vote.p99} | ${wishlist.votesPerSecond} |

Tally: ${wishlist.tallyHouseholds} households (expected ${HOUSEHOLDS}); ${wishlist.liveEvents} live \`wishlist:updated\` pushes, the last one showing ${wishlist.lastLiveHouseholds} households, ${wishlist.lastEventAfterLastVoteMs} ms after the last vote returned.
`;
    writeResults('ledger-wishlist', json, md);
  } finally {
    await server?.stop();
    await db.stop();
  }
}

if (process.argv[2] === '--gen') {
  generator(process.argv[3]!).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
