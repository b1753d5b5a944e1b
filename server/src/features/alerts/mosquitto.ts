// Test and bench support: runs Debian's Mosquitto broker on a free 127.0.0.1 port with a throwaway config (anonymous, or with the accounts the server keeps).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';

export interface Broker {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop()). */
  start(): Promise<void>;
  /** With `accounts`: the server's MQTT_BROKER_AUTH_DIR and MQTT_BROKER_PID_FILE for this broker. */
  authDir?: string;
  pidFile?: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * `accounts: true` runs it as deploy/mosquitto/linli.conf does: no anonymous clients, the password file and ACL the server
 * writes (empty until it starts), and each client's id forced to its username.
 */
export async function startMosquitto(opts: { accounts?: boolean } = {}): Promise<Broker> {
  if (!fs.existsSync(MOSQUITTO_BIN)) throw new Error(`Mosquitto not found at ${MOSQUITTO_BIN}: apt-get install -y mosquitto`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-mqtt-'));
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'persistence false',
      'max_inflight_messages 1000',
      'max_queued_messages 200000',
      'log_dest none',
      ...(opts.accounts
        ? [
            'allow_anonymous false',
            `password_file ${path.join(dir, 'passwd')}`,
            `acl_file ${path.join(dir, 'acl')}`,
            'use_username_as_clientid true',
            `pid_file ${path.join(dir, 'mosquitto.pid')}`,
            // Run as whoever runs the tests (as root it would switch to the mosquitto user, who cannot read our 0640 files).
            `user ${os.userInfo().username}`,
          ]
        : ['allow_anonymous true']),
      '',
    ].join('\n'),
  );
  if (opts.accounts) {
    fs.writeFileSync(path.join(dir, 'passwd'), '', { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'acl'), '', { mode: 0o600 });
  }
  let child: ChildProcess | null = null;
  const broker: Broker = {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    ...(opts.accounts ? { authDir: dir, pidFile: path.join(dir, 'mosquitto.pid') } : {}),
    async start() {
      child = spawn(MOSQUITTO_BIN, ['-c', conf], { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!(await canConnect(port))) {
        if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode})`);
        if (Date.now() > deadline) throw new Error('mosquitto did not start within 10 s');
        await new Promise((r) => setTimeout(r, 30));
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((r) => {
        c.once('exit', () => r());
        c.kill('SIGTERM');
      });
    },
  };
  await broker.start();
  return broker;
}
