// The features in dependency order: each face is built from the core and the narrow services of the faces before it.
import type { LinliFace } from './feature-core';
import type { FeatureCore } from './feature-core';
import { authFeature } from './auth/auth.feature';
import { communitiesFeature } from './communities/community.feature';
import { healthFeature } from './health/health.feature';
import { residentsFeature } from './residents/resident.feature';
import { staffFeature } from './staff/staff.feature';
import { uploadsFeature } from './uploads/upload.feature';
import { TencentSms, WechatSubscribe } from './notices/notice.channels';
import { NoticeDelivery } from './notices/notice.delivery';
import { noticeEvents } from './notices/notice.events';
import { noticeRoutes } from './notices/notice.routes';
import { NoticeService } from './notices/notice.service';
import { alertsFeature } from './alerts/alert.feature';
import { careDirectory, careFeature } from './care/care.feature';
import { devicesFeature } from './devices/device.feature';
import { boardFeature } from './board/board.feature';
import { botFeedFeature } from './bot-feed/bot-feed.feature';
import { faqFeature } from './faq/faq.feature';
import { docsFeature } from './docs/docs.feature';
import { ticketsFeature } from './tickets/ticket.feature';
import { ledgerEvents } from './ledger/ledger.events';
import { ledgerRoutes } from './ledger/ledger.routes';
import { LedgerService } from './ledger/ledger.service';
import { wishlistEvents } from './wishlist/wishlist.events';
import { wishlistRoutes } from './wishlist/wishlist.routes';
import { WishlistService } from './wishlist/wishlist.service';
import { notificationsFeature } from './notifications/notifications.feature';

export type { FeatureCore } from './feature-core';

export function buildFeatures(core: FeatureCore) {
  const { config, conn, bus, scheduler, io, tokens } = core;

  // --- registry: communities, staff, residents, uploads, sign-in -------------------------------------------------
  const communitiesFace = communitiesFeature(core);
  const staffFace = staffFeature(core);
  const residentsFace = residentsFeature(core);
  const uploadsFace = uploadsFeature(core);
  const authFace = authFeature(core, { staff: staffFace.api, residents: residentsFace.api });
  const communities = communitiesFace.api;
  const staff = staffFace.api;
  const residents = residentsFace.api;
  const uploads = uploadsFace.api;
  const auth = authFace.api;
  const registry: LinliFace[] = [healthFeature(core), communitiesFace, staffFace, residentsFace, uploadsFace, authFace];

  // --- tickets -------------------------------------------------------------------------------------------------------
  const ticketsFace = ticketsFeature(core, { communities, residents, staff, uploads });
  const tickets = ticketsFace.api;

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

  // --- notices: targeted publication, scheduled by persisted timers, fanned out to feed/push/group/SMS/subscribe --------
  const notices = new NoticeService(conn, { bus, scheduler, residents, uploads, log: core.log });
  const noticeDelivery = new NoticeDelivery(notices.repo, scheduler, new TencentSms(config), new WechatSubscribe(config), config, core.log);
  noticeEvents(bus, io, { uploads, delivery: noticeDelivery, log: core.log });
  const noticesFace: LinliFace = { name: 'notices', api: notices, legacyRouters: [noticeRoutes(notices, uploads)] };

  // --- ledger and wish list: four-eyes property-fee ledger with monthly statements; household wish-list voting ----------
  const ledger = new LedgerService(conn, { bus, scheduler, uploads });
  const wishlist = new WishlistService(conn, { bus, communities, uploads, residents, ledger });
  ledgerEvents(bus, io, uploads, core.log, notices);
  wishlistEvents(bus, io, { uploads, ledger });
  scheduler.derive('ledger.statement.boot', async () => { await ledger.armAll(); return []; });
  const ledgerFace: LinliFace = { name: 'ledger', api: ledger, legacyRouters: [ledgerRoutes(ledger, uploads)] };
  const wishlistFace: LinliFace = { name: 'wishlist', api: wishlist, legacyRouters: [wishlistRoutes(wishlist, { uploads, ledger })] };

  // --- notifications: alert levels reach phones (SMS, voice calls for sos/fall) with a delivery ledger; ack stops every send
  const notificationsFace = notificationsFeature(core, { staff });

  const faces: LinliFace[] = [
    ...registry, ticketsFace, botFeedFace, faqFace, boardFace, devicesFace, alertsFace, notificationsFace, careFace, noticesFace, ledgerFace, wishlistFace,
  ];
  faces.push(docsFeature(() => faces.flatMap((f) => f.routes ?? [])));
  const services = {
    communities, staff, residents, uploads, auth, tickets,
    faq, board,
    devices, alerts, alertIngest, care,
    notices,
    ledger, wishlist,
  };
  return { faces, services };
}

export type Services = ReturnType<typeof buildFeatures>['services'];
