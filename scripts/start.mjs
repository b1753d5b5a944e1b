#!/usr/bin/env node
// `npm start`: database, server and bot as separately supervised children — demo (sources through tsx, demo data) or production (NODE_ENV=production: the build, with node).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureFerretDb, ensureNodeModules } from './ensure-tools.mjs';
import { ENTRIES, ROOT, entryCommand, loadDotEnv, useBuild } from './runtime.mjs';
import { Supervisor } from './supervisor.mjs';

const log = (m) => console.log(`[start] ${m}`);
const envLoaded = loadDotEnv();
if (envLoaded) log(`settings from ${envLoaded} (the environment wins over it)`);

const built = useBuild();
// Production installs carry no dev packages and were built by `npm run build`: nothing is installed or built here.
if (!built) ensureNodeModules();
const env = { ...process.env };
if (!env.MONGODB_URI) {
  if (!built) ensureFerretDb();
  else if (!fs.existsSync(env.FERRETDB_BIN || path.join(ROOT, '.tools', 'bin', 'ferretdb'))) {
    console.error('[start] the embedded database binary is missing: run `npm run build` (or set MONGODB_URI)');
    process.exit(1);
  }
}
const production = env.LINLI_MODE === 'production';
const dataDir = path.resolve(ROOT, env.DATA_DIR ?? 'data');
env.DATA_DIR = dataDir;
// Private to this OS user: it holds the database (FerretDB's socket and files) and, in demo mode, the secrets.
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

if (!production) {
  // Demo mode: secrets generated once and kept in the data dir, so tokens (and the bot's) survive restarts.
  const file = path.join(dataDir, 'demo-secrets.json');
  const saved = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  saved.JWT_SECRET ??= crypto.randomBytes(32).toString('hex');
  saved.BOT_TOKEN ??= crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  env.JWT_SECRET ??= saved.JWT_SECRET;
  env.BOT_TOKEN ??= saved.BOT_TOKEN;
  env.DEV_LOGIN ??= '1';
}

// Development: build front ends whose output is missing (delete dist/ to force a rebuild). Production: `npm run build` did.
const builds = [
  ['client/panel', 'build', 'client/panel/dist/index.html'],
  ['client/miniapp', 'build:h5', 'client/miniapp/dist/h5/index.html'],
];
for (const [ws, script, out] of builds) {
  const pkg = path.join(ROOT, ws, 'package.json');
  if (!fs.existsSync(pkg) || fs.existsSync(path.join(ROOT, out))) continue;
  if (built) {
    log(`${out} is missing: run \`npm run build\`; the server starts without it`);
    continue;
  }
  if (!JSON.parse(fs.readFileSync(pkg, 'utf8')).scripts?.[script]) continue;
  log(`building ${ws}…`);
  const r = spawnSync('npm', ['run', script, '-w', ws], { stdio: 'inherit', cwd: ROOT, env });
  if (r.status !== 0) log(`build of ${ws} failed; the server starts anyway`);
}

let commands;
try {
  commands = {
    db: env.MONGODB_URI ? null : entryCommand('db'),
    server: entryCommand('server'),
    bot: env.LINLI_BOT === '0' || !fs.existsSync(path.join(ROOT, built ? ENTRIES.bot.dist : ENTRIES.bot.src)) ? null : entryCommand('bot'),
  };
} catch (err) {
  console.error(`[start] ${err.message}`);
  process.exit(1);
}
log(`${built ? 'production build (node)' : 'sources (tsx)'}, ${production ? 'production' : 'demo'} mode, data in ${dataDir}`);

const supervisor = new Supervisor({ cwd: ROOT });
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code || 1), 30_000);
  // The server finishes its requests while the database is still there; the database stops last.
  await supervisor.stop(['bot', 'server']);
  await supervisor.stop(['db']);
  clearTimeout(force);
  process.exit(code);
}
supervisor.onFatal = (name, code) => void shutdown(code);
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// The server reaches the supervised database by its socket and waits for it (EMBEDDED_DB=separate).
if (commands.db) supervisor.add('db', commands.db, env);
supervisor.add('server', commands.server, { ...env, ...(commands.db ? { EMBEDDED_DB: 'separate' } : {}) });

if (commands.bot) {
  const port = env.PORT ?? '3000';
  const serverUrl = env.LINLI_SERVER_URL ?? `http://127.0.0.1:${port}`;
  // The bot retries on its own, but its first start waits for the server's health (up to a minute) to keep the log quiet.
  const deadline = Date.now() + 60_000;
  while (!stopping && Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!stopping) supervisor.add('bot', commands.bot, { ...env, LINLI_SERVER_URL: serverUrl });
}
