// Pushes alerts to Socket.io: staff see every alert (health readings left out of the broadcast); residents see public-safety alerts only.
import type { Bus } from '../events';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import { alertDto } from './alert.dto';

export function alertEvents(bus: Bus, io: Io): void {
  bus.on('alert.opened', ({ alert }) => {
    io.to(rooms.staff(alert.communityId)).emit('alert:raised', alertDto(alert, 'broadcast'));
    if (alert.audience === 'public') io.to(rooms.residents(alert.communityId)).emit('alert:raised', alertDto(alert, 'public'));
  });
  bus.on('alert.updated', ({ alert }) => {
    io.to(rooms.staff(alert.communityId)).emit('alert:updated', alertDto(alert, 'broadcast'));
    if (alert.audience === 'public') io.to(rooms.residents(alert.communityId)).emit('alert:updated', alertDto(alert, 'public'));
  });
}
