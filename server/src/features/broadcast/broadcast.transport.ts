// How play commands reach speakers, behind one adapter: MQTT (Mosquitto, per-device accounts) here; a vendor's HTTP broadcast platform would be another implementation.
import type { MqttClient } from 'mqtt';
import { connectPersistent } from '../../core/mqtt';
import { SpeakerStatusMessage, speakerPlayTopic, type SpeakerPlayCommand } from '@linli/contracts';
import type { Logger } from '../../logger';

/** What a transport hears from a speaker: it came online or went offline, or acknowledged a command. */
export type StatusHandler = (communityId: string, speakerId: string, msg: SpeakerStatusMessage) => void;

export interface SpeakerTransport {
  readonly name: string;
  /** Resolves once the transport knows the speakers' states (connected and retained states heard), or after a bounded wait. */
  ready(): Promise<void>;
  /** Whether the transport itself is up (a broker outage is waited out; a speaker that is offline is recorded as such). */
  connected(): boolean;
  /** Whether the speaker is reachable now, as far as the transport knows. */
  online(communityId: string, speakerId: string): boolean;
  /** Resolves once the command is handed over (the broker has it); rejects with a reason otherwise. */
  play(communityId: string, speakerId: string, cmd: SpeakerPlayCommand): Promise<void>;
  start(onStatus: StatusHandler): void | Promise<void>;
  stop(): Promise<void>;
}

/** No way to reach speakers (production without a broker): every speaker is offline, and the ledger says so. */
export class NoSpeakers implements SpeakerTransport {
  readonly name = 'none';
  async ready(): Promise<void> {}
  /** Nothing to wait for: with no channel every speaker is simply offline. */
  connected(): boolean {
    return true;
  }
  online(): boolean {
    return false;
  }
  async play(): Promise<void> {
    throw new Error('未配置音柱通道');
  }
  start(): void {}
  async stop(): Promise<void> {}
}

const STATUS_RX = /^linli\/([a-z0-9-]{2,32})\/speakers\/([0-9a-f]{24})\/status$/;
const PUBLISH_TIMEOUT_MS = 5000;
/** Retained states follow the subscription's acknowledgement on the same connection; this covers their arrival. */
const RETAINED_SETTLE_MS = 300;
const READY_MAX_MS = 5000;

/**
 * Speakers on MQTT: commands on linli/<c>/speakers/<id>/play (QoS 1), state and acknowledgements on linli/<c>/speakers/<id>/status.
 * A speaker publishes a retained {"type":"online"} when it connects and leaves a retained {"type":"offline"} as its last will,
 * so subscribing tells the server every speaker's state at once.
 */
export class MqttSpeakers implements SpeakerTransport {
  readonly name = 'mqtt';
  private client: MqttClient | null = null;
  private readonly state = new Map<string, boolean>();
  private subscribedAt = 0;

  constructor(
    private readonly log: Logger,
    private readonly opts: { url: string; clientId: string; credentials?: { username: string; password: string }; communityIds: string[] },
  ) {}

  online(communityId: string, speakerId: string): boolean {
    return !!this.client?.connected && this.state.get(`${communityId}/${speakerId}`) === true;
  }

  connected(): boolean {
    return !!this.client?.connected;
  }

  /** A play due right after a restart waits until the speakers' retained states are in, instead of finding them all offline. */
  async ready(): Promise<void> {
    const end = Date.now() + READY_MAX_MS;
    while (Date.now() < end) {
      if (this.client?.connected && this.subscribedAt && Date.now() - this.subscribedAt >= RETAINED_SETTLE_MS) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  start(onStatus: StatusHandler): void {
    if (this.client) return;
    // A persistent session keeps acknowledgements for us while the server restarts.
    const client = connectPersistent({ url: this.opts.url, clientId: this.opts.clientId, credentials: this.opts.credentials });
    this.client = client;
    client.on('connect', () => {
      client.subscribe(this.opts.communityIds.map((c) => `linli/${c}/speakers/+/status`), { qos: 1 }, (err) => {
        if (err) this.log.warn({ err }, 'speaker status subscribe failed');
        else this.subscribedAt = Date.now();
      });
    });
    client.on('close', () => {
      this.subscribedAt = 0;
    });
    client.on('error', (err) => this.log.warn({ err: err.message }, 'speaker mqtt error'));
    client.on('message', (topic, payload) => {
      const m = STATUS_RX.exec(topic);
      if (!m) return;
      let msg: SpeakerStatusMessage;
      try {
        msg = SpeakerStatusMessage.parse(JSON.parse(payload.toString('utf8')));
      } catch {
        this.log.warn({ topic }, 'malformed speaker status ignored');
        return;
      }
      if (msg.type !== 'ack') this.state.set(`${m[1]}/${m[2]}`, msg.type === 'online');
      onStatus(m[1]!, m[2]!, msg);
    });
  }

  async play(communityId: string, speakerId: string, cmd: SpeakerPlayCommand): Promise<void> {
    const client = this.client;
    if (!client?.connected) throw new Error('广播通道未连接');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.publishAsync(speakerPlayTopic(communityId, speakerId), JSON.stringify(cmd), { qos: 1 }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('广播通道无应答')), PUBLISH_TIMEOUT_MS))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.endAsync(!client.connected).catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    client.removeAllListeners();
    client.on('error', () => undefined);
  }
}
