// Pushes wish-list changes live (`wishlist:updated`) to every resident and staff socket of the community.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import { wishItemDto, type WishDtoDeps } from './wishlist.dto';

export function wishlistSockets(io: Io, deps: WishDtoDeps): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'wishlist.updated'>('wishlist.updated', async ({ communityId, event, item }) => {
      const payload = item ? { ...event, item: await wishItemDto(item, deps) } : event;
      io.to([rooms.residents(communityId), rooms.staff(communityId)]).emit('wishlist:updated', payload);
    }),
  ];
}
