// The alerts feature's face: device ingestion (HTTP webhook + MQTT), the alert board with dedupe, escalation timers and tickets, live pushes.
import type { FeatureCore, LinliFace } from '../feature-core';
import type { CareDirectoryApi } from '../care/care.directory';
import type { DevicesApi } from '../devices/device.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import type { TicketsApi } from '../tickets/ticket.service';
import { AlertIngest, FLUSH_STATS_MS, PRUNE_SEEN_MS } from './alert.ingest';
import { MqttIngest } from './alert.mqtt';
import { alertSockets } from './alert.realtime';
import { EscalationPolicies } from './alert.policies';
import { AlertRepository } from './alert.repository';
import { alertPolicyRoutes } from './alert.policy.routes';
import { alertRoutes } from './alert.routes';
import { AlertService, ESCALATION_TIMER_KIND } from './alert.service';

export interface AlertNeeds {
  staff: StaffApi;
  residents: ResidentsApi;
  tickets: TicketsApi;
  devices: DevicesApi;
  /** Built before alerts from the care feature's profiles (care itself comes after: it raises no_checkin alerts). */
  care: CareDirectoryApi;
}

export function alertsFeature(core: FeatureCore, needs: AlertNeeds): LinliFace<AlertService> & { ingest: AlertIngest } {
  const { config, bus, scheduler, io, log } = core;
  const repo = new AlertRepository(core.conn);
  const policies = new EscalationPolicies(core.conn);
  const alerts = new AlertService(repo, {
    bus, scheduler, staff: needs.staff, tickets: needs.tickets, care: needs.care, residents: needs.residents, policies, escalationScale: config.ALERT_ESCALATION_SCALE,
  });
  const ingest = new AlertIngest({
    alerts, repo, devices: needs.devices, residents: needs.residents, care: needs.care, bus, log,
    defaultCommunityId: config.COMMUNITY_ID,
    dedupeWindowMs: config.ALERT_DEDUPE_WINDOW_SECONDS * 1000,
    maxSkewMs: config.DEVICE_EVENT_MAX_SKEW_SECONDS * 1000,
    // The devices feature keeps the broker's accounts and ACL exactly when both are set (see device.feature.ts).
    brokerAuthenticates: Boolean(config.MQTT_BROKER_AUTH_DIR && config.MQTT_PASSWORD),
  });
  const username = config.MQTT_USERNAME ?? `linli-server-${config.COMMUNITY_ID}`;
  const mqtt = new MqttIngest(ingest, log, {
    url: config.MQTT_URL,
    // The broker's use_username_as_clientid makes the session the account's: no device credential can take it over.
    clientId: config.MQTT_CLIENT_ID ?? username,
    credentials: config.MQTT_PASSWORD ? { username, password: config.MQTT_PASSWORD } : undefined,
    communityIds: [config.COMMUNITY_ID],
  });
  return {
    name: 'alerts',
    api: alerts,
    ingest,
    routes: [...alertPolicyRoutes(policies), ...alertRoutes(alerts, ingest, mqtt)],
    emits: ['alert.opened', 'alert.updated', 'alert.raised', 'alert.notify', 'device.heartbeat'],
    subscriptions: alertSockets(io),
    timers: [{ kind: ESCALATION_TIMER_KIND, fire: (job) => alerts.onEscalationDue(job), rearm: () => alerts.pendingEscalations() }],
    intervals: [
      { name: 'alerts.flush-ingest-stats', everyMs: FLUSH_STATS_MS, run: () => ingest.flush() },
      { name: 'alerts.prune-seen-events', everyMs: PRUNE_SEEN_MS, run: () => ingest.pruneSeen() },
    ],
    start: () => mqtt.start(),
    // Disconnect first and let received events finish, then write their counters.
    stop: async () => {
      await mqtt.stop();
      await ingest.flush();
    },
  };
}
