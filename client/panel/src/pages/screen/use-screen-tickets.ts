// Tickets the big screen counts: every open one plus today's finished ones, kept live over Socket.io.
import { useEffect, useState } from 'react';
import type { TicketDto } from '@linli/contracts';
import { useSocketEvent } from '../../api/realtime';
import { ticketsApi } from '../../api/tickets';
import { mergeLive } from '../../lib/live-list';

export function useScreenTickets() {
  const [tickets, setTickets] = useState<TicketDto[]>([]);
  const [latestId, setLatestId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([
      ticketsApi.list({ status: 'submitted,accepted,assigned,in_progress', limit: 100 }),
      ticketsApi.list({ status: 'resolved,closed', limit: 100 }),
    ]).then(
      ([open, done]) => live && setTickets([...open.items, ...done.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  useSocketEvent('ticket:created', (t) => {
    setTickets((list) => mergeLive(list, t, () => true, 300));
    setLatestId(t.id);
  });
  useSocketEvent('ticket:updated', (t) => setTickets((list) => mergeLive(list, t, () => true, 300)));

  return { tickets, latestId };
}
