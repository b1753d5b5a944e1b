// An alert's delivery ledger: who was told at each level, by which channel, and what became of it (sent, delivered, failed…).
import { Table, Tag, Typography } from 'antd';
import {
  ALERT_NOTIFY_CHANNEL_LABELS,
  ESCALATION_LEVEL_LABELS,
  NOTIFY_DELIVERY_STATUS_LABELS,
  type NotifyDeliveryDto,
  type NotifyDeliveryStatus,
} from '@linli/contracts';
import { fmtDateTime } from '../../lib/time';

const STATUS_COLORS: Record<NotifyDeliveryStatus, string> = {
  queued: 'default',
  sent: 'blue',
  delivered: 'cyan',
  failed: 'red',
  acknowledged: 'green',
  cancelled: 'default',
  skipped: 'orange',
};

export function AlertDeliveries({ items }: { items: NotifyDeliveryDto[] }) {
  if (!items.length) return <Typography.Text type="secondary">没有短信或电话通知（此类预警只在工作台提示）</Typography.Text>;
  return (
    <Table<NotifyDeliveryDto>
      data-testid="alert-deliveries"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      columns={[
        { title: '阶段', render: (_, d) => (d.level === 'ack' ? '接单告知' : ESCALATION_LEVEL_LABELS[d.level]) },
        {
          title: '通知对象',
          render: (_, d) => `${d.recipient.name}${d.recipient.relation ? `（${d.recipient.relation}）` : ''}${d.recipient.phone ? ` ${d.recipient.phone}` : ''}`,
        },
        { title: '方式', render: (_, d) => ALERT_NOTIFY_CHANNEL_LABELS[d.channel] },
        { title: '状态', render: (_, d) => <Tag color={STATUS_COLORS[d.status]}>{NOTIFY_DELIVERY_STATUS_LABELS[d.status]}</Tag> },
        { title: '尝试', dataIndex: 'attempts' },
        { title: '说明', render: (_, d) => d.reason ?? d.history.at(-1)?.note ?? '' },
        { title: '更新', render: (_, d) => fmtDateTime(d.updatedAt) },
      ]}
    />
  );
}
