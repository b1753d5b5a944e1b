// 留言板: posts by category, newest first, live; a button to write a post.
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { POST_CATEGORIES, type PostCategory, type PostDto } from '@linli/contracts';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { PageFrame } from '../../components/page-frame';
import { PostCard } from '../../components/post-card';
import { useAsyncAction } from '../../hooks/use-async-action';
import { useServerEvent } from '../../hooks/use-server-event';
import { whenLoggedIn } from '../../services/auth';
import { applyPost, applyReply, listPosts } from '../../services/board';
import { tappable } from '../../services/a11y';

export default function BoardPage() {
  const [category, setCategory] = useState<PostCategory | null>(null);
  const [items, setItems] = useState<PostDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAsyncAction(
    useCallback(async (c: PostCategory | null) => {
      const page = await listPosts(c);
      setItems(page.items);
      setCursor(page.nextCursor);
    }, []),
  );
  const more = useAsyncAction(async () => {
    if (!cursor) return;
    const page = await listPosts(category, cursor);
    setItems((prev) => [...(prev ?? []), ...page.items.filter((p) => !prev?.some((x) => x.id === p.id))]);
    setCursor(page.nextCursor);
  });

  useDidShow(() => {
    whenLoggedIn(() => load.run(category));
  });
  usePullDownRefresh(() => {
    void load.run(category).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void more.run());
  const resync = () => void load.run(category);
  useServerEvent('post:created', (p) => setItems((prev) => applyPost(prev ?? [], p, category)), resync);
  useServerEvent('post:updated', (p) => setItems((prev) => applyPost(prev ?? [], p, category)));
  useServerEvent('post:replied', (e) => setItems((prev) => (prev ? applyReply(prev, e) : prev)));
  useServerEvent('post:removed', (e) => setItems((prev) => prev?.filter((p) => p.id !== e.id) ?? prev));

  const pick = (c: PostCategory | null) => {
    setCategory(c);
    void load.run(c);
  };

  return (
    <PageFrame testId="board-page">
      <View className="chips" data-testid="board-categories">
        {[null, ...POST_CATEGORIES].map((c) => (
          <View key={c ?? 'all'} className={`chip${category === c ? ' chip-active' : ''}`} data-testid={`board-cat-${c ?? '全部'}`} onClick={() => pick(c)} {...tappable({ checked: category === c })}>
            {c ?? '全部'}
          </View>
        ))}
      </View>
      <ActionButton primary testId="new-post" onClick={() => void Taro.navigateTo({ url: '/pages/post-new/index' })}>
        我要留言
      </ActionButton>
      <ErrorBanner message={load.error ?? more.error} />
      <View className="gap" />
      {items?.length === 0 && <View className="card muted center">还没有留言，来说第一句吧</View>}
      {items?.map((p) => (
        <PostCard key={p.id} post={p} onOpen={() => void Taro.navigateTo({ url: `/pages/post/index?id=${p.id}` })} />
      ))}
      {cursor && (
        <ActionButton disabled={more.busy} onClick={() => void more.run()}>
          {more.busy ? '加载中…' : '加载更多'}
        </ActionButton>
      )}
    </PageFrame>
  );
}
