// The home feed: notices (unread first) and active high-severity public alerts, loaded on show and kept live over Socket.io.
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { AlertDto, NoticeDto } from '@linli/contracts';
import { orderNotices, listNotices, publicAlerts, upsertNotice, applyAlert, bannerWorthy } from '../services/notices';
import { useAsyncAction } from './use-async-action';
import { useServerEvent } from './use-server-event';

export function useHomeFeed() {
  const [notices, setNotices] = useState<NoticeDto[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [alerts, setAlerts] = useState<AlertDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAsyncAction(
    useCallback(async () => {
      const [n, a] = await Promise.all([listNotices(), publicAlerts().catch(() => ({ items: [] as AlertDto[] }))]);
      setNotices(orderNotices(n.items));
      setCursor(n.nextCursor);
      setUnread(n.unreadCount);
      setAlerts(a.items.filter(bannerWorthy));
    }, []),
  );
  const reload = load.run;
  const more = useAsyncAction(async () => {
    if (!cursor) return;
    const n = await listNotices(cursor);
    setNotices((prev) => orderNotices([...(prev ?? []), ...n.items.filter((x) => !prev?.some((p) => p.id === x.id))]));
    setCursor(n.nextCursor);
  });

  // The 首页 tab carries the unread count, so it is visible from every tab.
  useEffect(() => {
    const done = () => undefined;
    if (unread > 0) void Taro.setTabBarBadge({ index: 0, text: unread > 99 ? '99+' : String(unread) }).catch(done);
    else void Taro.removeTabBarBadge({ index: 0 }).catch(done);
  }, [unread]);

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

  return { notices, unread, alerts, reload, hasMore: !!cursor, loadMore: more.run, loadingMore: more.busy, error: load.error ?? more.error };
}
