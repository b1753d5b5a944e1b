// Inbox column of open tickets, newest first, with urgent marks, SLA countdowns and a flash on arrival.
import { Badge, Card, Empty, Space, Tag, Typography } from 'antd';
import { AudioOutlined, FireOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { TicketDto } from '@linli/contracts';
import { SlaTag } from '../../components/SlaTag';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { CHANNEL_LABELS } from '../../lib/labels';
import { fromNow } from '../../lib/time';
import { isUrgent } from '../../lib/urgency';

interface Props {
  title: string;
  items: TicketDto[];
  fresh: Set<string>;
  loading: boolean;
  extra?: React.ReactNode;
  toolbar?: React.ReactNode;
}

export function TicketInboxList({ title, items, fresh, loading, extra, toolbar }: Props) {
  const navigate = useNavigate();
  return (
    <Card
      title={
        <Space>
          {title}
          <Badge count={items.length} showZero color="#1668dc" overflowCount={99} data-testid="inbox-ticket-count" />
        </Space>
      }
      extra={extra}
      loading={loading && items.length === 0}
      styles={{ body: { padding: 8, maxHeight: 560, overflowY: 'auto' } }}
    >
      {toolbar && <div style={{ padding: '4px 4px 8px' }}>{toolbar}</div>}
      {items.length === 0 ? (
        <Empty description="暂无待处理工单" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        items.map((t) => (
          <div
            key={t.id}
            className={`inbox-item ${fresh.has(t.id) ? 'fresh' : ''} ${isUrgent(t) ? 'urgent' : ''}`}
            onClick={() => navigate(`/tickets/${t.id}`)}
            data-testid="inbox-ticket"
            data-ticket-no={t.no}
          >
            <Space size={6} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.no}
              </Typography.Text>
              <TicketStatusTag status={t.status} />
              <Tag>{t.category}</Tag>
              {isUrgent(t) && (
                <Tag color="red" icon={<FireOutlined />}>
                  紧急
                </Tag>
              )}
              {t.followerCount > 0 && <Tag color={t.priority === 'high' ? 'red' : undefined}>{t.households} 户反映</Tag>}
              {t.duplicateOf && <Tag>已合并到 {t.duplicateOf.no}</Tag>}
              {t.audio && <AudioOutlined style={{ color: '#389e0d' }} />}
              <SlaTag ticket={t} />
            </Space>
            <div style={{ margin: '4px 0 2px' }}>
              <Typography.Text strong>{t.title}</Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.location ? `${t.location.building}${t.location.unit ?? ''}${t.location.room ?? ''} · ` : ''}
              {t.reporter.name} · {CHANNEL_LABELS[t.channel]} · {fromNow(t.createdAt)}
            </Typography.Text>
          </div>
        ))
      )}
    </Card>
  );
}
