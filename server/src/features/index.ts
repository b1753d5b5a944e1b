// Wires every feature: services in dependency order, their routers, and their event subscribers.
import type Router from '@koa/router';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { CounterRepository } from '../core/counters';
import type { EventBus } from '../core/events';
import type { Scheduler } from '../core/timers/scheduler';
import type { TokenService } from '../http/auth';
import type { Logger } from '../logger';
import type { Io } from '../realtime/io';
import { AuthService } from './auth/auth.service';
import { TencentSms, WechatSubscribe } from './notices/notice.channels';
import { NoticeDelivery } from './notices/notice.delivery';
import { noticeEvents } from './notices/notice.events';
import { noticeRoutes } from './notices/notice.routes';
import { NoticeService } from './notices/notice.service';
import { AlertIngest } from './alerts/alert.ingest';
import { alertEvents } from './alerts/alert.events';
import { MqttIngest } from './alerts/alert.mqtt';
import { alertRoutes } from './alerts/alert.routes';
import { AlertService } from './alerts/alert.service';
import { careEvents } from './care/care.events';
import { careRoutes } from './care/care.routes';
import { CareService } from './care/care.service';
import { deviceRoutes } from './devices/device.routes';
import { DeviceService } from './devices/device.service';
import { boardEvents } from './board/board.events';
import { boardRoutes } from './board/board.routes';
import { BoardService } from './board/board.service';
import { authRoutes } from './auth/auth.routes';
import { botDemoRoutes } from './bot-feed/bot-demo.routes';
import { botFeedEvents } from './bot-feed/bot-feed.events';
import { botFeedRoutes } from './bot-feed/bot-feed.routes';
import { BotFeedService } from './bot-feed/bot-feed.service';
import { WechatClient } from './auth/wechat.client';
import { communityRoutes } from './communities/community.routes';
import { CommunityService } from './communities/community.service';
import { faqEvents } from './faq/faq.events';
import { faqRoutes } from './faq/faq.routes';
import { FaqService } from './faq/faq.service';
import { healthRoutes } from './health/health.routes';
import { residentRoutes } from './residents/resident.routes';
import { ResidentService } from './residents/resident.service';
import { staffRoutes } from './staff/staff.routes';
import { StaffService } from './staff/staff.service';
import { ticketEvents } from './tickets/ticket.events';
import { ticketRoutes } from './tickets/ticket.routes';
import { TicketService } from './tickets/ticket.service';
import { uploadRoutes } from './uploads/upload.routes';
import { UploadService } from './uploads/upload.service';
import { ledgerEvents } from './ledger/ledger.events';
import { ledgerRoutes } from './ledger/ledger.routes';
import { LedgerService } from './ledger/ledger.service';
import { wishlistEvents } from './wishlist/wishlist.events';
import { wishlistRoutes } from './wishlist/wishlist.routes';
import { WishlistService } from './wishlist/wishlist.service';

export interface Core {
  config: Config;
  conn: Connection;
  log: Logger;
  bus: EventBus;
  scheduler: Scheduler;
  io: Io;
  tokens: TokenService;
  counters: CounterRepository;
}

