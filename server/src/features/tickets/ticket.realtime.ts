// Pushes ticket changes to Socket.io exactly to whom HTTP shows them: staff covering the ticket's building (or assigned to it), in the staff view; big screens, masked; the reporter, in theirs.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms, staffCovering } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import type { UploadsApi } from '../uploads/upload.service';
import { ticketDto } from './ticket.dto';
import { screenTicket } from './ticket.screen';
import type { TicketDoc } from './ticket.model';

/** TicketService.canSee for staff: coversBuilding(location.building) or the assignee. */
const staffWhoSee = (t: TicketDoc) => staffCovering(t.communityId, t.location?.building, [t.assigneeId]);

export function ticketSockets(io: Io, uploads: UploadsApi): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'ticket.created'>('ticket.created', async ({ ticket }) => {
      const staffView = await ticketDto(ticket, 'staff', uploads);
      io.to(staffWhoSee(ticket)).emit('ticket:created', staffView);
      io.to(rooms.screen(ticket.communityId)).emit('ticket:created', screenTicket(staffView));
    }),
    on<DomainEvents, 'ticket.updated'>('ticket.updated', async ({ ticket, change }) => {
      const staffView = await ticketDto(ticket, 'staff', uploads);
      io.to(staffWhoSee(ticket)).emit('ticket:updated', staffView);
      io.to(rooms.screen(ticket.communityId)).emit('ticket:updated', screenTicket(staffView));
      if (ticket.reporter.residentId && change !== 'internal-comment') {
        const residentView = await ticketDto(ticket, 'resident', uploads);
        io.to(rooms.resident(ticket.communityId, ticket.reporter.residentId)).emit('ticket:updated', residentView);
      }
    }),
  ];
}
