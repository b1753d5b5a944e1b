// Starts one embedded FerretDB for the whole jest run (unless MONGODB_URI points at a real MongoDB).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const net = require('node:net');

const ROOT = path.resolve(__dirname, '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

module.exports = async function globalSetup() {
  if (process.env.MONGODB_URI) {
    process.env.LINLI_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const bin = process.env.FERRETDB_BIN || path.join(ROOT, '.tools', 'bin', 'ferretdb');
  if (!fs.existsSync(bin)) throw new Error(`FerretDB not built at ${bin}: run "node scripts/ensure-tools.mjs" (npm test does it).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-db-'));
  const port = await freePort();
  const child = spawn(
    bin,
    ['--handler=sqlite', `--sqlite-url=file:${dir}/`, `--listen-addr=127.0.0.1:${port}`, `--state-dir=${dir}`,
     '--telemetry=disable', '--log-level=error', '--debug-addr=-'],
    { stdio: 'ignore', detached: false },
  );
  const deadline = Date.now() + 30000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error('FerretDB exited during start-up');
    if (Date.now() > deadline) throw new Error('FerretDB did not start within 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  globalThis.__LINLI_DB__ = { child, dir };
  process.env.LINLI_TEST_MONGODB_URI = `mongodb://127.0.0.1:${port}/`;
  process.env.LINLI_TEST_FERRETDB_DIR = dir;
};
