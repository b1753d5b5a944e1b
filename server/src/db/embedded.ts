// Runs FerretDB (MongoDB wire protocol) as a child process for demo mode and tests, reachable only by this OS user: over a private PostgreSQL cluster (default) or SQLite.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPgCluster, type PgAddress, type PgCluster } from './postgres-cluster';

/** The checkout's root, found from here up (sources live in server/src/db, the build in server/dist: depths differ). */
export const REPO_ROOT = findRepoRoot(__dirname);
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'linli') return dir;
    } catch {
      /* no package.json here */
    }
  }
  return path.resolve(from, '../../..');
}
export const DEFAULT_FERRETDB_BIN = path.join(REPO_ROOT, '.tools', 'bin', 'ferretdb');

/** postgresql: FerretDB over a private PostgreSQL 15 cluster (isolation by advisory locks, see write-lock.ts); sqlite: FerretDB's SQLite backend (explicit opt-in, untested by CI). */
export type EmbeddedEngine = 'postgresql' | 'sqlite';
export const DEFAULT_ENGINE: EmbeddedEngine = 'postgresql';

/**
 * FerretDB's PostgreSQL pool: above the sum of every MongoDB client pool that reaches it (each server process's driver
 * pool is 50; a request may hold two PostgreSQL connections). The default of 50 froze FerretDB under 60 parallel updates.
 */
export const FERRETDB_PG_POOL = 300;

/** Beside FerretDB's socket (a private directory): how processes that connect to that socket reach its PostgreSQL. */
export const POSTGRES_SIDECAR = 'postgres.json';

/** The PostgreSQL behind an embedded FerretDB at that unix socket, when there is one (written by startEmbeddedDb). */
export function postgresBehind(socketPath: string): PgAddress | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(path.dirname(socketPath), POSTGRES_SIDECAR), 'utf8')) as PgAddress;
  } catch {
    return undefined;
  }
}

/** sun_path is 108 bytes on Linux and 104 on macOS; keep a margin. */
const MAX_SOCKET_PATH = 100;

export interface EmbeddedDb {
  /** mongodb://<percent-encoded socket path>/<db>: the driver's form for a unix socket. */
  uri: string;
  /** The unix socket FerretDB listens on; there is no TCP listener. */
  socketPath: string;
  dataDir: string;
  pid: number;
  engine: EmbeddedEngine;
  /** The PostgreSQL cluster under FerretDB (engine postgresql): for advisory locks, GIN indexes and pg_dump. */
  postgres?: PgAddress;
  /** Settles when FerretDB (or its PostgreSQL) exits, for whatever reason (a supervised database process exits with it). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Where FerretDB's socket for a data directory lives: inside it when the path fits in sun_path, otherwise in a
 * directory under the temp dir named after the data directory — the same name on every start, so a server that
 * lost its database reconnects to the restarted one at the same address.
 */
export function embeddedSocketPath(dataDir: string): string {
  const inside = path.join(path.resolve(dataDir), 'ferretdb.sock');
  if (Buffer.byteLength(inside) <= MAX_SOCKET_PATH) return inside;
  const hash = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `linli-db-${hash}`, 'ferretdb.sock');
}

/** The socket's directory outside the data dir must be ours and private: refuse one someone else planted in /tmp. */
function ensurePrivateSocketDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
    throw new Error(`Refusing socket directory ${dir}: not a private directory owned by this user`);
  }
}

/** Whether something accepts connections on the embedded database's socket (a running database process). */
export function embeddedDbRunning(dataDir: string): Promise<boolean> {
  return canConnect(embeddedSocketPath(dataDir));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ path: socketPath });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * The database directory 0700 and every file under it 0600 (directories 0700), fixing what older versions left 0644.
 * Symlinks are not followed: nothing in a FerretDB directory is one, and following one could chmod files elsewhere.
 */
