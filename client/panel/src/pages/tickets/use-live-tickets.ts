// Loads a filtered ticket list page by page and keeps it current with ticket:created / ticket:updated.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketDto } from '@linli/contracts';
import { ApiError } from '../../api/http';
import { useSocketEvent } from '../../api/realtime';
import { session } from '../../api/session';
import { ticketsApi } from '../../api/tickets';
import { mergeLive } from '../../lib/live-list';
import { inScope } from '../../lib/scope';
import { ticketMatches as matchesFilter, toQuery, type TicketListFilter } from '../../lib/ticket-filter';

export function useLiveTickets(filter: TicketListFilter, opts: { limit?: number; onNew?: (t: TicketDto) => void } = {}) {
  const [items, setItems] = useState<TicketDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const key = JSON.stringify(filter);
  const limit = opts.limit ?? 30;
  const onNew = useRef(opts.onNew);
  onNew.current = opts.onNew;
  const user = session.user();
  const me = user?.id;
  // Pushes go to every staff member of the community; keep to what this person's list would contain.
  const ticketMatches = (f: TicketListFilter, t: TicketDto, id?: string) => matchesFilter(f, t, id) && inScope(user, t);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  // Pushes that arrive while a page is loading would be lost when the page replaces the list: replay them on top.
  const pushedDuringLoad = useRef<TicketDto[] | null>(null);
  // A filter change while a page is loading: only the latest request may fill the list.
  const seq = useRef(0);

  const load = useCallback(
    async (after?: string) => {
      const mine = ++seq.current;
      setLoading(true);
      if (!after) pushedDuringLoad.current = [];
      try {
        const page = await ticketsApi.list({ ...toQuery(filter), cursor: after, limit } as never);
        if (mine !== seq.current) return;
        const replay = after ? [] : (pushedDuringLoad.current ?? []);
        pushedDuringLoad.current = null;
        setItems((prev) =>
          after ? [...prev, ...page.items] : replay.reduce((list, t) => mergeLive(list, t, (x) => ticketMatches(filter, x, me)), page.items),
        );
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (mine === seq.current) setError(e instanceof ApiError ? e.message : '加载失败');
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    // Runs once on mount / when the serialised filter changes; handlers read the latest values through refs.
    [key, limit],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const markFresh = (id: string) => {
    setFresh((s) => new Set(s).add(id));
    setTimeout(() => setFresh((s) => {
      const n = new Set(s);
      n.delete(id);
      return n;
    }), 4000);
  };

  useSocketEvent('ticket:created', (t) => {
    pushedDuringLoad.current?.push(t);
    if (!ticketMatches(filter, t, me)) return;
    setItems((list) => mergeLive(list, t, (x) => ticketMatches(filter, x, me)));
    markFresh(t.id);
    onNew.current?.(t);
  });
  useSocketEvent('ticket:updated', (t) => {
    pushedDuringLoad.current?.push(t);
    const had = itemsRef.current.some((x) => x.id === t.id);
    if (!had && ticketMatches(filter, t, me)) markFresh(t.id);
    setItems((list) => mergeLive(list, t, (x) => ticketMatches(filter, x, me)));
  });

  return { items, loading, error, hasMore: cursor !== null, loadMore: () => cursor && load(cursor), reload: () => load(), fresh };
}
