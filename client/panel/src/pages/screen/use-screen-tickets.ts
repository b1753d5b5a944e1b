// Tickets the big screen counts: every open one plus today's finished ones, kept live over Socket.io.
import { OPEN_TICKET_STATUSES } from '@linli/contracts';
import { useState } from 'react';
import type { TicketDto } from '@linli/contracts';
import { useSocketEvent } from '../../api/realtime';
import { ticketsApi } from '../../api/tickets';
import { useLiveList } from '../../lib/use-live-list';

async function screenTickets() {
  const [open, done] = await Promise.all([
    ticketsApi.list({ status: OPEN_TICKET_STATUSES.join(','), limit: 100 }),
    ticketsApi.list({ status: 'resolved,closed', limit: 100 }),
  ]);
  return { items: [...open.items, ...done.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
}

export function useScreenTickets() {
  const [latestId, setLatestId] = useState<string | null>(null);
  const list = useLiveList<TicketDto>({ key: 'screen', fetchPage: screenTickets, max: 300 });

  useSocketEvent('ticket:created', (t) => {
    list.upsert(t);
    setLatestId(t.id);
  });
  useSocketEvent('ticket:updated', list.upsert);

  return { tickets: list.items, latestId };
}
