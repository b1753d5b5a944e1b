// One row of 我的工单: number, category, status, a line of the description.
import { View } from '@tarojs/components';
import type { TicketDto } from '@linli/contracts';
import { formatTime } from '../services/format';
import { StatusTag } from './status-tag';
import { tappable } from '../services/a11y';

export function TicketCard({ ticket, onOpen }: { ticket: TicketDto; onOpen: () => void }) {
  return (
    <View className="card" data-testid="ticket-card" data-ticket-no={ticket.no} onClick={onOpen} {...tappable({ role: 'link' })}>
      <View className="row between">
        <View className="strong">
          {ticket.category} · {ticket.no}
        </View>
        <StatusTag status={ticket.status} />
      </View>
      <View className="gap">{ticket.title || ticket.description || '（语音报事）'}</View>
      <View className="muted">{formatTime(ticket.createdAt)}</View>
    </View>
  );
}
