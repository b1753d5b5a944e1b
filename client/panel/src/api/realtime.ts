// One Socket.io connection per signed-in panel, shared by every screen through useSocketEvent() and useSocketResync().
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@linli/contracts';
import { expireSession, freshToken, refreshSession } from './http';
import { screenSession } from './screen-session';
import { session } from './session';

export type PanelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;

let socket: PanelSocket | null = null;
let socketUser: string | null = null;
const RETRY_MS = 1000;

/** Socket.io gives up on a socket the server ended or refused; a server restart does both, so keep trying while signed in. */
function retryLater(s: PanelSocket): void {
  setTimeout(() => {
    if (socket === s && !s.connected && !s.active) s.connect();
  }, RETRY_MS);
}

export function getSocket(): PanelSocket | null {
  const screen = screenSession.token();
  const token = screen ?? session.token();
  if (!token || (!screen && session.mustChangePassword())) return null;
  // One socket per signed-in account (or screen token); the access token is renewed every half hour, so each (re)connect asks for the current one.
  const user = screen ?? session.user()?.id ?? token;
  if (socket && socketUser === user) return socket;
  socket?.disconnect();
  socketUser = user;
  socket = io({ path: '/socket.io', auth: (cb) => void freshToken().then((t) => cb({ token: t })), transports: ['websocket', 'polling'] });
  // The handshake refuses an expired or revoked token: renew once, and if the session is over, same as a 401 from the API.
  const s = socket;
  let renewed = false;
  s.on('connect', () => (renewed = false));
  s.on('connect_error', (err) => {
    if (err.message === 'UNAUTHORIZED' && screen) {
      closeSocket();
      screenSession.markRevoked();
    } else if (err.message === 'UNAUTHORIZED') {
      if (!renewed) {
        renewed = true;
        void refreshSession().then((t) => {
          if (t && socket === s) s.connect();
          else if (socket === s) {
            closeSocket();
            expireSession();
          }
        });
        return;
      }
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
  socketUser = null;
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
