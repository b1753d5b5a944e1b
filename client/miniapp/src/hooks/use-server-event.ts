// Subscribes a component to a Socket.io event (and to the refetch signal after a reconnect) for its lifetime.
import { useEffect, useRef } from 'react';
import type { ServerToClientEvents } from '@linli/contracts';
import { onResync, onServerEvent } from '../services/realtime/socket';
import { useStore } from '../store/create-store';
import { session } from '../store/session';

export function useServerEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E], onResynced?: () => void): void {
  const h = useRef(handler);
  const r = useRef(onResynced);
  h.current = handler;
  r.current = onResynced;
  const { token } = useStore(session);
  useEffect(() => {
    if (!token) return undefined;
    const off = onServerEvent(event, ((...args: unknown[]) => (h.current as (...a: unknown[]) => void)(...args)) as ServerToClientEvents[E]);
    const offResync = onResync(() => r.current?.());
    return () => {
      off();
      offResync();
    };
  }, [event, token]);
}
