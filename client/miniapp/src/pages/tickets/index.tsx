// 我的工单: the resident's tickets, newest first, with "load more"; rows update live over Socket.io.
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { TicketDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { TicketCard } from '../../components/ticket-card';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useServerEvent } from '../../hooks/use-server-event';
import { whenLoggedIn } from '../../services/auth';
import { myTickets } from '../../services/tickets';

export default function TicketsPage() {
  const [items, setItems] = useState<TicketDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const reload = useAsyncAction(
    useCallback(async () => {
      const page = await myTickets();
      setItems(page.items);
      setCursor(page.nextCursor);
    }, []),
  );
  const more = useAsyncAction(async () => {
    if (!cursor) return;
    const page = await myTickets(cursor);
    setItems((prev) => [...(prev ?? []), ...page.items.filter((t) => !prev?.some((p) => p.id === t.id))]);
    setCursor(page.nextCursor);
  });

  useDidShow(() => {
    whenLoggedIn(() => reload.run());
  });
  usePullDownRefresh(() => {
    void reload.run().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void more.run());
  useServerEvent(
    'ticket:updated',
    (t) => setItems((prev) => (prev ? (prev.some((p) => p.id === t.id) ? prev.map((p) => (p.id === t.id ? t : p)) : [t, ...prev]) : prev)),
    () => void reload.run(),
  );

  return (
    <PageFrame testId="tickets-page">
      <ErrorBanner message={reload.error ?? more.error} />
      {items === null && !reload.error && <View className="muted center">加载中…</View>}
      {items?.length === 0 && (
        <View className="card center">
          <View className="muted">还没有报过事</View>
          <ActionButton primary onClick={() => void Taro.switchTab({ url: '/pages/report/index' })}>
            去报事
          </ActionButton>
        </View>
      )}
      {items?.map((t) => (
        <TicketCard key={t.id} ticket={t} onOpen={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${t.id}` })} />
      ))}
      {cursor && (
        <ActionButton disabled={more.busy} onClick={() => void more.run()}>
          {more.busy ? '加载中…' : '加载更多'}
        </ActionButton>
      )}
    </PageFrame>
  );
}
