// Care subscribes to device signs of life: a wristband heartbeat is the wearer's daily check-in.
import type { Bus } from '../events';
import type { CareService } from './care.service';

export function careEvents(bus: Bus, care: CareService): void {
  bus.on('device.heartbeat', (e) => care.onHeartbeat(e));
}
