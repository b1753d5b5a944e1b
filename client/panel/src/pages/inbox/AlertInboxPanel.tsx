// Inbox column: open alerts, most severe first, live; a critical one sounds the chime.
import { App, Badge, Card, Empty, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ALERT_SEVERITY_LABELS, ALERT_STATUS_LABELS } from '@linli/contracts';
import { SEVERITY_COLORS } from '../../api/alerts';
import { fromNow } from '../../lib/time';
import { chime } from '../../lib/urgency';
import { useLiveAlerts } from '../alerts/use-live-alerts';

export function AlertInboxPanel() {
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const { items, loading } = useLiveAlerts('open', (a) => {
    if (a.severity !== 'critical' && a.severity !== 'high') return;
    chime();
    notification.error({ message: `${ALERT_SEVERITY_LABELS[a.severity]}预警：${a.typeLabel}`, description: a.title, placement: 'bottomRight', onClick: () => navigate('/alerts') });
  });
  return (
    <Card
      title={
        <Space>
          未处理预警
          <Badge count={items.length} showZero color="#cf1322" data-testid="inbox-alert-count" />
        </Space>
      }
      extra={<Typography.Link onClick={() => navigate('/alerts')}>去预警中心</Typography.Link>}
      loading={loading && items.length === 0}
      styles={{ body: { padding: 8, maxHeight: 560, overflowY: 'auto' } }}
    >
      {items.length === 0 ? (
        <Empty description="暂无预警" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        items.map((a) => (
          <div key={a.id} className={`inbox-item ${a.severity === 'critical' ? 'urgent' : ''}`} onClick={() => navigate('/alerts')} data-testid="inbox-alert">
            <Space size={6}>
              <Tag color={SEVERITY_COLORS[a.severity]}>{ALERT_SEVERITY_LABELS[a.severity]}</Tag>
              <Typography.Text strong>{a.typeLabel}</Typography.Text>
              <Tag>{ALERT_STATUS_LABELS[a.status]}</Tag>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.subject ? a.subject.name : [a.location?.building, a.location?.text].filter(Boolean).join(' ')} · {fromNow(a.lastSeenAt)}
              </Typography.Text>
            </div>
          </div>
        ))
      )}
    </Card>
  );
}
