// The embedded engine (FerretDB 1.24 over PostgreSQL) with 50,000 tickets: query shapes PostgreSQL can narrow (pushed-down equality + GIN) against shapes it cannot, with and without the GIN indexes, and a bare _id read as the baseline.
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import mongoose, { Types } from 'mongoose';
import { connectDb, prepareIndexes } from '../server/src/db/connection';
import { tableOf } from '../server/src/db/gin-indexes';
import { findSorted } from '../server/src/db/sql-find';
import { advisoryLocksOf } from '../server/src/db/write-lock';
import { benchDb, percentile, withDbName, writeResults } from './support/processes';

const TOTAL = Number(process.env.BENCH_DB_TICKETS ?? 50_000);
/** Up to this many runs per query (fast ones reach it; a slow one stops at the budget): p99 of 400 is the 4th slowest. */
const RUNS = 400;
/** A query that scans 50,000 documents in FerretDB's memory takes seconds: stop after this long (at least MIN_RUNS). */
const BUDGET_MS = Number(process.env.BENCH_DB_BUDGET_MS ?? 12_000);
const MIN_RUNS = 5;
const OPEN = ['submitted', 'accepted', 'assigned', 'in_progress'];
const MONTHS = 24;

/** One open ticket in 25; the rest closed, spread over two years (one a minute, newest last). */
function ticket(i: number, now: number) {
  const at = new Date(now - (TOTAL - i) * ((MONTHS * 30 * 86400_000) / TOTAL));
  const open = i % 25 === 0;
  return {
    _id: Types.ObjectId.createFromTime(Math.floor(at.getTime() / 1000)),
    communityId: 'beimen',
    no: `BM-${String(i).padStart(6, '0')}`,
    status: open ? OPEN[(i / 25) % 4]! : 'closed',
    category: '其他',
    description: `历史工单 ${i}`,
    // The month a ticket was filed, stored (Shanghai time): history by month becomes one pushed-down equality.
    month: at.toISOString().slice(0, 7),
    createdAt: at,
  };
}

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; runs: number }> {
  await fn(); // warm
  const lat: number[] = [];
  const start = performance.now();
  while (lat.length < RUNS && (lat.length < MIN_RUNS || performance.now() - start < BUDGET_MS)) {
    const t0 = performance.now();
    await fn();
    lat.push(performance.now() - t0);
  }
  const r = (n: number) => Math.round(n * 10) / 10;
  return { p50: r(percentile(lat, 50)), p99: r(percentile(lat, 99)), runs: lat.length };
}

