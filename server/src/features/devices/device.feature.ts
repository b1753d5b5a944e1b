// The devices feature's face: the registry of cameras, sensors and wristbands with per-device keys (also their broker accounts); lastSeenAt written in background batches.
import type { FeatureCore, LinliFace } from '../feature-core';
import type { ResidentsApi } from '../residents/resident.service';
import { BrokerAccounts } from './device.broker';
import { deviceRoutes } from './device.routes';
import { DeviceService, TOUCH_FLUSH_MS } from './device.service';

export interface DeviceNeeds {
  residents: ResidentsApi;
}

export function devicesFeature(core: FeatureCore, needs: DeviceNeeds): LinliFace<DeviceService> {
  const { config, log } = core;
  const devices = new DeviceService(core.conn, needs.residents);
  // With MQTT_BROKER_AUTH_DIR the server keeps Mosquitto's accounts: each device logs in with its id and key, the server with its own.
  const broker =
    config.MQTT_BROKER_AUTH_DIR && config.MQTT_PASSWORD
      ? new BrokerAccounts(
          {
            dir: config.MQTT_BROKER_AUTH_DIR,
            pidFile: config.MQTT_BROKER_PID_FILE,
            server: { username: config.MQTT_USERNAME ?? `linli-server-${config.COMMUNITY_ID}`, password: config.MQTT_PASSWORD },
          },
          () => devices.brokerAccounts(),
          log,
        )
      : null;
  if (broker) {
    // The registry change stands even if the broker cannot be told now (the key was shown once); the next change or start catches up.
    devices.onAccountsChanged = () => broker.sync().catch((err) => log.error({ err }, 'mqtt broker accounts not updated'));
  }
  return {
    name: 'devices',
    api: devices,
    routes: deviceRoutes(devices),
    emits: [],
    intervals: [{ name: 'devices.flush-seen', everyMs: TOUCH_FLUSH_MS, run: () => devices.flushSeen() }],
    // Before the alerts feature connects: its own account must be in the password file.
    start: broker ? () => broker.sync() : undefined,
  };
}
