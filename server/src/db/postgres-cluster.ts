// A private PostgreSQL 15 cluster in a directory (the embedded engine's storage): initdb once with a generated scram password, then postgres on a unix socket only, as an unprivileged OS user.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PG_BIN_DIR = '/usr/lib/postgresql/15/bin';
/** The one database FerretDB keeps every MongoDB database in (one PostgreSQL schema each). */
export const PG_DATABASE = 'ferretdb';
const PG_USER = 'linli';
/** The port only names the socket file (.s.PGSQL.<port>): with listen_addresses='' nothing listens on TCP. */
const PG_PORT = 5432;
/**
 * Sized above the sum of every pool: FerretDB's (pool_max_conns, see embedded.ts), each server process's direct pool for
 * advisory locks (advisory-lock.ts) and pg_dump. PostgreSQL refuses connections past it instead of queueing them.
 */
export const PG_MAX_CONNECTIONS = 400;
const MAX_SOCKET_PATH = 100;

/** How a client reaches the cluster (node-postgres options; also written beside FerretDB's socket for other processes). */
export interface PgAddress {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface PgCluster {
  address: PgAddress;
  /** postgres:// URL with the socket directory as `host`, for FerretDB (pgx) and pg_dump. */
  url(extraParams?: Record<string, string | number>): string;
  pid: number;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as Debian's `postgres` user (the package creates it); otherwise
 * as ourselves. Returns uid/gid to run as, or null for "as this process".
 */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0) throw new Error('running as root: PostgreSQL needs the unprivileged `postgres` user (apt-get install postgresql-15 creates it)');
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Command prefix that runs a binary as that user (setpriv execs in place: the pid we hold is postgres's own). */
function asUser(user: { uid: number; gid: number } | null, bin: string, args: string[]): [string, string[]] {
  if (!user) return [bin, args];
  return ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', bin, ...args]];
}

/**
 * The unprivileged user must reach the cluster's directory through its ancestors. A directory of ours that others
 * cannot search (a 0700 DATA_DIR) gets the search bit only: others may pass through, never list it; every file in it
 * stays 0600 and the cluster's own directory 0700.
 */
function letThrough(dir: string): void {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const st = fs.statSync(d);
    if (st.mode & 0o001) continue;
    if (st.uid !== process.getuid?.()) throw new Error(`${d} is not searchable by the postgres user; make it so (chmod o+x) or choose another DATA_DIR`);
    fs.chmodSync(d, (st.mode & 0o777) | 0o001);
  }
}

/** The socket directory: inside the cluster's directory when the socket path fits in sun_path, else a private one under the temp dir. */
function socketDirFor(dir: string): string {
  const inside = path.join(dir, 'pgsock');
  if (Buffer.byteLength(path.join(inside, `.s.PGSQL.${PG_PORT}.lock`)) <= MAX_SOCKET_PATH) return inside;
  const hash = crypto.createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `linli-pg-${hash}`);
}

function ownDir(dir: string, user: { uid: number; gid: number } | null): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  const uid = user?.uid ?? process.getuid?.();
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (user) fs.chownSync(dir, user.uid, user.gid);
  else if (st.uid !== uid) throw new Error(`Refusing ${dir}: owned by someone else`);
  fs.chmodSync(dir, 0o700);
}

function run(user: { uid: number; gid: number } | null, bin: string, args: string[]): void {
  const [cmd, argv] = asUser(user, bin, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/**
 * Starts (initialising on first use) the cluster kept in `dir`/pg. `durable: false` (tests, benchmarks) turns fsync off:
 * a crash of the machine may lose the cluster, a crash of the process loses nothing.
 */
export async function startPgCluster(opts: { dir: string; durable?: boolean; binDir?: string }): Promise<PgCluster> {
  const binDir = opts.binDir ?? PG_BIN_DIR;
  if (!fs.existsSync(path.join(binDir, 'postgres'))) {
    throw new Error(`PostgreSQL 15 not found in ${binDir}: run "node scripts/ensure-tools.mjs --system" (apt-get install postgresql-15), or set LINLI_DB_ENGINE=sqlite / MONGODB_URI`);
  }
  const dir = path.resolve(opts.dir);
  const user = runAs();
  const pgdata = path.join(dir, 'pg');
  const socketDir = socketDirFor(dir);
  const pwFile = path.join(dir, 'pg-password');
  if (user) letThrough(pgdata);
  ownDir(socketDir, user);
  if (path.dirname(socketDir) !== dir && user) letThrough(socketDir);

  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    fs.rmSync(pgdata, { recursive: true, force: true }); // an initdb that died half-way
    ownDir(pgdata, user);
    const password = crypto.randomBytes(24).toString('hex');
    fs.writeFileSync(pwFile, password, { mode: 0o600 });
    // initdb reads the password from a file the cluster's user can read; it lives only for this call, inside pgdata's parent.
    const tmpPw = path.join(dir, `.initdb-pw-${process.pid}`);
    fs.writeFileSync(tmpPw, password, { mode: 0o600 });
    if (user) fs.chownSync(tmpPw, user.uid, user.gid);
    try {
      run(user, path.join(binDir, 'initdb'), ['-D', pgdata, '-U', PG_USER, '-A', 'scram-sha-256', `--pwfile=${tmpPw}`, '-E', 'UTF8', '--no-locale', ...(opts.durable === false ? ['--no-sync'] : [])]);
    } finally {
      fs.rmSync(tmpPw, { force: true });
    }
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const address: PgAddress = { host: socketDir, port: PG_PORT, user: PG_USER, password, database: PG_DATABASE };

  const settings = [
    `listen_addresses=`,
    `port=${PG_PORT}`,
    `unix_socket_directories=${socketDir}`,
    'unix_socket_permissions=0700',
    `max_connections=${PG_MAX_CONNECTIONS}`,
    // FerretDB sends the field name as a parameter (`_jsonb->$1 @> $2`): only a custom plan, with the name known, can
    // match a GIN expression index on `_jsonb->'field'`; a cached generic plan would scan.
    'plan_cache_mode=force_custom_plan',
    ...(opts.durable === false ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  const [cmd, argv] = asUser(user, path.join(binDir, 'postgres'), ['-D', pgdata, ...settings.flatMap((s) => ['-c', s])]);
  const child: ChildProcess = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: '/' });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  const exitedP = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );

  // Ready when the database answers a query with our password (not merely when the socket file appears).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`PostgreSQL exited during start-up:\n${stderr}`);
    const client = new pg.Client({ ...address, database: 'postgres' });
    try {
      await client.connect();
      const has = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_DATABASE]);
      if (!has.rowCount) await client.query(`CREATE DATABASE ${PG_DATABASE}`);
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`PostgreSQL did not answer within 30 s: ${(err as Error).message}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  const url = (extra: Record<string, string | number> = {}) => {
    const q = new URLSearchParams({ host: socketDir, port: String(PG_PORT), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) });
    return `postgres://${PG_USER}:${encodeURIComponent(password)}@/${PG_DATABASE}?${q.toString()}`;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill('SIGINT'); // "fast" shutdown: ends open sessions (SIGTERM would wait for every client to leave)
    });
  return { address, url, pid: child.pid!, exited: exitedP, stop };
}
