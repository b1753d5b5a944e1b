// 留言板: moderation queue (待审核), published posts awaiting an official reply, and hidden posts, all live.
import { useState } from 'react';
import { Alert, Button, Empty, Segmented, Spin, Switch, Space } from 'antd';
import type { PostStatus } from '@linli/contracts';
import { awaitingReply } from '../../api/board';
import { PostCard } from './PostCard';
import { SensitiveWordsDrawer } from './SensitiveWordsDrawer';
import { useLivePosts } from './use-live-posts';

export function BoardPage() {
  const [status, setStatus] = useState<PostStatus>('published');
  const [onlyAwaiting, setOnlyAwaiting] = useState(false);
  const [words, setWords] = useState(false);
  const { items, loading, error, hasMore, loadMore, upsert } = useLivePosts(status);
  const shown = status === 'published' && onlyAwaiting ? items.filter(awaitingReply) : items;

  return (
    <div>
      <div className="page-title">
        <h2>24小时留言板</h2>
        <Space>
          {status === 'published' && (
            <Space>
              只看待回复
              <Switch aria-label="只看待回复" checked={onlyAwaiting} onChange={setOnlyAwaiting} />
            </Space>
          )}
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as PostStatus)}
            options={[
              { value: 'published', label: '已发布' },
              { value: 'held', label: '待审核' },
              { value: 'hidden', label: '已隐藏' },
            ]}
            data-testid="board-status"
          />
          <Button onClick={() => setWords(true)}>敏感词</Button>
        </Space>
      </div>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      {loading && items.length === 0 ? (
        <Spin style={{ display: 'block', marginTop: 60 }} />
      ) : shown.length === 0 ? (
        <Empty description="暂无留言" style={{ marginTop: 60 }} />
      ) : (
        <div style={{ maxWidth: 920 }}>
          {shown.map((p) => (
            <PostCard key={p.id} post={p} onChanged={upsert} />
          ))}
          {hasMore && (
            <div style={{ textAlign: 'center' }}>
              <Button onClick={loadMore}>加载更多</Button>
            </div>
          )}
        </div>
      )}
      <SensitiveWordsDrawer open={words} onClose={() => setWords(false)} />
    </div>
  );
}
