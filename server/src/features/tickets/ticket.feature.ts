// The tickets feature's face: report, follow and move problems through their transition table; SLA deadlines; live pushes to staff and reporter.
import { on } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { CommunitiesApi } from '../communities/community.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import type { UploadsApi } from '../uploads/upload.service';
import type { ServiceClockApi } from '../service-clock/service-clock.service';
import { LADDER_TIMER_KIND } from './ticket.ladder';
import { REVISIT_TIMER_KIND } from './ticket.revisit';
import { ticketSockets } from './ticket.realtime';
import { ticketRoutes } from './ticket.routes';
import { SLA_TIMER_KIND, TicketService } from './ticket.service';

export interface TicketNeeds {
  communities: CommunitiesApi;
  residents: ResidentsApi;
  staff: StaffApi;
  uploads: UploadsApi;
  clock: ServiceClockApi;
}

export function ticketsFeature(core: FeatureCore, needs: TicketNeeds): LinliFace<TicketService> {
  const { bus, counters, scheduler, io } = core;
  const tickets = new TicketService(core.conn, { bus, counters, scheduler, serviceScale: core.config.SERVICE_CLOCK_SCALE, ...needs });
  return {
    name: 'tickets',
    api: tickets,
    routes: ticketRoutes(tickets, needs.uploads, core.rateLimits),
    // Tickets filed before the service clock get their 签收 deadline and ladder (ticket.backfill.ts).
    migrations: tickets.migrations(),
    emits: ['ticket.created', 'ticket.updated', 'ticket.ladder', 'ticket.revisit'],
    // The ladder's 催办/督办/街道 steps and 回访 reach the panel and the mini-program as ticket:updated; the service-reach feature
    // hears ticket.ladder / ticket.revisit and sends SMS to staff and the bot private message or SMS to the resident.
    subscriptions: [
      ...ticketSockets(io, needs.uploads),
      // Linked reports follow their primary's moves, each on its own timeline (so every reporter hears the progress).
      on<DomainEvents, 'ticket.updated'>('ticket.updated', ({ ticket, change }) => tickets.links.onPrimaryUpdated(ticket, change)),
      // Every resolved report gets its 回访, a linked one too (each reporter is asked about her own).
      on<DomainEvents, 'ticket.updated'>('ticket.updated', ({ ticket, change }) => (change === 'resolve' ? tickets.revisits.onResolved(ticket) : undefined)),
    ],
    timers: [
      { kind: SLA_TIMER_KIND, fire: (job) => tickets.onSlaDue(job), rearm: () => tickets.pendingSlaJobs() },
      // Persisted (one timer document per ticket, leased): fires once across restarts and nodes; each step is a conditional update.
      { kind: LADDER_TIMER_KIND, fire: (job) => tickets.ladder.onDue(job) },
      { kind: REVISIT_TIMER_KIND, fire: (job) => tickets.revisits.onDue(job) },
    ],
  };
}
