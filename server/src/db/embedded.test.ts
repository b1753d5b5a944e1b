// Attacks on the embedded database (FerretDB over its private PostgreSQL cluster): its files are private, nothing listens for it on TCP, another OS user reaches neither socket.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb, type EmbeddedDb } from './embedded';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every path under dir with its permission bits. */
function walk(dir: string): { p: string; mode: number; dir: boolean; socket: boolean }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    const here = { p, mode: mode(p), dir: e.isDirectory(), socket: e.isSocket() };
    return e.isDirectory() ? [here, ...walk(p)] : [here];
  });
}

/** TCP ports a process listens on (Linux /proc): its socket inodes matched against the LISTEN rows of /proc/net/tcp*. */
function tcpListenPorts(pid: number): number[] {
  const inodes = new Set(
    fs
      .readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((x): x is string => !!x),
  );
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const row of fs.readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const f = row.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

const tryTcp = (port: number) =>
  new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

const linux = process.platform === 'linux';
const root = process.getuid?.() === 0;

describe('embedded FerretDB', () => {
  let top: string;
  let dir: string;
  let db: EmbeddedDb;
  let conn: mongoose.Connection;

  beforeAll(async () => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-perm-'));
    fs.chmodSync(top, 0o755); // a world-traversable parent, as a data dir under /var/lib or a home would have
    dir = path.join(top, 'ferretdb');
    // What an older version left behind: a database written once, then its directory 0755 and its own files 0644.
    const first = await startEmbeddedDb({ dataDir: dir, binary: process.env.FERRETDB_BIN, dbName: 'perm_check', engine: 'postgresql', durable: false });
    const c1 = await mongoose.createConnection(first.uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    await c1.db!.collection('residents').insertOne({ name: '刘芳', phone: '13800000000' });
    await c1.close();
    await first.stop();
    fs.chmodSync(dir, 0o755);
    for (const e of walk(dir)) if (!e.dir && !e.p.includes(`${path.sep}pg${path.sep}`)) fs.chmodSync(e.p, 0o644);
    expect(mode(path.join(dir, 'pg-password'))).toBe(0o644);

    db = await startEmbeddedDb({ dataDir: dir, binary: process.env.FERRETDB_BIN, dbName: 'perm_check', engine: 'postgresql', durable: false });
    conn = await mongoose.createConnection(db.uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    await conn.db!.collection('visits').insertOne({ at: new Date() }); // files created after start-up count too
  });
  afterAll(async () => {
    await conn?.close();
    await db?.stop();
    fs.rmSync(top, { recursive: true, force: true });
  });

  it('connects through a unix socket inside the data directory, with a database name in the URI', async () => {
    expect(db.socketPath.startsWith(dir + path.sep)).toBe(true);
    expect(db.uri).toBe(`mongodb://${encodeURIComponent(db.socketPath)}/perm_check`);
    expect(await conn.db!.collection('residents').countDocuments()).toBe(1); // the data survived the restart
    expect(conn.db!.databaseName).toBe('perm_check');
  });

  it('the data directory is private (as root: searchable, never listable, by the postgres user) and every file in it 0600, old files included', () => {
    expect(mode(dir)).toBe(root ? 0o701 : 0o700);
    const entries = walk(dir).filter((e) => e.p !== dir);
    expect(entries.some((e) => e.p.endsWith(`${path.sep}PG_VERSION`))).toBe(true);
    expect(mode(path.join(dir, 'pg-password'))).toBe(0o600);
    for (const e of entries) {
      if (e.dir) expect({ p: e.p, mode: e.mode }).toEqual({ p: e.p, mode: 0o700 });
      else if (e.socket) expect({ p: e.p, group_or_other: e.mode & 0o077 }).toEqual({ p: e.p, group_or_other: 0 });
      else expect({ p: e.p, mode: e.mode }).toEqual({ p: e.p, mode: 0o600 });
    }
  });

  (linux ? it : it.skip)('FerretDB listens on no TCP port, so a TCP connection to it is refused', async () => {
    expect(tcpListenPorts(db.pid)).toEqual([]);
    const postmaster = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(tcpListenPorts(postmaster)).toEqual([]);
    // The MongoDB port an attacker tries first: refused, unless some other database on this machine owns it.
    const someoneElse = fs.readFileSync('/proc/net/tcp', 'utf8').includes(':6989 00000000:0000 0A');
    if (!someoneElse) expect(await tryTcp(27017)).toBe('ECONNREFUSED');
  });

  (root ? it : it.skip)('another OS user can neither read the database files nor connect to the socket', () => {
    const asNobody = (args: string[]) => spawnSync(args[0]!, args.slice(1), { uid: 65534, gid: 65534, encoding: 'utf8' });
    for (const file of [path.join(dir, 'pg-password'), path.join(dir, 'pg', 'PG_VERSION'), path.join(dir, 'postgres.json')]) {
      const read = asNobody(['cat', file]);
      expect(read.status).not.toBe(0);
    }
    const grep = asNobody(['grep', '-r', '13800000000', dir]);
    expect(grep.stdout).toBe('');
    const connect = asNobody([
      process.execPath,
      '-e',
      `require('net').connect(${JSON.stringify(db.socketPath)}).on('connect',()=>{console.log('CONNECTED');process.exit(0)}).on('error',e=>{console.log(e.code);process.exit(3)})`,
    ]);
    expect(connect.stdout).not.toContain('CONNECTED');
    expect(connect.status).toBe(3);
    const pgSocket = path.join(db.postgres!.host, '.s.PGSQL.5432');
    expect(fs.existsSync(pgSocket)).toBe(true);
    const pgConnect = asNobody([process.execPath, '-e', `require('net').connect(${JSON.stringify(pgSocket)}).on('connect',()=>{console.log('CONNECTED');process.exit(0)}).on('error',e=>{console.log(e.code);process.exit(3)})`]);
    expect(pgConnect.stdout).not.toContain('CONNECTED');
  });
});

describe('the database the test run itself uses', () => {
  const dir = process.env.LINLI_TEST_FERRETDB_DIR;
  (dir ? it : it.skip)('is reached over a unix socket and its directory is private', () => {
    const uri = process.env.LINLI_TEST_MONGODB_URI!;
    expect(decodeURIComponent(new URL(uri).hostname)).toMatch(/\.sock$/);
    expect(mode(dir!) & 0o077 & ~0o011).toBe(0); // as root the postgres user may search (never list) it
    for (const e of walk(dir!)) if (!e.dir && !e.socket && !e.p.endsWith('.pid') && !e.p.endsWith('.opts')) expect({ p: e.p, mode: e.mode }).toEqual({ p: e.p, mode: 0o600 });
  });
});
