// A ticket's status as a coloured tag with the shared Chinese label.
import { Text } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@linli/contracts';

export function StatusTag({ status }: { status: TicketStatus }) {
  return (
    <Text className={`tag tag-${status}`} data-testid="ticket-status">
      {TICKET_STATUS_LABELS[status]}
    </Text>
  );
}
