// Two server nodes on one embedded database: POST → ticket:created heard on the other node vs on the same node (rounds interleaved, ratio of p99s), and the race checks split across nodes (20 accepts → 1 winner, 40 comments → 40 kept).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { BENCH_SECRETS, benchDb, percentile, startChild, withDbName, writeResults, type Child } from './support/processes';

/**
 * Tickets per measured round, sent at RATE per second: well below saturation (ticket creation slows as open tickets of one
 * category pile up — duplicate matching — and at 25/s on a loaded machine latency grew round after round, measuring the queue,
 * not the adapter). Rounds alternate same-node and cross-node, in turn first, so load drift hits both alike.
 */
const PER_ROUND = 40;
const RATE = 8;
const ROUNDS = 6;
const round1 = (n: number) => Math.round(n * 10) / 10;

async function post(url: string, path: string, token: string, body: unknown) {
  const r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/** Tickets created on `creator` at RATE/s; the latency of each is from sending the POST to `listener` hearing ticket:created. */
async function eventLatencies(creator: Child, listener: Socket, token: string, tag: string): Promise<{ latencies: number[]; missing: number }> {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const onCreated = (t: { description?: string }) => {
    const m = new RegExp(`^${tag}-(\\d+) `).exec(t.description ?? '');
    const at = m ? sent.get(m[1]!) : undefined;
    if (at !== undefined) latencies.push(performance.now() - at);
  };
  listener.on('ticket:created', onCreated);
  const posts: Promise<unknown>[] = [];
  const start = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.set(String(i), performance.now());
    posts.push(post(creator.url, '/api/tickets', token, { category: '公共设施', description: `${tag}-${i} 单元门禁失灵，需要维修`, channel: 'desk', reporter: { name: '压测居民' } }));
  }
  await Promise.all(posts);
  const deadline = performance.now() + 5000;
  while (latencies.length < PER_ROUND && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  listener.off('ticket:created', onCreated);
  return { latencies, missing: PER_ROUND - latencies.length };
}

async function main() {
  const db = await benchDb();
  const uri = withDbName(db.uri, 'bench_two_nodes');
  let a: Child | undefined;
  let b: Child | undefined;
  const sockets: Socket[] = [];
  try {
    a = await startChild('server/src/main.ts', { MONGODB_URI: uri, LINLI_MODE: 'demo', ...BENCH_SECRETS });
    // The second node joins the same database once the first has seeded it.
    b = await startChild('server/src/main.ts', { MONGODB_URI: uri, LINLI_MODE: 'demo', ...BENCH_SECRETS });
    const token = (await post(a.url, '/api/auth/staff/login', '', { username: 'admin', password: 'linli-demo' })).body.token as string;
    const onA = await connect(a.url, token);
    sockets.push(onA);
    const loadBefore = os.loadavg().map(round1);

    // Warm-up on both nodes (JIT, connection pools, the PostgreSQL adapter's LISTEN session).
    await eventLatencies(a, onA, token, 'warm-a');
    await eventLatencies(b, onA, token, 'warm-b');
    const same: number[] = [];
    const cross: number[] = [];
    const rounds: { kind: string; p50: number; p99: number; missing: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = [['same node', a, same], ['cross node', b, cross]] as const;
      for (const [kind, creator, into] of r % 2 ? [...order].reverse() : order) {
        const { latencies, missing } = await eventLatencies(creator, onA, token, `r${r}-${kind === 'same node' ? 's' : 'x'}`);
        into.push(...latencies);
        rounds.push({ kind, p50: round1(percentile(latencies, 50)), p99: round1(percentile(latencies, 99)), missing });
      }
    }
    const sameP99 = round1(percentile(same, 99));
    const crossP99 = round1(percentile(cross, 99));

    // The races, split across the nodes: alternate requests go to each.
    const [tokenA, tokenB] = [token, (await post(b.url, '/api/auth/staff/login', '', { username: 'admin', password: 'linli-demo' })).body.token as string];
    const [nodeA, nodeB] = [{ url: a.url, token: tokenA }, { url: b.url, token: tokenB }];
    const node = (i: number) => (i % 2 ? nodeB : nodeA);
    const t = (await post(a.url, '/api/tickets', tokenA, { category: '电梯', description: '两节点并发签收', channel: 'desk', reporter: { name: '李建国' } })).body;
    const accepts = await Promise.all(Array.from({ length: 20 }, (_, i) => post(node(i).url, `/api/tickets/${t.id}/transition`, node(i).token, { action: 'accept' })));
    const winners = accepts.filter((x) => x.status === 200).length;
    const conflicts = accepts.filter((x) => x.status === 409).length;
    const c = (await post(a.url, '/api/tickets', tokenA, { category: '电梯', description: '两节点并发留言', channel: 'desk', reporter: { name: '李建国' } })).body;
    const comments = await Promise.all(Array.from({ length: 40 }, (_, i) => post(node(i).url, `/api/tickets/${c.id}/comments`, node(i).token, { body: `留言 ${i}` })));
    const after = (await (await fetch(`${b.url}/api/tickets/${c.id}`, { headers: { authorization: `Bearer ${tokenB}` } })).json()) as any;
    const kept = new Set((after.timeline as { note?: string; body?: string }[]).map((e) => e.note ?? e.body).filter((x) => x?.startsWith('留言 '))).size;
    const loadAfter = os.loadavg().map(round1);

    const json = {
      when: new Date().toISOString(),
      cpus: os.cpus().length,
      loadAvgBefore: loadBefore,
      loadAvgAfter: loadAfter,
      eventLatency: { perRound: PER_ROUND, ratePerSecond: RATE, rounds: ROUNDS, sameNodeP99: sameP99, crossNodeP99: crossP99, ratio: Math.round((crossP99 / sameP99) * 100) / 100, byRound: rounds },
      races: { accepts: { sent: 20, winners, conflicts }, comments: { sent: 40, created: comments.filter((x) => x.status === 201).length, kept } },
    };
    const md = `## Two server nodes (one embedded database)

POST /api/tickets → \`ticket:created\` on a staff socket of node A, ${ROUNDS} interleaved rounds of ${PER_ROUND} tickets at ${RATE}/s each (in turn first),
created on node A (same node) or node B (cross node, through the PostgreSQL adapter):

| | p99 | p50 (per round) |
|---|---|---|
| same node | ${sameP99} ms | ${rounds.filter((r) => r.kind === 'same node').map((r) => r.p50).join(' / ')} ms |
| cross node | ${crossP99} ms | ${rounds.filter((r) => r.kind === 'cross node').map((r) => r.p50).join(' / ')} ms |

Cross / same p99: **${json.eventLatency.ratio}×** (target ≤ 1.3×). Events missing: ${rounds.reduce((s, r) => s + r.missing, 0)}.
20 parallel accepts split across the nodes: **${winners} winner**, ${conflicts} × 409. 40 parallel comments split: **${kept} kept** (${json.races.comments.created} × 201).
Load average (1/5/15 min) before ${loadBefore.join(' / ')}, after ${loadAfter.join(' / ')} on ${os.cpus().length} cores.
`;
    writeResults('two-nodes', json, md);
    if (winners !== 1 || kept !== 40) process.exitCode = 1;
  } finally {
    for (const s of sockets) s.close();
    await b?.stop();
    await a?.stop();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
