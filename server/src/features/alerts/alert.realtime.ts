// Pushes alerts to Socket.io as HTTP shows them: community alerts to all staff, personal ones only to staff/care roles and the grid workers of that building (readings left out); residents see public-safety alerts only.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms, staffCovering } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import { alertDto } from './alert.dto';
import type { AlertDoc } from './alert.model';

/** AlertService.canSee: a personal alert only for staff and care roles or a grid worker covering the subject's building. */
const staffWhoSee = (a: AlertDoc) =>
  a.audience === 'personal' ? [...staffCovering(a.communityId, a.subject?.building), rooms.staffRole(a.communityId, 'care')] : rooms.staff(a.communityId);

export function alertSockets(io: Io): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'alert.opened'>('alert.opened', ({ alert }) => {
      io.to(staffWhoSee(alert)).emit('alert:raised', alertDto(alert, 'broadcast'));
      // Big screens (screen tokens) hear public-safety alerts in the residents' view, like GET /api/alerts/public.
      if (alert.audience === 'public') io.to([rooms.residents(alert.communityId), rooms.screen(alert.communityId)]).emit('alert:raised', alertDto(alert, 'public'));
    }),
    on<DomainEvents, 'alert.updated'>('alert.updated', ({ alert }) => {
      io.to(staffWhoSee(alert)).emit('alert:updated', alertDto(alert, 'broadcast'));
      if (alert.audience === 'public') io.to([rooms.residents(alert.communityId), rooms.screen(alert.communityId)]).emit('alert:updated', alertDto(alert, 'public'));
    }),
  ];
}
