// The features in dependency order: each face is built from the core and the narrow services of the faces before it.
import type { FeatureCore, LinliFace } from './feature-core';
import { authFeature } from './auth/auth.feature';
import { communitiesFeature } from './communities/community.feature';
import { healthFeature } from './health/health.feature';
import { metricsFeature } from './metrics/metrics.feature';
import { residentsFeature } from './residents/resident.feature';
import { staffFeature } from './staff/staff.feature';
import { screensFeature } from './screens/screen.feature';
import { uploadsFeature } from './uploads/upload.feature';
import { noticesFeature } from './notices/notice.feature';
import { alertsFeature } from './alerts/alert.feature';
import { careDirectory, careFeature } from './care/care.feature';
import { devicesFeature } from './devices/device.feature';
import { boardFeature } from './board/board.feature';
import { botFeedFeature } from './bot-feed/bot-feed.feature';
import { faqFeature } from './faq/faq.feature';
import { docsFeature } from './docs/docs.feature';
import { ticketsFeature } from './tickets/ticket.feature';
import { serviceClockFeature } from './service-clock/service-clock.feature';
import { serviceStatsFeature } from './service-stats/service-stats.feature';
import { streetsFeature } from './streets/street.feature';
import { ledgerFeature } from './ledger/ledger.feature';
import { wishlistFeature } from './wishlist/wishlist.feature';
import { notificationsFeature } from './notifications/notifications.feature';
import { broadcastFeature } from './broadcast/broadcast.feature';
import { serviceReachFeature } from './service-reach/service-reach.feature';

export type { FeatureCore } from './feature-core';

export function buildFeatures(core: FeatureCore) {
  // --- registry: communities, staff, residents, uploads, sign-in -------------------------------------------------
  const communitiesFace = communitiesFeature(core);
  const staffFace = staffFeature(core);
  const residentsFace = residentsFeature(core);
  const uploadsFace = uploadsFeature(core);
  const authFace = authFeature(core, { staff: staffFace.api, residents: residentsFace.api, communities: communitiesFace.api });
  const communities = communitiesFace.api;
  const staff = staffFace.api;
  const residents = residentsFace.api;
  const uploads = uploadsFace.api;
  const auth = authFace.api;
  const registry: LinliFace[] = [healthFeature(core), metricsFeature(core), communitiesFace, staffFace, residentsFace, uploadsFace, authFace, screensFeature(core)];

  // --- tickets -------------------------------------------------------------------------------------------------------
  const serviceClockFace = serviceClockFeature(core, { communities });
  const ticketsFace = ticketsFeature(core, { communities, residents, staff, uploads, clock: serviceClockFace.api });
  const tickets = ticketsFace.api;
  const serviceStatsFace = serviceStatsFeature(core, { tickets, communities });
  // --- the street (街道) level: read-only KPIs and supervised tickets over a street's communities --------------------------
  const streetsFace = streetsFeature(core, { communities, tickets, stats: serviceStatsFace.api });
  const streets = streetsFace.api;

  // --- group bot feed: what the bot must post, pushed to its socket room and kept until acknowledged -----------------
  const botFeedFace = botFeedFeature(core, { tickets, uploads });

  // --- FAQ auto-reply and the 24-hour message board ---------------------------------------------------------------------
  const faqFace = faqFeature(core);
  const faq = faqFace.api;
  const boardFace = boardFeature(core, { residents, uploads, tickets });
  const board = boardFace.api;

  // --- devices, alert ingestion (HTTP webhook + MQTT), alert board with escalation, elderly care and check-in -----------
  const devicesFace = devicesFeature(core, { residents });
  const devices = devicesFace.api;
  const directory = careDirectory(core, { residents });
  const alertsFace = alertsFeature(core, { staff, residents, tickets, devices, care: directory });
  const alerts = alertsFace.api;
  const alertIngest = alertsFace.ingest;
  const careFace = careFeature(core, { residents, staff, devices, alerts, directory });
  const care = careFace.api;

  // --- notifications: alert levels reach phones (SMS, voice calls for sos/fall) with a delivery ledger; ack stops every send
  const notificationsFace = notificationsFeature(core, { alerts: alertsFace.api, residents, botFeed: botFeedFace.api, care });

  // --- notices: targeted publication, scheduled by persisted timers, fanned out to feed/push/group and (through notifications) SMS/subscribe
  const noticesFace = noticesFeature(core, { residents, uploads, notifications: notificationsFace.api });
  const notices = noticesFace.api;

  // --- ledger and wish list: four-eyes property-fee ledger with monthly statements; household wish-list voting ----------
  const ledgerFace = ledgerFeature(core, { uploads, notices });
  const ledger = ledgerFace.api;
  const wishlistFace = wishlistFeature(core, { communities, uploads, residents, ledger });
  const wishlist = wishlistFace.api;

  // --- 接诉即办 reaches people: ladder SMS to staff, 回访 to the resident (bot private message or SMS), on the same ledger ----
  const serviceReachFace = serviceReachFeature(core, { staff, residents, notifications: notificationsFace.api });

  // --- smart broadcast: notices, public-safety alerts and staff speak through the estate's speakers (outcomes in the same ledger)
  const broadcastFace = broadcastFeature(core, { devices, uploads, notifications: notificationsFace.api });
  const broadcast = broadcastFace.api;

  const faces: LinliFace[] = [
    ...registry, serviceClockFace, ticketsFace, serviceStatsFace, streetsFace, botFeedFace, faqFace, boardFace, devicesFace, alertsFace, notificationsFace, serviceReachFace, careFace, noticesFace, ledgerFace, wishlistFace, broadcastFace,
  ];
  faces.push(docsFeature(() => faces.flatMap((f) => f.routes ?? [])));
  const services = {
    communities, staff, residents, uploads, auth, tickets, streets,
    faq, board,
    devices, alerts, alertIngest, care,
    notices,
    ledger, wishlist,
    broadcast,
  };
  return { faces, services };
}

export type Services = ReturnType<typeof buildFeatures>['services'];
