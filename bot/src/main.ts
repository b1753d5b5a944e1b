// Bot process entry: a real puppet from WECHATY_PUPPET (+ WECHATY_PUPPET_SERVICE_TOKEN), or in demo mode the mock puppet with a simulated community group.
import fs from 'node:fs';
import path from 'node:path';
import { qrcodeValueToImageUrl } from 'wechaty';
import { readEnv } from './config';
import { createMockCommunity } from './demo/mock-community';
import { startDemoServer } from './demo/demo-server';
import { createBot } from './index';
import { createLog } from './log';

async function main() {
  const env = readEnv();
  const log = createLog(env.logLevel);
  if (!env.token) {
    log.error('BOT_TOKEN is required: the same service token the server was started with');
    process.exit(2);
  }
  fs.mkdirSync(env.dataDir, { recursive: true });
  const demo = !env.puppet;
  const community = demo ? createMockCommunity({ residents: ['王奶奶', '李大爷', '张阿姨'] }) : null;
  const bot = createBot({
    puppet: community ? community.puppet : (env.puppet as never),
    puppetOptions: env.puppetToken ? { token: env.puppetToken } : undefined,
    serverUrl: env.serverUrl,
    token: env.token,
    communityId: env.communityId,
    dataDir: env.dataDir,
    // wechaty keeps the session (memory card) under this name: inside the data dir, so a restart stays logged in.
    name: path.join(env.dataDir, env.sessionName),
    log,
  });
  bot.wechaty.on('scan', (qr, status) => log.info('scan the QR code to log the bot in', { status, url: qrcodeValueToImageUrl(qr) }));
  await bot.start();

  let demoServer: { port: number; close(): Promise<void> } | null = null;
  if (community) {
    community.login();
    demoServer = await startDemoServer(community, {
      port: env.demoPort || 3011,
      token: env.token,
      botName: community.botContact.payload.name,
      mode: env.groupMode,
      binding: (contactId) => bot.api.binding(contactId),
    });
    log.info('demo mode: mock puppet with a simulated community group', {
      group: community.room.payload.topic,
      demoApi: `http://127.0.0.1:${demoServer.port}`,
      server: env.serverUrl,
    });
  } else log.info('bot started', { puppet: env.puppet, server: env.serverUrl, community: env.communityId });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping bot', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await demoServer?.close();
    await bot.stop().catch((err) => log.error('stop failed', { err: (err as Error).message }));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`bot failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
