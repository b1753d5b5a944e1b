// The app's one Socket.io connection (weapp and h5 alike): connects with the session token, reconnects, and tells pages to refetch after a gap.
import Taro from '@tarojs/taro';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@linli/contracts';
import { socketOrigin } from '../config';
import { session } from '../../store/session';
import { taroTransport } from './taro-transport';

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;

let socket: AppSocket | null = null;
let socketToken: string | null = null;
const resyncListeners = new Set<() => void>();
const Transport = taroTransport((opts) => Taro.connectSocket(opts) as any);

function connect(token: string): AppSocket {
  const s: AppSocket = io(socketOrigin(), {
    path: '/socket.io',
    auth: { token },
    transports: [Transport as any],
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10000,
  });
  let wasConnected = false;
  s.on('connect', () => {
    // Events sent while we were away are lost: every page that shows live data refetches.
    if (wasConnected) resyncListeners.forEach((fn) => fn());
    wasConnected = true;
  });
  return s;
}

/** The socket for the current session (created on first use, replaced when the token changes). */
export function getSocket(): AppSocket | null {
  const { token } = session.get();
  if (token !== socketToken) {
    socket?.disconnect();
    socket = token ? connect(token) : null;
    socketToken = token;
  }
  return socket;
}

session.subscribe(() => {
  if (socket && session.get().token !== socketToken) getSocket();
});

export function onServerEvent<E extends EventName>(event: E, handler: ServerToClientEvents[E]): () => void {
  const s = getSocket();
  if (!s) return () => {};
  s.on(event, handler as any);
  return () => {
    s.off(event, handler as any);
  };
}

export function onResync(fn: () => void): () => void {
  resyncListeners.add(fn);
  return () => resyncListeners.delete(fn);
}

export function isSocketConnected(): boolean {
  return !!socket?.connected;
}
