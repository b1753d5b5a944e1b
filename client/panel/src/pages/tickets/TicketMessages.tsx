// Who a ticket's 催办/督办/街道 and 回访 reached, by SMS or the bot's private message, and how it went (the notifications ledger).
import { useEffect, useState } from 'react';
import { List, Tag, Typography } from 'antd';
import type { TicketDto } from '@linli/contracts';
import { ticketsApi, type TicketDeliveryRow } from '../../api/tickets';
import { fmtDateTime } from '../../lib/time';

const STATUS: Record<TicketDeliveryRow['status'], { label: string; color?: string }> = {
  queued: { label: '发送中' },
  sent: { label: '已发送', color: 'blue' },
  delivered: { label: '已送达', color: 'green' },
  failed: { label: '失败', color: 'red' },
  acknowledged: { label: '已确认', color: 'green' },
  cancelled: { label: '已取消' },
  skipped: { label: '已跳过' },
};

export function TicketMessages({ ticket }: { ticket: TicketDto }) {
  const [rows, setRows] = useState<TicketDeliveryRow[]>([]);
  // Reloaded whenever the ticket changes: a ladder step or 回访 arrives as ticket:updated.
  useEffect(() => {
    ticketsApi.deliveries(ticket.id).then((r) => setRows(r.items), () => setRows([]));
  }, [ticket.id, ticket.updatedAt]);
  if (!rows.length) return <Typography.Text type="secondary">暂无短信或微信通知</Typography.Text>;
  return (
    <List
      size="small"
      data-testid="ticket-messages"
      dataSource={rows}
      renderItem={(r) => (
        <List.Item>
          <span>
            <Tag>{r.purpose === 'revisit' ? '回访' : '督办提醒'}</Tag>
            {r.recipient.name}
            {r.recipient.phone ? ` ${r.recipient.phone}` : ''} · {r.channel === 'bot' ? '微信私信' : '短信'} · {fmtDateTime(r.createdAt)}
          </span>
          <span>
            <Tag color={STATUS[r.status].color}>{STATUS[r.status].label}</Tag>
            {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
          </span>
        </List.Item>
      )}
    />
  );
}
