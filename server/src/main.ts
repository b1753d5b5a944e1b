// Boots the server: config, embedded database when no MONGODB_URI, demo seed, graceful shutdown.
import fs from 'node:fs';
import path from 'node:path';
import { createApp, type LinliApp } from './app';
import { loadConfigOrExit } from './config';
import { waitForDb } from './db/connection';
import { embeddedSocketPath, startEmbeddedDb, unixSocketUri, type EmbeddedDb } from './db/embedded';
import { createLogger } from './logger';
import { DEMO_ADMIN, seedDemo } from './seed/demo';

async function main() {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  if (config.generatedSecrets.length) log.warn({ generated: config.generatedSecrets }, 'demo mode: generated secrets (set them in production)');

  let embedded: EmbeddedDb | undefined;
  let linli: LinliApp | undefined = undefined; // set once started; the shutdown below may run before
  // Registered before anything starts: a stop while still starting (waiting for the database, seeding) ends cleanly too.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A close that hangs (work still waiting on a database that went away first) must not leave the process running.
    setTimeout(() => {
      log.error('shutdown did not finish within 20 s; exiting anyway');
      process.exit(1);
    }, 20_000).unref();
    try {
      await linli?.close();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let mongoUri = config.MONGODB_URI;
  if (!mongoUri && config.EMBEDDED_DB === 'separate') {
    // The supervised database process (db-main) serves the data dir's socket; it may still be starting.
    mongoUri = unixSocketUri(embeddedSocketPath(path.join(config.DATA_DIR, 'ferretdb')), 'linli');
  } else if (!mongoUri) {
    embedded = await startEmbeddedDb({ dataDir: path.join(config.DATA_DIR, 'ferretdb'), binary: config.FERRETDB_BIN, engine: config.LINLI_DB_ENGINE });
    mongoUri = embedded.uri;
    log.info({ socket: embedded.socketPath, dataDir: config.DATA_DIR }, 'embedded FerretDB started (unix socket only)');
  }
  // Waits for a database that is starting or restarting; afterwards the driver reconnects by itself when it returns.
  let lastWarn = 0; // a database that is still starting is normal: say so only after 5 s
  await waitForDb(mongoUri, config.DB_WAIT_SECONDS * 1000, (ms, err) => {
    if (ms - lastWarn < 5000) return;
    lastWarn = ms;
    log.warn({ waitedSeconds: Math.round(ms / 1000), err: err.message }, 'waiting for the database');
  });

  linli = await createApp(config, { mongoUri, log });
  linli.metrics.collectProcessMetrics(); // CPU, memory, event-loop lag, GC: this process's, on /metrics
  if (config.LINLI_MODE === 'demo' || config.SEED_DEMO) await seedDemo(linli.services, config.COMMUNITY_ID, log, { history: config.LINLI_MODE === 'demo' });
  const port = await linli.listen();
  const base = config.PUBLIC_URL ?? `http://localhost:${port}`;
  log.info({ port }, 'server listening');
  const banner = [
    '',
    `  邻里 Linli is running (${config.LINLI_MODE} mode)`,
    config.LINLI_MODE === 'demo'
      ? `  工作人员后台  ${base}/panel/   账号 ${DEMO_ADMIN.username} / 密码 ${DEMO_ADMIN.password}`
      : `  工作人员后台  ${base}/panel/`,
    `  居民端 H5     ${base}/h5/`,
    `  健康检查      ${base}/api/health`,
    '',
  ].join('\n');
  // Under `npm start` the supervisor prints it after the bot has started, so it is the last thing on the screen.
  if (process.env.LINLI_BANNER_FILE) fs.writeFileSync(process.env.LINLI_BANNER_FILE, banner, { mode: 0o600 });
  else if (config.LINLI_MODE === 'demo') console.log(banner);

}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
