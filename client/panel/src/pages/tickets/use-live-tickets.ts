// Loads a filtered ticket list page by page and keeps it current with ticket:created / ticket:updated.
import { useRef, useState } from 'react';
import type { TicketDto } from '@linli/contracts';
import { useSocketEvent } from '../../api/realtime';
import { session } from '../../api/session';
import { ticketsApi } from '../../api/tickets';
import { inScope } from '../../lib/scope';
import { ticketMatches as matchesFilter, toQuery, type TicketListFilter } from '../../lib/ticket-filter';
import { useLiveList } from '../../lib/use-live-list';

export function useLiveTickets(filter: TicketListFilter, opts: { limit?: number; onNew?: (t: TicketDto) => void } = {}) {
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const limit = opts.limit ?? 30;
  const onNew = useRef(opts.onNew);
  onNew.current = opts.onNew;
  const user = session.user();
  // Pushes go to every staff member of the community; keep to what this person's list would contain.
  const matches = (t: TicketDto) => matchesFilter(filter, t, user?.id) && inScope(user, t);
  const list = useLiveList<TicketDto>({
    key: `${JSON.stringify(filter)}|${limit}`,
    fetchPage: (cursor) => ticketsApi.list({ ...toQuery(filter), cursor, limit } as never),
    matches,
  });
  const itemsRef = useRef(list.items);
  itemsRef.current = list.items;

  const markFresh = (id: string) => {
    setFresh((s) => new Set(s).add(id));
    setTimeout(() => setFresh((s) => {
      const n = new Set(s);
      n.delete(id);
      return n;
    }), 4000);
  };

  useSocketEvent('ticket:created', (t) => {
    list.upsert(t);
    if (!matches(t)) return;
    markFresh(t.id);
    onNew.current?.(t);
  });
  useSocketEvent('ticket:updated', (t) => {
    const had = itemsRef.current.some((x) => x.id === t.id);
    if (!had && matches(t)) markFresh(t.id);
    list.upsert(t);
  });

  const { items, loading, error, hasMore, loadMore, reload } = list;
  return { items, loading, error, hasMore, loadMore, reload, fresh };
}
