// Pushes alerts to Socket.io: staff see every alert (health readings left out of the broadcast); residents see public-safety alerts only.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import { alertDto } from './alert.dto';

export function alertSockets(io: Io): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'alert.opened'>('alert.opened', ({ alert }) => {
      io.to(rooms.staff(alert.communityId)).emit('alert:raised', alertDto(alert, 'broadcast'));
      if (alert.audience === 'public') io.to(rooms.residents(alert.communityId)).emit('alert:raised', alertDto(alert, 'public'));
    }),
    on<DomainEvents, 'alert.updated'>('alert.updated', ({ alert }) => {
      io.to(rooms.staff(alert.communityId)).emit('alert:updated', alertDto(alert, 'broadcast'));
      if (alert.audience === 'public') io.to(rooms.residents(alert.communityId)).emit('alert:updated', alertDto(alert, 'public'));
    }),
  ];
}
