// MQTT ingestion: subscribes to linli/<communityId>/devices/+/events and feeds the same pipeline as the HTTP webhook; a broker outage never stops the server.
import type { MqttClient } from 'mqtt';
import { connectPersistent } from '../../core/mqtt';
import type { Logger } from '../../logger';
import type { AlertIngest } from './alert.ingest';

const TOPIC_RX = /^linli\/([a-z0-9-]{2,32})\/devices\/([^/]{1,64})\/events$/;

export class MqttIngest {
  private client: MqttClient | null = null;
  private connected = false;
  private reconnects = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly ingest: AlertIngest,
    private readonly log: Logger,
    private readonly opts: { url?: string; clientId: string; credentials?: { username: string; password: string }; communityIds: string[] },
  ) {}

  get topics(): string[] {
    return this.opts.communityIds.map((c) => `linli/${c}/devices/+/events`);
  }

  /** Connects in the background: mqtt.js retries every second until the broker is there. */
  start(): void {
    if (!this.opts.url || this.client) return;
    // A persistent session (clean: false, QoS 1) lets the broker keep events for us while we restart.
    const client = connectPersistent({ url: this.opts.url, clientId: this.opts.clientId, credentials: this.opts.credentials });
    this.client = client;
    client.on('connect', () => {
      this.connected = true;
      this.log.info({ url: redact(this.opts.url!) }, 'mqtt connected');
      client.subscribe(this.topics, { qos: 1 }, (err) => {
        if (err) this.log.warn({ err }, 'mqtt subscribe failed');
      });
    });
    client.on('reconnect', () => {
      this.reconnects++;
    });
    client.on('close', () => {
      if (this.connected) this.log.warn('mqtt connection lost; reconnecting');
      this.connected = false;
    });
    client.on('error', (err) => this.log.warn({ err: err.message }, 'mqtt error'));
    client.on('message', (topic, payload) => {
      const m = TOPIC_RX.exec(topic);
      if (!m) return;
      const p = this.ingest.ingestMqtt(m[1]!, m[2]!, payload);
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    });
  }

  status() {
    return { url: this.opts.url ? redact(this.opts.url) : undefined, connected: this.connected, reconnects: this.reconnects };
  }

  /** Disconnects (bounded wait) and lets events already received finish. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([client.endAsync(!this.connected).catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      client.removeAllListeners();
      client.on('error', () => undefined);
    }
    this.connected = false;
    await Promise.allSettled([...this.inFlight]);
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'mqtt';
  }
}
