// The home feed: notices (unread first) and active public alerts, loaded on show and kept live over Socket.io.
import { useCallback, useState } from 'react';
import type { AlertDto, NoticeDto } from '@linli/contracts';
import { orderNotices, listNotices, publicAlerts, upsertNotice, applyAlert } from '../services/notices';
import { useAsyncAction } from './use-async-action';
import { useServerEvent } from './use-server-event';

export function useHomeFeed() {
  const [notices, setNotices] = useState<NoticeDto[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [alerts, setAlerts] = useState<AlertDto[]>([]);
  const load = useAsyncAction(
    useCallback(async () => {
      const [n, a] = await Promise.all([listNotices(), publicAlerts().catch(() => ({ items: [] as AlertDto[] }))]);
      setNotices(orderNotices(n.items));
      setUnread(n.unreadCount);
      setAlerts(a.items);
    }, []),
  );
  const reload = load.run;

  useServerEvent(
    'notice:published',
    (n) => {
      setNotices((prev) => upsertNotice(prev ?? [], n));
      if (!n.readAt) setUnread((u) => u + 1);
    },
    () => void reload(),
  );
  useServerEvent('alert:raised', (a) => setAlerts((prev) => applyAlert(prev, a)));
  useServerEvent('alert:updated', (a) => setAlerts((prev) => applyAlert(prev, a)));

  return { notices, unread, alerts, reload, error: load.error };
}
