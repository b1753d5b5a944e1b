// The service-reach face: 接诉即办's ladder steps and 回访 questions reach people (SMS to staff; bot private message or SMS to the resident) through the notifications ledger.
import { ObjectIdString } from '@linli/contracts';
import { z } from 'zod';
import { on, route } from '../../core/feature';

import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { NotificationsApi } from '../notifications/notifications.feature';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import { ServiceReach } from './service-reach.service';

export function serviceReachFeature(_core: FeatureCore, needs: { staff: StaffApi; residents: ResidentsApi; notifications: NotificationsApi }): LinliFace<ServiceReach> {
  const reach = new ServiceReach(needs);
  return {
    name: 'service-reach',
    api: reach,
    routes: [
      route({
        method: 'get', path: '/api/tickets/:id/deliveries', auth: 'staff', params: z.object({ id: ObjectIdString }).strict(),
        summary: 'The messages a ticket sent: 催办/督办/街道 SMS to staff, the 回访 question to the resident (bot private message or SMS), with their outcomes',
        handler: ({ principal: p, params }) => reach.deliveries(p, params.id),
      }),
    ],
    subscriptions: [
      on<DomainEvents, 'ticket.ladder'>('ticket.ladder', (e) => reach.onLadder(e)),
      on<DomainEvents, 'ticket.revisit'>('ticket.revisit', (e) => reach.onRevisit(e)),
    ],
  };
}
