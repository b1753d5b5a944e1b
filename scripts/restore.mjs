#!/usr/bin/env node
// `npm run restore -- <file>`: puts a backup made by `npm run backup` into an empty DATA_DIR, checking every file against the backup's manifest, and loads its PostgreSQL dump into a fresh private cluster (rows per table checked against the manifest).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, entryCommand, loadDotEnv } from './runtime.mjs';

const log = (m) => console.log(`[restore] ${m}`);
const fail = (m) => {
  console.error(`[restore] ${m}`);
  process.exit(2);
};
const file = process.argv[2];
if (!file || process.argv.length > 3) fail('usage: npm run restore -- <backup.tar.gz>   (into an empty DATA_DIR, with Linli stopped)');
loadDotEnv();
const dataDir = path.resolve(ROOT, process.env.DATA_DIR || 'data');
// Never over live or existing data: an operator moves the old directory aside first.
if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length) fail(`${dataDir} is not empty: stop Linli and move it aside first`);
const socket = path.join(dataDir, 'ferretdb', 'ferretdb.sock');
if (await new Promise((r) => net.connect({ path: socket }).once('connect', function () { this.destroy(); r(true); }).once('error', () => r(false)))) fail('a database is running on this DATA_DIR: stop Linli first');

const started = Date.now();
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-restore-'));
try {
  const tar = spawnSync('tar', ['-xzf', path.resolve(file), '-C', staging, '--no-same-owner'], { encoding: 'utf8' });
  if (tar.status !== 0) fail(`tar: ${tar.stderr}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8'));
  if (manifest.format !== 'linli-backup-1') fail(`not a Linli backup (${manifest.format})`);
  for (const f of manifest.files) {
    if (path.isAbsolute(f.path) || f.path.split(path.sep).includes('..')) fail(`unsafe path in the backup: ${f.path}`);
    const p = path.join(staging, 'data', f.path);
    const sum = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    if (sum !== f.sha256) fail(`${f.path} does not match the backup's manifest: the file is damaged`);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  for (const f of manifest.files) {
    const dst = path.join(dataDir, f.path);
    fs.mkdirSync(path.dirname(dst), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(staging, 'data', f.path), dst);
    fs.chmodSync(dst, 0o600);
  }
  if (manifest.postgres) {
    const dump = path.join(staging, manifest.postgres.file);
    const sum = crypto.createHash('sha256').update(fs.readFileSync(dump)).digest('hex');
    if (sum !== manifest.postgres.sha256) fail('the PostgreSQL dump does not match the backup\'s manifest: the file is damaged');
    // The database process's own code makes the cluster (as the postgres user when root) and runs pg_restore into it.
    const [cmd, args] = entryCommand('db', { sourceFallback: true });
    const r = spawnSync(cmd, [...args, '--restore', dump], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
    const line = /^RESTORED (.*)$/m.exec(r.stdout ?? '');
    if (r.status !== 0 || !line) fail(`loading the PostgreSQL dump failed: ${r.stderr || r.stdout}`);
    const got = JSON.parse(line[1]);
    const want = manifest.postgres.rows;
    const differ = [...new Set([...Object.keys(want), ...Object.keys(got)])].filter((t) => want[t] !== got[t]);
    if (differ.length) fail(`restored rows differ from the backup in ${differ.length} table(s): ${differ.slice(0, 5).map((t) => `${t} ${got[t]} ≠ ${want[t]}`).join(', ')}`);
    log(`PostgreSQL: ${Object.keys(got).length} tables, ${Object.values(got).reduce((a, b) => a + b, 0)} rows, every table's count as in the backup`);
  }
  log(`${manifest.files.length} files from the backup of ${manifest.createdAt} restored into ${dataDir} in ${Date.now() - started} ms; start Linli`);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
