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
import { boardEvents } from './board/board.events';
import { boardRoutes } from './board/board.routes';
import { BoardService } from './board/board.service';
import { authRoutes } from './auth/auth.routes';
import { botFeedEvents } from './bot-feed/bot-feed.events';
import { botFeedRoutes } from './bot-feed/bot-feed.routes';
import { BotFeedService } from './bot-feed/bot-feed.service';
import { WechatClient } from './auth/wechat.client';
import { communityRoutes } from './communities/community.routes';
import { CommunityService } from './communities/community.service';
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

  const services = { communities, staff, residents, uploads, auth, tickets };
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
  routers.push(botFeedRoutes(botFeed, uploads));

  // FAQ auto-reply and the 24-hour message board (issue 3).
  const faq = new FaqService(conn);
  const board = new BoardService(conn, { bus, residents, uploads, tickets });
  boardEvents(bus, io, uploads);
  Object.assign(services, { faq, board });
  routers.push(faqRoutes(faq), boardRoutes(board, uploads));

  return { services: services as typeof services & { faq: FaqService; board: BoardService }, routers };
}

export type Services = ReturnType<typeof buildFeatures>['services'];
