// What every feature face is built from: the core services (config, database, bus, scheduler, sockets, tokens), and the face type bound to our event map.
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { CounterRepository } from '../core/counters';
import type { Face } from '../core/feature';
import type { Metrics } from '../core/metrics';
import type { RateLimits } from '../core/rate-limit';
import type { Scheduler } from '../core/timers/scheduler';
import type { TokenService } from '../core/tokens';
import type { Logger } from '../logger';
import type { Io } from '../realtime/io';
import type { Bus, DomainEvents } from './events';

export interface FeatureCore {
  config: Config;
  conn: Connection;
  log: Logger;
  bus: Bus;
  scheduler: Scheduler;
  io: Io;
  tokens: TokenService;
  counters: CounterRepository;
  /** Rate limits counted in the database, so every server node sees the same counts. */
  rateLimits: RateLimits;
  /** Prometheus registry of this app: features add their own counters and gauges. */
  metrics: Metrics;
}

export type LinliFace<Api = unknown> = Face<DomainEvents, Api>;
