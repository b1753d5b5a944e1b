// Pushes ticket changes to Socket.io: staff see everything in their community, the reporter sees their own.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import type { UploadsApi } from '../uploads/upload.service';
import { ticketDto } from './ticket.dto';

export function ticketSockets(io: Io, uploads: UploadsApi): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'ticket.created'>('ticket.created', async ({ ticket }) => {
      io.to(rooms.staff(ticket.communityId)).emit('ticket:created', await ticketDto(ticket, 'staff', uploads));
    }),
    on<DomainEvents, 'ticket.updated'>('ticket.updated', async ({ ticket, change }) => {
      const staffView = await ticketDto(ticket, 'staff', uploads);
      io.to(rooms.staff(ticket.communityId)).emit('ticket:updated', staffView);
      if (ticket.reporter.residentId && change !== 'internal-comment') {
        const residentView = await ticketDto(ticket, 'resident', uploads);
        io.to(rooms.resident(ticket.communityId, ticket.reporter.residentId)).emit('ticket:updated', residentView);
      }
    }),
  ];
}
