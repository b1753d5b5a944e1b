#!/usr/bin/env node
// `npm start`: database, server and bot as separately supervised children — demo (sources through tsx, demo data) or production (NODE_ENV=production: the build, with node).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureFerretDb, ensureNodeModules } from './ensure-tools.mjs';
import { ENTRIES, ROOT, entryCommand, loadDotEnv, useBuild } from './runtime.mjs';
import { quietSink } from './quiet-output.mjs';
import { freeLoopbackPort, holdDataDir, portFree, stackHolding } from './stack-place.mjs';
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
const port = env.PORT ?? '3000';
if (!(await portFree(Number(port), env.HOST ?? '0.0.0.0'))) {
  console.error(`[start] port ${port} is in use (another Linli stack?): start this one with another port, e.g. PORT=3100 npm start`);
  process.exit(1);
}
let dataDir = path.resolve(ROOT, env.DATA_DIR ?? 'data');
const holder = stackHolding(dataDir);
if (holder) {
  // One data directory, one stack: a second FerretDB and bot on the same files would corrupt both.
  if (env.DATA_DIR) {
    console.error(`[start] ${dataDir} is in use by the stack on port ${holder.port} (pid ${holder.pid}): stop it or choose another DATA_DIR`);
    process.exit(1);
  }
  dataDir = path.resolve(ROOT, `data-${port}`);
  log(`data/ belongs to the stack on port ${holder.port}; this one keeps its own in ${path.relative(ROOT, dataDir)}/`);
}
env.DATA_DIR = dataDir;
// Private to this OS user: it holds the database (FerretDB's socket and files) and, in demo mode, the secrets.
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const releaseDataDir = holdDataDir(dataDir, port);
process.on('exit', releaseDataDir);
// Demo output: routine logs go to files, the terminal keeps warnings, errors and the banner (LINLI_VERBOSE=1 shows all).
const quiet = !production && env.LINLI_VERBOSE !== '1';
const logDir = path.join(dataDir, 'logs');

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
  // The bot's 群聊模拟 API on a port of its own, so a second stack never collides with the first.
  if (!env.BOT_DEMO_PORT) env.BOT_DEMO_PORT = String(await freeLoopbackPort());
  env.BOT_DEMO_URL ??= `http://127.0.0.1:${env.BOT_DEMO_PORT}`;
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
  const buildLog = path.join(logDir, `build-${path.basename(ws)}.log`);
  log(quiet ? `building ${ws} (first start only; log: ${buildLog})…` : `building ${ws}…`);
  const started = Date.now();
  let sink = 'inherit';
  if (quiet) {
    fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
    sink = fs.openSync(buildLog, 'w', 0o600);
  }
  const r = spawnSync('npm', ['run', script, '-w', ws], { stdio: ['ignore', sink, sink], cwd: ROOT, env });
  if (quiet) fs.closeSync(sink);
  if (r.status !== 0) {
    if (quiet) process.stderr.write(fs.readFileSync(buildLog, 'utf8').split('\n').slice(-30).join('\n'));
    log(`build of ${ws} failed; the server starts anyway`);
  } else log(`built ${ws} in ${Math.round((Date.now() - started) / 1000)} s`);
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

// Quiet: first starts are noted in the log file only; restarts and exits still reach the terminal.
const startLog = quiet ? fs.createWriteStream(path.join(logDir, 'start.log'), { flags: 'a', mode: 0o600 }) : null;
const supervisor = new Supervisor({
  cwd: ROOT,
  sink: quiet ? quietSink(logDir) : null,
  log: (m, { restart = true } = {}) => (startLog && !restart ? startLog.write(`${new Date().toISOString()} ${m}\n`) : log(m)),
});
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
// The server hands its banner to this script, which prints it once everything runs: the last thing on the screen.
const bannerFile = path.join(dataDir, 'banner.txt');
fs.rmSync(bannerFile, { force: true });
supervisor.add('server', commands.server, { ...env, LINLI_BANNER_FILE: bannerFile, ...(commands.db ? { EMBEDDED_DB: 'separate' } : {}) });

if (commands.bot) {
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

// Printed once, after the bot was started (or left out) and the server has written it.
for (const deadline = Date.now() + 120_000; !stopping && Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
  if (fs.existsSync(bannerFile)) {
    console.log(fs.readFileSync(bannerFile, 'utf8'));
    break;
  }
}
