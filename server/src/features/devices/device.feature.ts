// The devices feature's face: the registry of cameras, sensors and wristbands with per-device keys; lastSeenAt written in background batches.
import type { FeatureCore, LinliFace } from '../feature-core';
import type { ResidentsApi } from '../residents/resident.service';
import { deviceRoutes } from './device.routes';
import { DeviceService, TOUCH_FLUSH_MS } from './device.service';

export interface DeviceNeeds {
  residents: ResidentsApi;
}

export function devicesFeature(core: FeatureCore, needs: DeviceNeeds): LinliFace<DeviceService> {
  const devices = new DeviceService(core.conn, needs.residents);
  return {
    name: 'devices',
    api: devices,
    routes: deviceRoutes(devices),
    emits: [],
    intervals: [{ name: 'devices.flush-seen', everyMs: TOUCH_FLUSH_MS, run: () => devices.flushSeen() }],
  };
}
