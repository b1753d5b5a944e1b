// Pushes alerts to Socket.io as HTTP shows them: community alerts to all staff, personal ones only to staff/care roles and the grid workers of that building (readings left out); residents see public-safety alerts only, without repeat counts.
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
    on<DomainEvents, 'alert.updated'>('alert.updated', ({ alert, change }) => {
      io.to(staffWhoSee(alert)).emit('alert:updated', alertDto(alert, 'broadcast'));
      // A repeat changes only the count and last-seen time, which neither the mini-program nor the big screen shows: with
      // several nodes each push is a PostgreSQL NOTIFY, and a chattering sensor would send one per event for nothing.
      if (alert.audience === 'public' && change !== 'repeated') {
        io.to([rooms.residents(alert.communityId), rooms.screen(alert.communityId)]).emit('alert:updated', alertDto(alert, 'public'));
      }
    }),
  ];
}
