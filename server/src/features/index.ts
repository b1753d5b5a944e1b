// The features in dependency order: each face is built from the core and the narrow services of the faces before it.
import type { LinliFace } from './feature-core';
import type { FeatureCore } from './feature-core';
import { AuthService } from './auth/auth.service';
import { TencentSms, WechatSubscribe } from './notices/notice.channels';
import { NoticeDelivery } from './notices/notice.delivery';
import { noticeEvents } from './notices/notice.events';
import { noticeRoutes } from './notices/notice.routes';
import { NoticeService } from './notices/notice.service';
import { alertsFeature } from './alerts/alert.feature';
import { careDirectory, careFeature } from './care/care.feature';
import { devicesFeature } from './devices/device.feature';
import { boardFeature } from './board/board.feature';
import { authRoutes } from './auth/auth.routes';
import { botFeedFeature } from './bot-feed/bot-feed.feature';
import { WechatClient } from './auth/wechat.client';
import { communityRoutes } from './communities/community.routes';
import { CommunityService } from './communities/community.service';
import { faqFeature } from './faq/faq.feature';
import { healthRoutes } from './health/health.routes';
import { residentRoutes } from './residents/resident.routes';
import { ResidentService } from './residents/resident.service';
import { staffRoutes } from './staff/staff.routes';
import { StaffService } from './staff/staff.service';
import { docsFeature } from './docs/docs.feature';
import { ticketsFeature } from './tickets/ticket.feature';
import { uploadRoutes } from './uploads/upload.routes';
import { UploadService } from './uploads/upload.service';
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
  const communities = new CommunityService(conn);
  const staff = new StaffService(conn);
  const residents = new ResidentService(conn);
  const uploads = new UploadService(conn, config.JWT_SECRET);
  const auth = new AuthService(tokens, staff, residents, new WechatClient(config.WECHAT_API_BASE, config.WECHAT_APPID, config.WECHAT_SECRET));
  const registry: LinliFace[] = [
    { name: 'health', api: {}, legacyRouters: [healthRoutes(conn)] },
    { name: 'auth', api: auth, legacyRouters: [authRoutes(auth, config)] },
    { name: 'communities', api: communities, legacyRouters: [communityRoutes(communities)] },
    { name: 'staff', api: staff, legacyRouters: [staffRoutes(staff)] },
    { name: 'residents', api: residents, legacyRouters: [residentRoutes(residents)] },
    { name: 'uploads', api: uploads, legacyRouters: [uploadRoutes(uploads)] },
  ];

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