export function buildFeatures(core: Core) {
  const { config, conn, bus, scheduler, io, tokens, counters } = core;
  const communities = new CommunityService(conn);
  const staff = new StaffService(conn);
  const residents = new ResidentService(conn);
  const uploads = new UploadService(conn, config.JWT_SECRET);
  const auth = new AuthService(tokens, staff, residents, new WechatClient(config.WECHAT_API_BASE, config.WECHAT_APPID, config.WECHAT_SECRET));
  const tickets = new TicketService(conn, { bus, counters, scheduler, communities, residents, staff, uploads });
  ticketEvents(bus, io, uploads);

  const routers: Router[] = [
    healthRoutes(conn),
    authRoutes(auth, config),
    communityRoutes(communities),
    staffRoutes(staff),
    residentRoutes(residents),
    uploadRoutes(uploads),
    ticketRoutes(tickets, uploads),
  ];
  // Features of later issues register below, one block each.

  // Group bot feed (issue 5): what the bot must post, pushed to its socket room and kept until acknowledged.
  const botFeed = new BotFeedService(conn, bus);
  botFeedEvents(bus, io, botFeed);
  routers.push(botFeedRoutes(botFeed, uploads), botDemoRoutes(config));

  // FAQ auto-reply and the 24-hour message board (issue 3).
  const faq = new FaqService(conn, bus);
  const board = new BoardService(conn, { bus, residents, uploads, tickets });
  faqEvents(bus, faq);
  boardEvents(bus, io, uploads, board);
  routers.push(faqRoutes(faq), boardRoutes(board, uploads));

  // Devices, alert ingestion (HTTP webhook + MQTT), alert board with escalation, elderly care and check-in (issue 4).
  const devices = new DeviceService(conn, residents);
  const alerts = new AlertService(conn, { bus, scheduler, staff, residents, tickets, escalationScale: config.ALERT_ESCALATION_SCALE });
  const alertIngest = new AlertIngest({
    alerts, devices, residents, bus, log: core.log, defaultCommunityId: config.COMMUNITY_ID,
    dedupeWindowMs: config.ALERT_DEDUPE_WINDOW_SECONDS * 1000, maxSkewMs: config.DEVICE_EVENT_MAX_SKEW_SECONDS * 1000,
  });
  const care = new CareService(conn, { bus, scheduler, residents, staff, devices, alerts, log: core.log });
  alerts.useCare(care);
  alertIngest.useHeartRateLimits(care);
  const mqttIngest = new MqttIngest(alertIngest, core.log, {
    url: config.MQTT_URL, clientId: config.MQTT_CLIENT_ID ?? `linli-server-${config.COMMUNITY_ID}`, communityIds: [config.COMMUNITY_ID],
  });
  alertEvents(bus, io);
  careEvents(bus, care);
  routers.push(deviceRoutes(devices), alertRoutes(alerts, alertIngest, mqttIngest), careRoutes(care));

  // Notices (issue 3): targeted publication, scheduled by persisted timers, fanned out to feed/push/group/SMS/subscribe, read receipts.
  const notices = new NoticeService(conn, { bus, scheduler, residents, uploads, log: core.log });
  const noticeDelivery = new NoticeDelivery(notices.repo, scheduler, new TencentSms(config), new WechatSubscribe(config), config, core.log);
  noticeEvents(bus, io, { uploads, delivery: noticeDelivery, log: core.log });
  routers.push(noticeRoutes(notices, uploads));

  // Ledger and wish list (issue 8): four-eyes property-fee ledger with monthly statements; household wish-list voting.
  const ledger = new LedgerService(conn, { bus, scheduler, uploads });
  const wishlist = new WishlistService(conn, { bus, communities, uploads, residents, ledger });
  ledgerEvents(bus, io, uploads, core.log, notices);
  wishlistEvents(bus, io, { uploads, ledger });
  routers.push(ledgerRoutes(ledger, uploads), wishlistRoutes(wishlist, { uploads, ledger }));

  const services = {
    communities, staff, residents, uploads, auth, tickets,
    faq, board,
    devices, alerts, alertIngest, care,
    notices,
    ledger, wishlist,
  };
  /** Background work starts once the scheduler runs (so armed timers fire), and stops before the database closes. */
  const armAll = async (what: string, arm: () => Promise<void>) => {
    try {
      await arm();
    } catch (err) {
      core.log.error({ err }, `arming ${what} failed`);
    }
  };
  const start = async () => {
    alertIngest.start();
    mqttIngest.start();
    await armAll('check-in deadlines', () => care.armAll());
    await armAll('ledger statement timers', () => ledger.armAll());
  };
  const stop = async () => {
    await mqttIngest.stop();
    await alertIngest.stop();
    devices.stop();
  };
  return { services, routers, start, stop };
}

export type Services = ReturnType<typeof buildFeatures>['services'];
