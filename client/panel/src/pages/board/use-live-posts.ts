// Loads board posts of one status and keeps them current with post:created/replied/updated/removed.
import type { PostDto, PostStatus } from '@linli/contracts';
import { boardApi } from '../../api/board';
import { useSocketEvent } from '../../api/realtime';
import { useLiveList } from '../../lib/use-live-list';

export function useLivePosts(status: PostStatus | undefined, limit = 30) {
  const list = useLiveList<PostDto>({
    key: `${status ?? ''}|${limit}`,
    fetchPage: (cursor) => boardApi.list({ status, cursor, limit }),
    matches: (p) => !status || p.status === status,
  });

  useSocketEvent('post:created', list.upsert);
  useSocketEvent('post:updated', list.upsert);
  useSocketEvent('post:replied', (e) =>
    list.apply((items) =>
      items.map((p) =>
        p.id === e.postId ? { ...p, replyCount: e.replyCount, replies: p.replies.some((r) => r.id === e.reply.id) ? p.replies : [...p.replies, e.reply] } : p,
      ),
    ),
  );
  useSocketEvent('post:removed', (e) => {
    if (status === 'published') list.remove(e.id);
  });

  const { items, loading, error, hasMore, loadMore, upsert, reload } = list;
  return { items, loading, error, hasMore, loadMore, upsert, reload };
}
