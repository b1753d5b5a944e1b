// The embedded database as its own supervised process (npm start, systemd linli-db.service): runs FerretDB for DATA_DIR and exits with it.
import path from 'node:path';
import { loadConfigOrExit } from './config';
import { startEmbeddedDb } from './db/embedded';
import { createLogger } from './logger';

async function main() {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  if (config.MONGODB_URI) {
    log.error('MONGODB_URI is set: there is no embedded database to run');
    process.exit(78);
  }
  const db = await startEmbeddedDb({ dataDir: path.join(config.DATA_DIR, 'ferretdb'), binary: config.FERRETDB_BIN });
  log.info({ socket: db.socketPath, pid: db.pid }, 'embedded FerretDB running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping the embedded database');
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // FerretDB died on its own: exit non-zero so the supervisor restarts the pair (it also kills what is left of our group).
  const code = await db.exited;
  if (!stopping) {
    log.error({ code }, 'FerretDB exited');
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
