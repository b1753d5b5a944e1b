// One Socket.io connection per signed-in panel, shared by every screen through useSocketEvent() and useSocketResync().
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@linli/contracts';
import { expireSession } from './http';
import { session } from './session';

export type PanelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;

let socket: PanelSocket | null = null;
let socketToken: string | null = null;
const RETRY_MS = 1000;

/** Socket.io gives up on a socket the server ended or refused; a server restart does both, so keep trying while signed in. */
function retryLater(s: PanelSocket): void {
  setTimeout(() => {
    if (socket === s && !s.connected && !s.active) s.connect();
  }, RETRY_MS);
}

export function getSocket(): PanelSocket | null {
  const token = session.token();
  if (!token) return null;
  if (socket && socketToken === token) return socket;
  socket?.disconnect();
  socketToken = token;
  socket = io({ path: '/socket.io', auth: { token }, transports: ['websocket', 'polling'] });
  // The handshake refuses an expired or revoked token: same outcome as a 401 from the API.
  const s = socket;
  s.on('connect_error', (err) => {
    if (err.message === 'UNAUTHORIZED') {
      closeSocket();
      expireSession();
    } else if (!s.active) retryLater(s);
  });
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') retryLater(s);
  });
  return s;
}

export function closeSocket(): void {
  socket?.disconnect();
  socket = null;
  socketToken = null;
}

/** Calls handler for each `event` pushed by the server while the component is mounted. */
export function useSocketEvent<E extends EventName>(event: E, handler: ServerToClientEvents[E]): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const s = getSocket();
    if (!s) return;
    const fn = ((...args: unknown[]) => (ref.current as (...a: unknown[]) => void)(...args)) as never;
    s.on(event, fn);
    return () => {
      s.off(event, fn);
    };
  }, [event]);
}

/**
 * Calls handler whenever the socket (re)connects after the component mounted. Pushes sent while it was away are lost,
 * so screens reload what they show; the first connect counts too, as the screen's first load may have raced it.
 */
export function useSocketResync(handler: () => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const s = getSocket();
    if (!s) return;
    const fn = () => ref.current();
    s.on('connect', fn);
    return () => {
      s.off('connect', fn);
    };
  }, []);
}

/** Live connection state, for the "实时" indicator in the header. */
export function useSocketConnected(): boolean {
  const [connected, setConnected] = useState(() => getSocket()?.connected ?? false);
  useEffect(() => {
    const s = getSocket();
    if (!s) return;
    const on = () => setConnected(true);
    const off = () => setConnected(false);
    s.on('connect', on);
    s.on('disconnect', off);
    s.on('connect_error', off);
    setConnected(s.connected);
    return () => {
      s.off('connect', on);
      s.off('disconnect', off);
      s.off('connect_error', off);
    };
  }, []);
  return connected;
}
