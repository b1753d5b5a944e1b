// Coloured tag for a ticket status, labelled from contracts.
import { Tag } from 'antd';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@linli/contracts';

const COLORS: Record<TicketStatus, string> = {
  submitted: 'orange',
  accepted: 'blue',
  assigned: 'geekblue',
  in_progress: 'processing',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="ticket-status">
      {TICKET_STATUS_LABELS[status]}
    </Tag>
  );
}
