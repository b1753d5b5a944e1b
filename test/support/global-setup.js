// Starts one embedded FerretDB for the whole jest run (unless MONGODB_URI points at a real MongoDB), on the engine LINLI_DB_ENGINE names.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
// The server's own start-up code for FerretDB (TypeScript, loaded through tsx), not a second copy of it.
const { register } = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  if (process.env.MONGODB_URI) {
    process.env.LINLI_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const unregister = register();
  const { startEmbeddedDb } = require('../../server/src/db/embedded.ts');
  unregister();
  // A short private (0700) directory: FerretDB's only listener is a unix socket inside it, and socket paths are
  // limited to ~100 bytes. The URI is mongodb://<encoded socket path>/ — testMongoUri() puts each suite's db name after it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-db-'));
  // fsync off: a test cluster lives for one run, and two cores are shared by every suite.
  // PostgreSQL unless LINLI_DB_ENGINE=sqlite (the opt-in engine CI does not run; see the README).
  const engine = process.env.LINLI_DB_ENGINE || 'postgresql';
  const db = await startEmbeddedDb({ dataDir: dir, binary: process.env.FERRETDB_BIN, dbName: '', engine, durable: false });
  globalThis.__LINLI_DB__ = { db, dir };
  process.env.LINLI_TEST_MONGODB_URI = db.uri;
  process.env.LINLI_TEST_FERRETDB_DIR = dir;
};
