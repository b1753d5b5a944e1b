// Lighthouse 12.2.3 (pinned; mobile preset, simulated slow 4G) on /panel login and /h5 home, served by the real server with Debian Chromium: scores and timings, median of runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../server/src/db/embedded';
import { precompress } from '../scripts/precompress.mjs';
import { BENCH_SECRETS, benchDb, startChild, withDbName, writeResults, type Child } from './support/processes';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PAGES = [
  { name: 'panel login', path: '/panel/login' },
  { name: 'h5 home', path: '/h5/' },
];
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';

/** The front ends as production serves them (built and precompressed); built here only if missing. */
function ensureFrontEnds(): void {
  const run = (args: string[]) => {
    const r = spawnSync('npm', args, { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed`);
  };
  if (!fs.existsSync(path.join(REPO_ROOT, 'client/panel/dist/index.html'))) run(['run', 'build', '-w', 'client/panel']);
  const h5 = path.join(REPO_ROOT, 'client/miniapp/dist/h5');
  if (!fs.existsSync(path.join(h5, 'index.html'))) run(['run', 'build:h5', '-w', 'client/miniapp']);
  if (!fs.readdirSync(h5, { recursive: true }).some((f) => String(f).endsWith('.js.br'))) precompress(h5);
}

interface Lhr {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
}

/** One Lighthouse CLI run (its own Chromium, fresh profile); the report's categories and key timings. */
function lighthouse(url: string): Lhr {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-lh-')), 'report.json');
  const r = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/lighthouse'),
    [url, '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${CHROME_FLAGS}`, '--only-categories=performance,accessibility,best-practices'],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 },
  );
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`lighthouse ${url} failed (${r.status})`);
  const lhr = JSON.parse(fs.readFileSync(out, 'utf8')) as Lhr;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return lhr;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const score = (l: Lhr, c: string) => Math.round((l.categories[c]?.score ?? 0) * 100);
const ms = (l: Lhr, a: string) => Math.round(l.audits[a]?.numericValue ?? NaN);

async function main() {
  ensureFrontEnds();
  const db = await benchDb();
  let server: Child | undefined;
  try {
    server = await startChild('server/src/main.ts', { MONGODB_URI: withDbName(db.uri, 'bench_lighthouse'), LINLI_MODE: 'demo', ...BENCH_SECRETS });
    const rows = [];
    for (const p of PAGES) {
      const runs = Array.from({ length: RUNS }, () => lighthouse(server!.url + p.path));
      const m = (f: (l: Lhr) => number) => median(runs.map(f));
      rows.push({
        page: p.name,
        path: p.path,
        runs: RUNS,
        performance: m((l) => score(l, 'performance')),
        accessibility: m((l) => score(l, 'accessibility')),
        bestPractices: m((l) => score(l, 'best-practices')),
        fcpMs: m((l) => ms(l, 'first-contentful-paint')),
        lcpMs: m((l) => ms(l, 'largest-contentful-paint')),
        tbtMs: m((l) => ms(l, 'total-blocking-time')),
        transferKiB: m((l) => Math.round(ms(l, 'total-byte-weight') / 1024)),
      });
    }
    const md = [
      `## Lighthouse 12.2.3 (mobile, simulated slow 4G; median of ${RUNS} runs, ${os.cpus().length} cores)`,
      '',
      '| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | transferred KiB |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.page} (${r.path}) | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.fcpMs} | ${r.lcpMs} | ${r.tbtMs} | ${r.transferKiB} |`),
      '',
    ].join('\n');
    writeResults('lighthouse', { lighthouse: '12.2.3', at: new Date().toISOString(), rows }, md);
  } finally {
    await server?.stop();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
