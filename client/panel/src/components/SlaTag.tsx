// SLA countdown tag: time left, turning orange near the deadline and red once overdue.
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { TicketDto } from '@linli/contracts';
import { slaState } from '../lib/sla';
import { fmtDateTime } from '../lib/time';
import { useNow } from '../lib/use-now';

export function SlaTag({ ticket }: { ticket: Pick<TicketDto, 'status' | 'slaDueAt' | 'createdAt'> }) {
  const now = useNow(30_000);
  const s = slaState(ticket, now);
  if (s.level === 'done') return null;
  const color = s.level === 'overdue' ? 'error' : s.level === 'soon' ? 'warning' : 'default';
  return (
    <Tooltip title={`处理时限：${fmtDateTime(ticket.slaDueAt)}`}>
      <Tag color={color} icon={s.level === 'overdue' ? <WarningOutlined /> : <ClockCircleOutlined />} data-testid="sla-tag">
        {s.label}
      </Tag>
    </Tooltip>
  );
}
