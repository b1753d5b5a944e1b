// Bench plumbing: embedded database, the real server in a child process, percentiles and result files.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT, startEmbeddedDb, type EmbeddedDb } from '../../server/src/db/embedded';

export const BENCH_SECRETS = { JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', BOT_TOKEN: 'bench-bot-token-000000' };

export async function benchDb(): Promise<EmbeddedDb & { dir: string }> {
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, socketPath: '', dataDir: '', pid: 0, dir: '', stop: async () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'));
  const db = await startEmbeddedDb({ dataDir: dir });
  return {
    ...db,
    dir,
    stop: async () => {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function withDbName(uri: string, name: string): string {
  const u = new URL(uri);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface Child {
  url: string;
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point with tsx in its own process and waits for GET <healthPath> to answer 200. */
export async function startChild(entry: string, env: Record<string, string>, healthPath = '/api/health'): Promise<Child> {
  const port = await freePort();
  // node itself with tsx's loader, not the tsx wrapper: the pid is the server's, so stop() reaches it (killing the wrapper
  // after a hung shutdown left the server running). BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the child at exit.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    // BENCH_SERVER_LOG=<file> keeps the child's log (warnings and errors) for looking into a bad run.
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${entry} exited with ${proc.exitCode}`);
    try {
      const r = await fetch(url + healthPath);
      if (r.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${entry} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 30_000).unref(); // past the server's own 20 s shutdown deadline
      }),
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

export function writeResults(name: string, json: unknown, markdown: string): void {
  const dir = path.join(REPO_ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(json, null, 2));
  fs.writeFileSync(path.join(dir, `${name}.md`), markdown);
  console.log(markdown);
}
