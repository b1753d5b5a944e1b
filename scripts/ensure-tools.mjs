#!/usr/bin/env node
// Installs what a fresh machine lacks: npm packages, the FerretDB binary (built from the Go module proxy) and Debian's PostgreSQL 15 under it, and,
// with --system, the Debian packages the tests use (chromium, mosquitto, nginx), and with --python the API fuzzer. Idempotent; prints what it does.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_BIN = path.join(ROOT, '.tools', 'bin', 'ferretdb');
const log = (m) => console.log(`[setup] ${m}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

export function ensureNodeModules() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  log('installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const PG_SERVER = '/usr/lib/postgresql/15/bin/postgres';

/** Debian's postgresql-15 (server binaries only; the embedded database runs its own private cluster in DATA_DIR). */
export function ensurePostgres() {
  if (process.env.MONGODB_URI || process.env.LINLI_DB_ENGINE === 'sqlite' || fs.existsSync(PG_SERVER)) return;
  if (process.getuid?.() !== 0) {
    log('PostgreSQL 15 is missing: install it with: sudo apt-get install -y postgresql-15 (or set LINLI_DB_ENGINE=sqlite, untested)');
    return;
  }
  log('installing Debian postgresql-15 (the embedded database stores in a private cluster)…');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql-15'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function ensureFerretDb() {
  if (process.env.MONGODB_URI) return;
  ensurePostgres();
  if (fs.existsSync(FERRETDB_BIN)) return;
  log(`building FerretDB ${FERRETDB_VERSION} from the Go module proxy (about a minute, once)…`);
  const go = spawnSync('go', ['version']);
  if (go.status !== 0) throw new Error('Go is needed to build FerretDB once (or set MONGODB_URI to use a real MongoDB).');
  // `go install …@version` asks the proxy for the module's version list, which this registry refuses; download the
  // exact version instead, and stamp version.txt, which release builds generate and the module zip leaves out.
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], { cwd: os.tmpdir(), encoding: 'utf8' }),
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
  try {
    fs.cpSync(info.Dir, work, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', work]);
    fs.writeFileSync(path.join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    fs.mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
    run('go', ['build', '-trimpath', '-o', FERRETDB_BIN, './cmd/ferretdb'], {
      cwd: work,
      env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log(`FerretDB built at ${path.relative(ROOT, FERRETDB_BIN)}`);
}

const SCHEMATHESIS_VERSION = '4.32.5';
const VENV = path.join(ROOT, '.tools', 'venv');

/** Schemathesis (PyPI), the OpenAPI fuzzer the API tests run, in a private virtualenv under .tools/. */
export function ensurePythonTools() {
  const stamp = path.join(VENV, `.schemathesis-${SCHEMATHESIS_VERSION}`);
  if (fs.existsSync(stamp)) return;
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} into .tools/venv…`);
  fs.rmSync(VENV, { recursive: true, force: true });
  run('python3', ['-m', 'venv', VENV]);
  run(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`]);
  fs.writeFileSync(stamp, '');
}

export function ensureSystemPackages() {
  const need = [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/sbin/mosquitto', 'mosquitto'],
    ['/usr/bin/espeak-ng', 'espeak-ng'],
    ['/usr/bin/sox', 'sox'],
    ['/usr/sbin/nginx', 'nginx'], // the shipped reverse-proxy config runs in front of the app in lifecycle.test.ts
    ['/usr/bin/redis-server', 'redis-server'], // two server nodes whose events cross through Redis (REDIS_URL, a district on MongoDB)
    ['/usr/bin/openssl', 'openssl'],
    ['/usr/bin/sqlite3', 'sqlite3'], // npm run backup copies the embedded database with SQLite's online backup
    ['/usr/bin/systemd-analyze', 'systemd'], // verifies the shipped units
  ].filter(([bin]) => !fs.existsSync(bin));
  if (!need.length) return;
  const pkgs = need.map(([, p]) => p);
  if (process.getuid?.() !== 0) {
    log(`missing system packages: ${pkgs.join(' ')} — install them with: sudo apt-get install -y ${pkgs.join(' ')}`);
    return;
  }
  log(`installing Debian packages: ${pkgs.join(' ')}…`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNodeModules();
  ensureFerretDb();
  if (process.argv.includes('--system')) ensureSystemPackages();
  if (process.argv.includes('--python')) ensurePythonTools();
}
