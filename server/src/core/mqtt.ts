// The server's own broker connections (device events, speakers): one persistent session each, so the broker keeps QoS 1 messages while the server restarts.
import mqtt, { type MqttClient } from 'mqtt';

export interface ServerMqttOptions {
  url: string;
  /** Stable per purpose: the broker finds the session (and what it kept) by it. */
  clientId: string;
  credentials?: { username: string; password: string };
}

/** Connects in the background; mqtt.js retries every second until the broker is there. */
export function connectPersistent(o: ServerMqttOptions): MqttClient {
  return mqtt.connect(o.url, { clientId: o.clientId, ...o.credentials, clean: false, reconnectPeriod: 1000, connectTimeout: 5000, keepalive: 30 });
}
