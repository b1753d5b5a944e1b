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
  const tickets = new TicketService(core.conn, { bus, counters, scheduler, ...needs });
  return {
    name: 'tickets',
    api: tickets,
    routes: ticketRoutes(tickets, needs.uploads),
    emits: ['ticket.created', 'ticket.updated', 'ticket.ladder'],
    // The ladder's 催办/督办/街道 steps reach the panel as ticket:updated; this event is where SMS to staff plugs in.
    publicEvents: ['ticket.ladder'],
    subscriptions: [
      ...ticketSockets(io, needs.uploads),
      // Linked reports follow their primary's moves, each on its own timeline (so every reporter hears the progress).
      on<DomainEvents, 'ticket.updated'>('ticket.updated', ({ ticket, change }) => tickets.links.onPrimaryUpdated(ticket, change)),
    ],
    timers: [
      { kind: SLA_TIMER_KIND, fire: (job) => tickets.onSlaDue(job), rearm: () => tickets.pendingSlaJobs() },
      // Persisted (one timer document per ticket, leased): fires once across restarts and nodes; each step is a conditional update.
      { kind: LADDER_TIMER_KIND, fire: (job) => tickets.ladder.onDue(job) },
    ],
  };
}
