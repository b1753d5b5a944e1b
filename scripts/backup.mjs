#!/usr/bin/env node
// `npm run backup -- <file | directory> [--keep N]`: a snapshot of DATA_DIR while Linli runs — the embedded PostgreSQL through pg_dump (one consistent snapshot; SQLite files through its online backup), then the rest (uploads live in the database; bot outbox, secrets).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, loadDotEnv } from './runtime.mjs';

const log = (m) => console.log(`[backup] ${m}`);
const fail = (m) => {
  console.error(`[backup] ${m}`);
  process.exit(2);
};
const { values, positionals } = parseArgs({ allowPositionals: true, options: { keep: { type: 'string' } } });
if (positionals.length !== 1) fail('usage: npm run backup -- <file.tar.gz | directory> [--keep N]');
loadDotEnv();
if (process.env.MONGODB_URI) fail('MONGODB_URI is set: back that database up with mongodump (and DATA_DIR for the bot outbox); this command snapshots the embedded database');
const dataDir = path.resolve(ROOT, process.env.DATA_DIR || 'data');
if (!fs.existsSync(path.join(dataDir, 'ferretdb'))) fail(`${dataDir} holds no embedded database`);

let target = path.resolve(positionals[0]);
const intoDir = fs.existsSync(target) ? fs.statSync(target).isDirectory() : positionals[0].endsWith('/');
if (intoDir) {
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  target = path.join(target, `linli-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}.tar.gz`);
}

// The embedded PostgreSQL (engine postgresql): its cluster directory is never copied file by file; pg_dump reads one
// consistent snapshot from the running cluster, whose address and password sit beside FerretDB's socket.
const PG_BIN = '/usr/lib/postgresql/15/bin';
const pgDir = path.join(dataDir, 'ferretdb', 'pg');
const onPostgres = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
/** Not data, or remade on every start: the cluster itself (dumped instead), sockets, the cluster's password and address, runtime.json. */
const skip = (rel) => ['ferretdb/pg', 'ferretdb/pgsock', 'ferretdb/pg-password', 'ferretdb/postgres.json', 'runtime.json'].includes(rel.split(path.sep).join('/'));
function pgAddress() {
  // Beside FerretDB's socket: in the data dir when the path fits in sun_path, else the private directory embedded.ts names.
  const dbDir = path.join(dataDir, 'ferretdb');
  const hash = crypto.createHash('sha256').update(dbDir).digest('hex').slice(0, 16);
  for (const dir of [dbDir, path.join(os.tmpdir(), `linli-db-${hash}`)]) {
    const f = path.join(dir, 'postgres.json');
    if (fs.existsSync(f)) return JSON.parse(fs.readFileSync(f, 'utf8'));
  }
  return null;
}
/** Rows per table, read in the same snapshot pg_dump copies: restore checks its result against them. */
async function dumpPostgres(dst) {
  const addr = pgAddress();
  if (!addr) fail('the embedded database is not running: start Linli (npm start) and back up while it runs');
  const { default: pg } = await import('pg');
  const client = new pg.Client(addr);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s;
    const tables = (await client.query("SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2")).rows;
    const rows = {};
    for (const t of tables) {
      const q = `SELECT count(*)::int AS n FROM "${t.schemaname.replace(/"/g, '""')}"."${t.tablename.replace(/"/g, '""')}"`;
      rows[`${t.schemaname}.${t.tablename}`] = (await client.query(q)).rows[0].n;
    }
    const r = spawnSync(path.join(PG_BIN, 'pg_dump'), ['-Fc', `--snapshot=${snapshot}`, '-f', dst, '-h', addr.host, '-p', String(addr.port), '-U', addr.user, addr.database], {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: addr.password },
    });
    if (r.error) fail(`pg_dump is needed (apt-get install postgresql-15): ${r.error.message}`);
    if (r.status !== 0) fail(`pg_dump: ${r.stderr.trim()}`);
    return rows;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

const started = Date.now();
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-backup-'));
const sha256 = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
function sqlite(db, ...commands) {
  const r = spawnSync('sqlite3', [db, ...commands], { encoding: 'utf8' });
  if (r.error) fail(`sqlite3 is needed (apt-get install sqlite3): ${r.error.message}`);
  if (r.status !== 0) fail(`sqlite3 ${db}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}
try {
  const files = [];
  const walk = (dir, rel = '') => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const src = path.join(dir, e.name);
      const relPath = path.join(rel, e.name);
      const dst = path.join(staging, 'data', relPath);
      if (onPostgres && skip(relPath)) continue;
      if (e.isDirectory()) {
        fs.mkdirSync(dst, { recursive: true, mode: 0o700 });
        walk(src, relPath);
      } else if (e.isFile()) {
        // WAL and shared-memory files belong to the live database; the backup API's copy already holds their pages.
        if (/\.sqlite-(wal|shm|journal)$/.test(e.name)) continue;
        if (e.name.endsWith('.sqlite')) {
          // SQLite's online backup: a consistent copy of the whole database (all collections, GridFS uploads and
          // voice) as of one moment, taken while FerretDB keeps writing (it restarts when a write interrupts it).
          sqlite(src, '.timeout 20000', `.backup '${dst.replace(/'/g, "''")}'`);
          const check = sqlite(dst, 'PRAGMA integrity_check;');
          if (check !== 'ok') fail(`integrity check of the copy of ${relPath}: ${check}`);
        } else fs.copyFileSync(src, dst);
        files.push({ path: relPath, bytes: fs.statSync(dst).size, sha256: sha256(dst) });
      } // sockets (FerretDB's) and anything else are not data
    }
  };
  fs.mkdirSync(path.join(staging, 'data'), { mode: 0o700 });
  let postgres;
  if (onPostgres) {
    // First: the files copied after it (bot outbox) may only be newer than the database, never older.
    const dump = path.join(staging, 'postgres.dump');
    postgres = { file: 'postgres.dump', rows: await dumpPostgres(dump), bytes: fs.statSync(dump).size, sha256: sha256(dump) };
  }
  walk(dataDir);
  fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify({ format: 'linli-backup-1', createdAt: new Date().toISOString(), dataDir, files, ...(postgres ? { postgres } : {}) }, null, 2));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  const tar = spawnSync('tar', ['-czf', tmp, '-C', staging, 'manifest.json', 'data', ...(postgres ? ['postgres.dump'] : [])], { encoding: 'utf8' });
  if (tar.status !== 0) fail(`tar: ${tar.stderr}`);
  fs.chmodSync(tmp, 0o600); // it holds every resident's data and the deployment's secrets
  fs.renameSync(tmp, target);
  const bytes = files.reduce((n, f) => n + f.bytes, 0) + (postgres?.bytes ?? 0);
  log(`${target}: ${files.length} files${postgres ? ` and a PostgreSQL dump of ${Object.keys(postgres.rows).length} tables` : ''}, ${(bytes / 1024 / 1024).toFixed(1)} MB of data, ${(fs.statSync(target).size / 1024 / 1024).toFixed(1)} MB compressed, ${Date.now() - started} ms`);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}

// Retention: keep the newest N backups this command named in that directory.
if (values.keep) {
  const keep = Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) fail('--keep needs a whole number ≥ 1');
  const dir = path.dirname(target);
  const old = fs.readdirSync(dir).filter((f) => /^linli-\d{8}-\d{6}\.tar\.gz$/.test(f)).sort().reverse().slice(keep);
  for (const f of old) fs.rmSync(path.join(dir, f));
  if (old.length) log(`removed ${old.length} older backup(s), kept ${keep}`);
}
