// One Socket.io connection per signed-in panel, shared by every screen through useSocketEvent().
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@linli/contracts';
import { expireSession } from './http';
import { session } from './session';

export type PanelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;

let socket: PanelSocket | null = null;
let socketToken: string | null = null;

export function getSocket(): PanelSocket | null {
  const token = session.token();
  if (!token) return null;
  if (socket && socketToken === token) return socket;
  socket?.disconnect();
  socketToken = token;
  socket = io({ path: '/socket.io', auth: { token }, transports: ['websocket', 'polling'] });
  // The handshake refuses an expired or revoked token: same outcome as a 401 from the API.
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHORIZED') {
      closeSocket();
      expireSession();
    }
  });
  return socket;
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
