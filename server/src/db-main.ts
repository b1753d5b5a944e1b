// The embedded database as its own supervised process (npm start, systemd linli-db.service): runs PostgreSQL and FerretDB for DATA_DIR, writes DATA_DIR/runtime.json, and exits when either dies. `--restore <dump>` (npm run restore) loads a pg_dump into a fresh cluster instead.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, loadConfigOrExit } from './config';
import { startEmbeddedDb } from './db/embedded';
import { restorePostgres } from './db/postgres-restore';
import { createLogger } from './logger';

async function main() {
  if (process.argv[2] === '--restore') {
    // Only DATA_DIR matters here: a production install's missing settings (WeChat keys …) must not stop a restore.
    const { DATA_DIR } = loadConfig(process.env, { LINLI_MODE: 'demo' });
    // Prints the restored rows per table for the caller to check against the backup's manifest.
    const rows = await restorePostgres(path.join(DATA_DIR, 'ferretdb'), process.argv[3]!);
    process.stdout.write(`RESTORED ${JSON.stringify(rows)}\n`);
    process.exit(0);
  }
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  if (config.MONGODB_URI) {
    log.error('MONGODB_URI is set: there is no embedded database to run');
    process.exit(78);
  }
  const db = await startEmbeddedDb({ dataDir: path.join(config.DATA_DIR, 'ferretdb'), binary: config.FERRETDB_BIN, engine: config.LINLI_DB_ENGINE });
  // Where further server nodes (`npm run server` with MONGODB_URI) find this database; its PostgreSQL's address and
  // password stay beside the socket, in the private directory only this OS user can open.
  const runtimeFile = path.join(config.DATA_DIR, 'runtime.json');
  fs.writeFileSync(runtimeFile, JSON.stringify({ mongodbUri: db.uri, engine: db.engine, pid: process.pid }, null, 2) + '\n', { mode: 0o600 });
  log.info({ socket: db.socketPath, pid: db.pid, engine: db.engine }, 'embedded FerretDB running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping the embedded database');
    await db.stop();
    fs.rmSync(runtimeFile, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // FerretDB or PostgreSQL died on its own: exit non-zero so the supervisor restarts the pair (it also kills what is left of our group).
  const code = await db.exited;
  if (!stopping) {
    log.error({ code }, 'the embedded database (FerretDB or PostgreSQL) exited');
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
