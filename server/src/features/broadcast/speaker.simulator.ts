// A simulated IP speaker for tests and drills: logs in to the broker with its device id and key, announces itself (last will: offline), fetches each play command's audio and acknowledges.
import mqtt, { type MqttClient } from 'mqtt';
import { speakerPlayTopic, speakerStatusTopic, type SpeakerPlayCommand } from '@linli/contracts';
import { wavDurationMs } from './broadcast.tts';

export interface HeardPlay {
  topic: string;
  cmd: SpeakerPlayCommand;
  /** The audio as fetched from the signed URL (status and bytes). */
  fetched: { status: number; mime: string | null; bytes: Buffer };
  /** When the command arrived, and when its audio was downloaded. */
  commandAt: number;
  receivedAt: number;
}

export interface SimulatedSpeaker {
  id: string;
  client: MqttClient;
  heard: HeardPlay[];
  /** Stops answering: drops the connection without a clean disconnect, so the broker publishes its last will (offline). */
  crash(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Playing takes as long as the audio does (a WAV's own length; `playMs` per repeat for other audio), times the repeats; a command
 * with `at` is played from that instant, as a real speaker would queue it. Then it acknowledges `played`.
 */
export async function startSpeakerSim(opts: {
  url: string;
  communityId: string;
  deviceId: string;
  key?: string;
  playMs?: number;
}): Promise<SimulatedSpeaker> {
  const statusTopic = speakerStatusTopic(opts.communityId, opts.deviceId);
  const heard: HeardPlay[] = [];
  let client: MqttClient | null = null;
  for (let i = 0; i < 30 && !client; i++) {
    try {
      client = await mqtt.connectAsync(opts.url, {
        ...(opts.key ? { username: opts.deviceId, password: opts.key } : { clientId: `speaker-${opts.deviceId}` }),
        reconnectPeriod: 0,
        connectTimeout: 3000,
        will: { topic: statusTopic, payload: Buffer.from(JSON.stringify({ type: 'offline' })), qos: 1, retain: true },
      });
    } catch (err) {
      // The broker reloads its accounts a moment after the server registered the device.
      if (i === 29) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const c = client!;
  const ack = (commandId: string, status: 'received' | 'played' | 'failed', reason?: string) =>
    c.publishAsync(statusTopic, JSON.stringify({ type: 'ack', commandId, status, ...(reason ? { reason } : {}) }), { qos: 1 });
  c.on('message', (topic, payload) => {
    const commandAt = Date.now();
    void (async () => {
      const cmd = JSON.parse(payload.toString('utf8')) as SpeakerPlayCommand;
      try {
        const res = await fetch(cmd.url);
        const bytes = Buffer.from(await res.arrayBuffer());
        heard.push({ topic, cmd, fetched: { status: res.status, mime: res.headers.get('content-type'), bytes }, commandAt, receivedAt: Date.now() });
        if (!res.ok || bytes.length === 0) return void (await ack(cmd.commandId, 'failed', `下载失败 ${res.status}`));
        await ack(cmd.commandId, 'received');
        const length = wavDurationMs(bytes) ?? opts.playMs ?? 0;
        const wait = Math.max(0, (cmd.at ? Date.parse(cmd.at) : Date.now()) - Date.now()) + length * cmd.repeat;
        setTimeout(() => void ack(cmd.commandId, 'played').catch(() => undefined), wait);
      } catch (err) {
        await ack(cmd.commandId, 'failed', String((err as Error).message).slice(0, 100)).catch(() => undefined);
      }
    })();
  });
  await c.subscribeAsync(speakerPlayTopic(opts.communityId, opts.deviceId), { qos: 1 });
  await c.publishAsync(statusTopic, JSON.stringify({ type: 'online' }), { qos: 1, retain: true });
  return {
    id: opts.deviceId,
    client: c,
    heard,
    async crash() {
      c.stream.destroy();
      await new Promise((r) => setTimeout(r, 50));
      c.end(true);
    },
    async close() {
      // A connection the broker already dropped (a broker restart) has nothing to say goodbye on.
      if (!c.connected) return void c.end(true);
      await c.publishAsync(statusTopic, JSON.stringify({ type: 'offline' }), { qos: 1, retain: true }).catch(() => undefined);
      await c.endAsync().catch(() => undefined);
    },
  };
}
