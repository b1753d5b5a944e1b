#!/usr/bin/env node
// `npm start`: a working stack on a fresh machine — installs, builds the front ends, starts server and bot with demo data.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretDb, ensureNodeModules } from './ensure-tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => console.log(`[start] ${m}`);

ensureNodeModules();
ensureFerretDb();

const production = process.env.LINLI_MODE === 'production';
const env = { ...process.env };
const dataDir = path.resolve(ROOT, env.DATA_DIR ?? 'data');
env.DATA_DIR = dataDir;

if (!production) {
  // Demo mode: secrets generated once and kept in the data dir, so tokens (and the bot's) survive restarts.
  // Private to this OS user: it holds the database (FerretDB's socket and files) and these secrets.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'demo-secrets.json');
  const saved = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  saved.JWT_SECRET ??= crypto.randomBytes(32).toString('hex');
  saved.BOT_TOKEN ??= crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  env.JWT_SECRET ??= saved.JWT_SECRET;
  env.BOT_TOKEN ??= saved.BOT_TOKEN;
  env.DEV_LOGIN ??= '1';
}

// Build front ends whose output is missing (delete dist/ to force a rebuild).
const builds = [
  ['client/panel', 'build', 'client/panel/dist/index.html'],
  ['client/miniapp', 'build:h5', 'client/miniapp/dist/h5/index.html'],
];
for (const [ws, script, out] of builds) {
  const pkg = path.join(ROOT, ws, 'package.json');
  if (!fs.existsSync(pkg) || fs.existsSync(path.join(ROOT, out))) continue;
  if (!JSON.parse(fs.readFileSync(pkg, 'utf8')).scripts?.[script]) continue;
  log(`building ${ws}…`);
  const r = spawnSync('npm', ['run', script, '-w', ws], { stdio: 'inherit', cwd: ROOT, env });
  if (r.status !== 0) log(`build of ${ws} failed; the server starts anyway`);
}

const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const children = [];
function launch(name, entry, extraEnv = {}) {
  const child = spawn(tsx, [entry], { stdio: 'inherit', cwd: ROOT, env: { ...env, ...extraEnv } });
  children.push(child);
  child.on('exit', (code, signal) => {
    log(`${name} exited (${signal ?? code})`);
    if (!stopping) shutdown(code ?? 1);
  });
  return child;
}

let stopping = false;
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const t = setTimeout(() => process.exit(code), 15_000);
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => {
    clearTimeout(t);
    process.exit(code);
  });
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

launch('server', 'server/src/main.ts');

// The bot needs the server up; it retries on its own, so a short head start is enough.
const botMain = path.join(ROOT, 'bot', 'src', 'main.ts');
if (fs.existsSync(botMain) && env.LINLI_BOT !== '0') {
  const port = env.PORT ?? '3000';
  setTimeout(() => {
    if (!stopping) launch('bot', 'bot/src/main.ts', { LINLI_SERVER_URL: env.LINLI_SERVER_URL ?? `http://127.0.0.1:${port}` });
  }, 3000);
}
