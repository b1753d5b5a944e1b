// Inbox column: board posts waiting for an official reply or for review, live.
import { Badge, Card, Empty, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { awaitingReply } from '../../api/board';
import { fromNow } from '../../lib/time';
import { useLivePosts } from '../board/use-live-posts';

export function PostInboxPanel() {
  const navigate = useNavigate();
  const published = useLivePosts('published', 50);
  const held = useLivePosts('held', 50);
  const items = [...held.items, ...published.items.filter(awaitingReply)];
  return (
    <Card
      title={
        <Space>
          待回复留言
          <Badge count={items.length} showZero color="#13a8a8" data-testid="inbox-post-count" />
        </Space>
      }
      extra={<Typography.Link onClick={() => navigate('/board')}>去留言板</Typography.Link>}
      loading={published.loading && items.length === 0}
      styles={{ body: { padding: 8, maxHeight: 560, overflowY: 'auto' } }}
    >
      {items.length === 0 ? (
        <Empty description="留言都已回复" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        items.map((p) => (
          <div key={p.id} className="inbox-item" onClick={() => navigate('/board')} data-testid="inbox-post">
            <Space size={6}>
              <Tag color="blue">{p.category}</Tag>
              {p.status === 'held' && <Tag color="orange">待审核</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.author.name} {p.author.building ?? ''} · {fromNow(p.createdAt)}
              </Typography.Text>
            </Space>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
              {p.text}
            </Typography.Paragraph>
          </div>
        ))
      )}
    </Card>
  );
}
