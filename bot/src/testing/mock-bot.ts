// Tests' community bot: the real bot on the mock puppet in a simulated group, talking to a test server with the test bot token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockCommunity, type MockCommunity } from '../demo/mock-community';
import { createBot, type CreateBotOptions, type LinliBot } from '../index';
import { createLog } from '../log';
import { NoTranscriber } from '../transcriber';

/** The token the test harness gives the server (BOT_TOKEN). */
export const TEST_BOT_TOKEN = 'test-bot-token-0123456789';
/** The bot's display name in the simulated group. */
export const BOT_NAME = '社区小助手';

export interface MockBot {
  bot: LinliBot;
  c: MockCommunity;
  dataDir: string;
  /** Stops the bot and removes its data dir (unless it was given). */
  stop(): Promise<void>;
}

/** Starts and logs in a bot for `s`; `dataDir` given = reuse it (a restart), otherwise a fresh temporary one. */
export async function startMockBot(
  /** The server under test (its URL and community): the bot reaches it only over HTTP. */
  s: { url: string; communityId: string },
  o: { residents?: string[]; dataDir?: string; options?: Partial<CreateBotOptions> } = {},
): Promise<MockBot> {
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-'));
  const c = createMockCommunity(o.residents ? { residents: o.residents } : {});
  const bot = createBot({
    puppet: c.puppet,
    serverUrl: s.url,
    token: TEST_BOT_TOKEN,
    communityId: s.communityId,
    transcriber: new NoTranscriber(),
    dataDir,
    log: createLog('silent'),
    rooms: { topics: ['北门社区居民群'] },
    rateLimit: { limit: 12, windowMs: 60_000 },
    retry: { baseDelayMs: 200, maxDelayMs: 1000 },
    feedPollMs: 2000,
    ...o.options,
  });
  await bot.start();
  c.login();
  return {
    bot,
    c,
    dataDir,
    async stop() {
      await bot.stop();
      if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
