// Starts `bot/src/main.ts` in demo mode (mock puppet, simulated group, loopback 群聊模拟 API) as its own process, for tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export interface DemoBot {
  child: ChildProcess;
  output(): string;
  /** SIGTERM, resolves with the exit code; removes the bot's data dir. */
  stop(): Promise<number | null>;
}

/** `demoPort` must be the port given to the server as BOT_DEMO_URL; resolves once the bot says it is in demo mode. */
export async function startDemoBot(o: { serverUrl: string; token: string; communityId: string; demoPort: number }): Promise<DemoBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-demo-'));
  let output = '';
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bot', 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BOT_SERVER_URL: o.serverUrl,
      BOT_TOKEN: o.token,
      BOT_COMMUNITY_ID: o.communityId,
      BOT_DATA_DIR: dataDir,
      BOT_DEMO_PORT: String(o.demoPort),
      BOT_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (!output.includes('demo mode')) {
    if (child.exitCode !== null) throw new Error(`bot exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`bot did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    async stop() {
      const code = child.exitCode !== null ? child.exitCode : await new Promise<number | null>((r) => {
        child.once('exit', (c) => r(c));
        child.kill('SIGTERM');
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