async function main() {
  const db = await benchDb();
  const conn = await connectDb(withDbName(db.uri, 'bench_dbengine'));
  try {
    const schema = new mongoose.Schema({ communityId: String, no: String, status: String, category: String, description: String, month: String, createdAt: Date });
    schema.index({ communityId: 1, status: 1, _id: -1 });
    schema.index({ communityId: 1, month: 1 });
    schema.index({ communityId: 1, createdAt: 1 });
    const T = conn.model('BenchTicket', schema, 'tickets');
    await T.init();
    const now = Date.now();
    const loadStart = performance.now();
    for (let i = 0; i < TOTAL; i += 5000) {
      await T.collection.insertMany(Array.from({ length: Math.min(5000, TOTAL - i) }, (_, k) => ticket(i + k, now)));
    }
    const loadSeconds = Math.round((performance.now() - loadStart) / 100) / 10;
    console.log(`[db-engine] ${TOTAL} tickets loaded in ${loadSeconds} s`);
    await prepareIndexes(conn);
    const locks = advisoryLocksOf(conn)!;
    const table = (await tableOf(conn, 'tickets'))!;
    await locks.query(`ANALYZE bench_dbengine."${table}"`);
    const someId = (await T.findOne({ communityId: 'beimen' }).sort({ _id: -1 }).lean())!._id;
    const month = new Date(now - 6 * 30 * 86400_000).toISOString().slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const monthFrom = new Date(Date.UTC(y, m - 1, 1));
    const monthTo = new Date(Date.UTC(y, m, 1));
    const anchor = (await T.find({ communityId: 'beimen', status: 'closed' }).sort({ _id: -1 }).skip(499 * 20).limit(1).select('_id').lean())[0]!._id;

    const queries: Record<string, () => Promise<unknown>> = {
      'baseline: findOne by bare _id': () => T.collection.findOne({ _id: someId }),
      'inbox unshaped: status $in open, newest 20': () => T.find({ communityId: 'beimen', status: { $in: OPEN } }).sort({ _id: -1 }).limit(20).lean(),
      'inbox shaped: one equality per open status, merged': async () =>
        (await Promise.all(OPEN.map((s) => T.find({ communityId: 'beimen', status: s }).sort({ _id: -1 }).limit(20).lean())))
          .flat()
          .sort((a, b) => (String(b._id) > String(a._id) ? 1 : -1))
          .slice(0, 20),
      'history unshaped: createdAt range of one month': () => T.find({ communityId: 'beimen', createdAt: { $gte: monthFrom, $lt: monthTo } }).lean(),
      'history shaped: stored month equality': () => T.find({ communityId: 'beimen', month }).lean(),
      'closed list page 1 (keyset)': () => T.find({ communityId: 'beimen', status: 'closed' }).sort({ _id: -1 }).limit(20).lean(),
      'closed list page 500 (keyset _id < anchor)': () => T.find({ communityId: 'beimen', status: 'closed', _id: { $lt: anchor } }).sort({ _id: -1 }).limit(20).lean(),
      // The same pages answered by PostgreSQL itself (db/sql-find.ts: what the tickets repository now does).
      'SQL inbox: status $in open, newest 20': () => findSorted(T, { communityId: 'beimen', status: { $in: OPEN } }, { sort: { _id: -1 }, limit: 20 }),
      'SQL history: createdAt range of one month': () => findSorted(T, { communityId: 'beimen', createdAt: { $gte: monthFrom, $lt: monthTo } }, { sort: { createdAt: 1 } }),
      'SQL closed list page 1': () => findSorted(T, { communityId: 'beimen', status: 'closed' }, { sort: { _id: -1 }, limit: 20 }),
      'SQL closed list page 500 (keyset)': () => findSorted(T, { communityId: 'beimen', status: 'closed', _id: { $lt: anchor } }, { sort: { _id: -1 }, limit: 20 }),
    };
    const withGin: Record<string, { p50: number; p99: number; runs: number }> = {};
    for (const [name, fn] of Object.entries(queries)) {
      withGin[name] = await timed(fn);
      console.log(`[db-engine] with GIN: ${name}: ${JSON.stringify(withGin[name])}`);
    }
    // The same queries with our GIN indexes dropped: what FerretDB's own btree indexes give.
    const ours = (await locks.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'bench_dbengine' AND indexname LIKE 'linli_gin_%'")).rows;
    for (const r of ours) await locks.query(`DROP INDEX bench_dbengine."${r.indexname}"`);
    const withoutGin: Record<string, { p50: number; p99: number; runs: number }> = {};
    for (const [name, fn] of Object.entries(queries)) {
      withoutGin[name] = await timed(fn);
      console.log(`[db-engine] without GIN: ${name}: ${JSON.stringify(withoutGin[name])}`);
    }

    const base = withGin['baseline: findOne by bare _id']!.p99;
    const ratio = (n: number) => Math.round((n / Math.max(0.1, base)) * 10) / 10;
    const ratio2 = (w: Record<string, { p99: number }>, a: string, b: string) => Math.round((w[a]!.p99 / w[b]!.p99) * 100) / 100;
    const page = (w: Record<string, { p99: number }>) => ratio2(w, 'closed list page 500 (keyset _id < anchor)', 'closed list page 1 (keyset)');
    const sqlPage = (w: Record<string, { p99: number }>) => ratio2(w, 'SQL closed list page 500 (keyset)', 'SQL closed list page 1');
    const json = { when: new Date().toISOString(), engine: db.engine, cpus: os.cpus().length, loadAvg: os.loadavg().map((l) => Math.round(l * 10) / 10), total: TOTAL, loadSeconds, runs: RUNS, withGin, withoutGin, page500VsPage1: { withGin: page(withGin), withoutGin: page(withoutGin), sql: sqlPage(withGin) } };
    const rows = Object.keys(queries)
      .map((q) => `| ${q} | ${withGin[q]!.p50} / ${withGin[q]!.p99} (${withGin[q]!.runs}) | ${ratio(withGin[q]!.p99)}× | ${withoutGin[q]!.p50} / ${withoutGin[q]!.p99} (${withoutGin[q]!.runs}) |`)
      .join('\n');
    const md = `## Embedded engine, 50,000 tickets (bench/db-engine.bench.ts, ${json.when})

FerretDB 1.24 over PostgreSQL 15 (${db.engine}), ${TOTAL} tickets of one community (1 in 25 open; two years), loaded in ${loadSeconds} s; up to ${RUNS} sequential runs per query (at least ${MIN_RUNS}, else ${BUDGET_MS / 1000} s; below 100 runs p99 is the slowest) through mongoose (connectDb: advisory locks, GIN indexes). ${json.cpus} cores, load ${json.loadAvg.join(' ')}.

| query | with GIN p50 / p99 ms (runs) | p99 vs bare _id | without our GIN p50 / p99 ms (runs) |
|---|---|---|---|
${rows}

Page 500 / page 1 p99 through FerretDB: ${json.page500VsPage1.withGin} with GIN, ${json.page500VsPage1.withoutGin} without; answered by PostgreSQL: ${json.page500VsPage1.sql}. Targets (issue 15): inbox first page p99 ≤ 100 ms, history by month p99 ≤ 300 ms, page 500 ≤ 1.2× page 1.
`;
    writeResults('db-engine', json, md);
  } finally {
    await conn.close();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
