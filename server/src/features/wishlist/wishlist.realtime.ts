// Pushes wish-list changes live (`wishlist:updated`) to every resident and staff socket of the community.
import type { Bus } from '../events';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import { wishItemDto, type WishDtoDeps } from './wishlist.dto';

export function wishlistEvents(bus: Bus, io: Io, deps: WishDtoDeps): void {
  bus.on('wishlist.updated', async ({ communityId, event, item }) => {
    const payload = item ? { ...event, item: await wishItemDto(item, deps) } : event;
    io.to([rooms.residents(communityId), rooms.staff(communityId)]).emit('wishlist:updated', payload);
  });
}
