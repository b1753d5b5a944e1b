// Socket.io on the HTTP server: token check at handshake, then each principal joins its rooms.
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Principal, ServerToClientEvents } from '@linli/contracts';
import type { TokenService } from '../core/tokens';
import type { Logger } from '../logger';
import { rooms, staffRooms } from './rooms';

/** Messages between server nodes (Server#serverSideEmit, through the adapter): a revoked staff session, for each node to drop from its check cache. */
export interface ServerSideEvents {
  'staff:revoked': (d: { sid: string } | { staffId: string }, ack: (done: true) => void) => void;
}
export type Io = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, { principal: Principal; screen?: boolean }>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, { principal: Principal; screen?: boolean }>;

export function roomsFor(p: Principal): string[] {
  switch (p.kind) {
    case 'staff':
      return staffRooms(p);
    case 'bot':
      return [rooms.bot(p.communityId)];
    case 'resident': {
      const r = [rooms.residents(p.communityId), rooms.resident(p.communityId, p.id)];
      if (p.householdId) r.push(rooms.household(p.communityId, p.householdId));
      if (p.building) r.push(rooms.building(p.communityId, p.building));
      return r;
    }
  }
}

export function createIo(server: http.Server, tokens: TokenService, log: Logger): Io {
  const io: Io = new Server(server, {
    path: '/socket.io',
    cors: { origin: true, credentials: true },
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 25_000,
    pingTimeout: 20_000,
  });
  // Same check as HTTP: signature, expiry, and for staff the session and token version (a revoked token is refused).
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : undefined;
    tokens.resolve(token).then(
      (r) => {
        if (!r) return next(new Error('UNAUTHORIZED'));
        if (r.mustChangePassword) return next(new Error('PASSWORD_CHANGE_REQUIRED'));
        socket.data.principal = r.principal;
        socket.data.screen = r.screen;
        next();
      },
      () => next(new Error('UNAVAILABLE')),
    );
  });
  io.on('connection', (socket: IoSocket) => {
    const p = socket.data.principal;
    // A big screen hears only what is emitted to the screen rooms (masked views), never the staff rooms.
    void socket.join(socket.data.screen ? [rooms.screen(p.communityId), rooms.screenDevice(p.communityId, p.id)] : roomsFor(p));
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack({ at: new Date().toISOString() });
    });
  });
  io.engine.on('connection_error', (err: { code: number; message: string }) => {
    log.debug({ code: err.code, message: err.message }, 'socket connection error');
  });
  return io;
}
