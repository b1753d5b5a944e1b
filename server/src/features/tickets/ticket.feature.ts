// The tickets feature's face: report, follow and move problems through their transition table; SLA deadlines; live pushes to staff and reporter.
import { on } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { CommunitiesApi } from '../communities/community.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import type { UploadsApi } from '../uploads/upload.service';
import { ticketSockets } from './ticket.realtime';
import { ticketRoutes } from './ticket.routes';
import { SLA_TIMER_KIND, TicketService } from './ticket.service';

export interface TicketNeeds {
  communities: CommunitiesApi;
  residents: ResidentsApi;
  staff: StaffApi;
  uploads: UploadsApi;
}

export function ticketsFeature(core: FeatureCore, needs: TicketNeeds): LinliFace<TicketService> {
  const { bus, counters, scheduler, io } = core;
  const tickets = new TicketService(core.conn, { bus, counters, scheduler, ...needs });
  return {
    name: 'tickets',
    api: tickets,
    routes: ticketRoutes(tickets, needs.uploads),
    emits: ['ticket.created', 'ticket.updated'],
    subscriptions: [
      ...ticketSockets(io, needs.uploads),
      // Linked reports follow their primary's moves, each on its own timeline (so every reporter hears the progress).
      on<DomainEvents, 'ticket.updated'>('ticket.updated', ({ ticket, change }) => tickets.links.onPrimaryUpdated(ticket, change)),
    ],
    timers: [{ kind: SLA_TIMER_KIND, fire: (job) => tickets.onSlaDue(job), rearm: () => tickets.pendingSlaJobs() }],
  };
}
