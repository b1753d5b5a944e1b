// The care feature's face: profiles of elderly residents (health data audited), daily check-in from four sources, quiet hours and the absence calendar, the deadline timer that raises one no_checkin alert.
import { on } from '../../core/feature';
import type { AlertsApi } from '../alerts/alert.service';
import type { DevicesApi } from '../devices/device.service';
import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import { CareDirectory } from './care.directory';
import { parseQuietHours } from './care.calendar';
import { careRoutes } from './care.routes';
import { CHECKIN_TIMER_KIND, CareService } from './care.service';

/** The care programme's answers that alerting needs; built before alerts, and handed to the care face below. */
export function careDirectory(core: FeatureCore, needs: { residents: ResidentsApi }): CareDirectory {
  return new CareDirectory(core.conn, needs.residents);
}

export interface CareNeeds {
  residents: ResidentsApi;
  staff: StaffApi;
  devices: DevicesApi;
  alerts: AlertsApi;
  directory: CareDirectory;
}

export function careFeature(core: FeatureCore, needs: CareNeeds): LinliFace<CareService> {
  const care = new CareService(core.conn, { scheduler: core.scheduler, ...needs, defaultQuietHours: parseQuietHours(core.config.CARE_QUIET_HOURS) });
  return {
    name: 'care',
    api: care,
    routes: careRoutes(care, core.rateLimits),
    emits: [],
    // A wristband's sign of life is the wearer's daily check-in.
    subscriptions: [
      on<DomainEvents, 'device.heartbeat'>('device.heartbeat', (e) => care.onHeartbeat(e)),
      on<DomainEvents, 'resident.answered'>('resident.answered', (e) => care.onAnswered(e)),
    ],
    timers: [{ kind: CHECKIN_TIMER_KIND, fire: (job) => care.onDeadline(job), rearm: () => care.pendingDeadlines() }],
  };
}
