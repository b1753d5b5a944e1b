// Mosquitto accounts kept by the server: a password file and an ACL rebuilt from the device registry (one account per enabled device, publish to its own topic only), then the broker is told to reload.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mqttEventTopic, speakerPlayTopic, speakerStatusTopic } from '@linli/contracts';
import type { Logger } from '../../logger';

/** Mosquitto's own format (`$7$` = PBKDF2-SHA512, as `mosquitto_passwd` writes it); 101 rounds is its default and enough for 192-bit random keys. */
export function mosquittoHash(password: string, iterations = 101): string {
  const salt = crypto.randomBytes(12);
  const hash = crypto.pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A device's broker username is its id: 24 hex characters, a shape the server's own username may not take. */
export const DEVICE_USERNAME = /^[0-9a-f]{24}$/;

export interface BrokerAccount {
  deviceId: string;
  communityId: string;
  mqttHash: string;
  kind?: string;
}

/**
 * The broadcast feature's own broker account (`<MQTT_USERNAME>.speakers`, same password): a second connection needs a second
 * username, because the broker forces each client id to its username and a second login would take over the alerts session.
 */
export const speakerServerUsername = (serverUsername: string) => `${serverUsername}.speakers`;

export interface BrokerOptions {
  /** Where `passwd` and `acl` live (Mosquitto's password_file and acl_file point here). */
  dir: string;
  /** Mosquitto's pid_file: it gets SIGHUP after each rewrite; unset = a file watcher (systemd path unit) reloads it. */
  pidFile?: string;
  /** The server's own account: it may only read device events. */
  server: { username: string; password: string };
}

export class BrokerAccounts {
  private queued: Promise<void> | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly opts: BrokerOptions,
    private readonly accounts: () => Promise<BrokerAccount[]>,
    private readonly log: Logger,
  ) {
    if (DEVICE_USERNAME.test(opts.server.username)) throw new Error('MQTT_USERNAME may not look like a device id (24 hex characters)');
  }

  /**
   * Rebuilds both files from the registry and reloads the broker. Calls made while a rebuild is waiting share it; a call made
   * after one has started gets a new one, so every change is in the files once its promise resolves.
   */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      return this.rebuild();
    });
    this.queued = run;
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<void> {
    const { dir, server } = this.opts;
    const devices = (await this.accounts()).filter((a) => DEVICE_USERNAME.test(a.deviceId) && a.mqttHash.startsWith('$'));
    const speakerUser = speakerServerUsername(server.username);
    const passwd = [
      `${server.username}:${mosquittoHash(server.password)}`,
      `${speakerUser}:${mosquittoHash(server.password)}`,
      ...devices.map((a) => `${a.deviceId}:${a.mqttHash}`),
    ];
    const acl = [
      '# Written by the Linli server from its device registry; edits here are overwritten.',
      `user ${server.username}`,
      'topic read linli/+/devices/+/events',
      '',
      `user ${speakerUser}`,
      'topic write linli/+/speakers/+/play',
      'topic read linli/+/speakers/+/status',
      ...devices.flatMap((a) => [
        '',
        `user ${a.deviceId}`,
        `topic write ${mqttEventTopic(a.communityId, a.deviceId)}`,
        // A speaker hears only its own play commands and reports only on its own status topic (its last will included).
        ...(a.kind === 'speaker'
          ? [`topic read ${speakerPlayTopic(a.communityId, a.deviceId)}`, `topic write ${speakerStatusTopic(a.communityId, a.deviceId)}`]
          : []),
      ]),
    ];
    await fs.mkdir(dir, { recursive: true, mode: 0o750 });
    // Readable by the broker's group, never by everyone; replaced by rename so the broker never reads half a file.
    await writeAtomic(path.join(dir, 'passwd'), passwd.join('\n') + '\n');
    await writeAtomic(path.join(dir, 'acl'), acl.join('\n') + '\n');
    await this.reload();
  }

  /** SIGHUP makes Mosquitto re-read both files and drop clients whose account is gone (a disabled device, a rotated key). */
  private async reload(): Promise<void> {
    if (!this.opts.pidFile) return;
    const pid = Number((await fs.readFile(this.opts.pidFile, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no broker pid in ${this.opts.pidFile}`);
    process.kill(pid, 'SIGHUP');
    this.log.debug({ pid }, 'mqtt broker reloaded');
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o640 });
  await fs.rename(tmp, file);
}
