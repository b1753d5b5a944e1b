// Pushes ticket changes to Socket.io: staff see everything in their community, the reporter sees their own.
import type { EventBus } from '../../core/events';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { UploadService } from '../uploads/upload.service';
import { ticketDto } from './ticket.dto';

export function ticketEvents(bus: EventBus, io: Io, uploads: UploadService): void {
  bus.on('ticket.created', async ({ ticket }) => {
    io.to(rooms.staff(ticket.communityId)).emit('ticket:created', await ticketDto(ticket, 'staff', uploads));
  });
  bus.on('ticket.updated', async ({ ticket, change }) => {
    const staffView = await ticketDto(ticket, 'staff', uploads);
    io.to(rooms.staff(ticket.communityId)).emit('ticket:updated', staffView);
    if (ticket.reporter.residentId && change !== 'internal-comment') {
      const residentView = await ticketDto(ticket, 'resident', uploads);
      io.to(rooms.resident(ticket.communityId, ticket.reporter.residentId)).emit('ticket:updated', residentView);
    }
  });
}
