// Loads board posts of one status and keeps them current with post:created/replied/updated/removed.
import { useCallback, useEffect, useState } from 'react';
import type { PostDto, PostStatus } from '@linli/contracts';
import { boardApi } from '../../api/board';
import { ApiError } from '../../api/http';
import { useSocketEvent } from '../../api/realtime';
import { mergeLive } from '../../lib/live-list';

export function useLivePosts(status: PostStatus | undefined, limit = 30) {
  const [items, setItems] = useState<PostDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const matches = (p: PostDto) => !status || p.status === status;

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await boardApi.list({ status, cursor: after, limit });
        // Posts pushed while the first page was loading are already in the list: keep them on top of the page.
        setItems((prev) => (after ? [...prev, ...page.items] : prev.reduce((list, p) => mergeLive(list, p, matches), page.items)));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : '加载失败');
      } finally {
        setLoading(false);
      }
    },
    [status, limit],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const upsert = (p: PostDto) => setItems((list) => mergeLive(list, p, matches));
  useSocketEvent('post:created', upsert);
  useSocketEvent('post:updated', upsert);
  useSocketEvent('post:replied', (e) =>
    setItems((list) =>
      list.map((p) =>
        p.id === e.postId ? { ...p, replyCount: e.replyCount, replies: p.replies.some((r) => r.id === e.reply.id) ? p.replies : [...p.replies, e.reply] } : p,
      ),
    ),
  );
  useSocketEvent('post:removed', (e) => {
    if (status === 'published') setItems((list) => list.filter((p) => p.id !== e.id));
  });

  return { items, loading, error, hasMore: cursor !== null, loadMore: () => cursor && load(cursor), upsert, reload: () => load() };
}