export function lockDownDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && (entry.name === 'pg' || entry.name === 'pgsock')) continue; // PostgreSQL keeps its own 0700/0600 (and owner)
    if (entry.isDirectory()) lockDownDir(p);
    else if (entry.isFile() || entry.isSocket()) fs.chmodSync(p, 0o600);
  }
}

/** Mongo connection string for a unix socket: the path percent-encoded as the host, then the database name. */
export function unixSocketUri(socketPath: string, dbName: string): string {
  return `mongodb://${encodeURIComponent(socketPath)}/${dbName}`;
}

export async function startEmbeddedDb(opts: { dataDir: string; binary?: string; dbName?: string; engine?: EmbeddedEngine; durable?: boolean }): Promise<EmbeddedDb> {
  const binary = opts.binary ?? DEFAULT_FERRETDB_BIN;
  const engine = opts.engine ?? DEFAULT_ENGINE;
  if (!fs.existsSync(binary)) {
    throw new Error(`FerretDB binary not found at ${binary}. Run "node scripts/ensure-tools.mjs" (npm start and npm test do it for you).`);
  }
  const dataDir = path.resolve(opts.dataDir);
  lockDownDir(dataDir);

  // The socket lives in the 0700 data directory (or a private 0700 one under the temp dir), so only this OS user can
  // reach it (FerretDB 1.24 has no stable authentication of its own): the socket's directory is the access control.
  const socketPath = embeddedSocketPath(dataDir);
  if (path.dirname(socketPath) !== dataDir) ensurePrivateSocketDir(path.dirname(socketPath));
  if (fs.existsSync(socketPath)) {
    if (await canConnect(socketPath)) throw new Error(`Another FerretDB is already serving ${dataDir} (${socketPath})`);
    fs.rmSync(socketPath, { force: true }); // left by a crash; FerretDB will not bind over it
  }
  const sidecar = path.join(path.dirname(socketPath), POSTGRES_SIDECAR);
  fs.rmSync(sidecar, { force: true });

  let cluster: PgCluster | undefined;
  const backend: string[] = [];
  if (engine === 'postgresql') {
    cluster = await startPgCluster({ dir: dataDir, durable: opts.durable });
    // Before FerretDB listens: a process that reaches the socket must find it, or it would update without the locks.
    fs.writeFileSync(sidecar, JSON.stringify(cluster.address), { mode: 0o600 });
    backend.push('--handler=postgresql', `--postgresql-url=${cluster.url({ pool_max_conns: FERRETDB_PG_POOL })}`);
  } else {
    backend.push('--handler=sqlite', `--sqlite-url=file:${dataDir}/`);
  }
  const args = [
    ...backend,
    '--listen-addr=', // no TCP listener at all
    `--listen-unix=${socketPath}`,
    `--state-dir=${dataDir}`,
    '--telemetry=disable',
    '--log-level=warn',
    '--debug-addr=-',
  ];
  // umask 077 in the child: every file and the socket it creates later is 0600 from birth.
  const child: ChildProcess = spawn('/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', binary, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  const ferretExited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  // Either half dying ends the pair: a supervised database process exits and is restarted whole.
  const exitedP = cluster ? Promise.race([ferretExited, cluster.exited]) : ferretExited;
  const cleanup = () => {
    fs.rmSync(socketPath, { force: true });
    fs.rmSync(sidecar, { force: true });
  };

  const deadline = Date.now() + 30_000;
  while (!(await canConnect(socketPath))) {
    if (exited) {
      cleanup();
      await cluster?.stop();
      throw new Error(`FerretDB exited during start-up:\n${stderr}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      cleanup();
      await cluster?.stop();
      throw new Error(`FerretDB did not listen on ${socketPath} within 30 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const stopFerret = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const stop = async () => {
    await stopFerret();
    cleanup();
    await cluster?.stop(); // last: FerretDB's sessions are gone
  };
  return { uri: unixSocketUri(socketPath, opts.dbName ?? 'linli'), socketPath, dataDir, pid: child.pid!, engine, postgres: cluster?.address, exited: exitedP, stop };
}
