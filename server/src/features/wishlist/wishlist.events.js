"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.wishlistEvents = wishlistEvents;
const rooms_1 = require("../../realtime/rooms");
const wishlist_dto_1 = require("./wishlist.dto");
function wishlistEvents(bus, io, deps) {
    bus.on('wishlist.updated', async ({ communityId, event, item }) => {
        const payload = item ? { ...event, item: await (0, wishlist_dto_1.wishItemDto)(item, deps) } : event;
        io.to([rooms_1.rooms.residents(communityId), rooms_1.rooms.staff(communityId)]).emit('wishlist:updated', payload);
    });
}
