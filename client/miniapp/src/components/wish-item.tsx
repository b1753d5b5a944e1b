// One wish-list item: number, title, status, votes, estimated cost and money spent, latest progress; selectable while voting.
import { Text, View } from '@tarojs/components';
import { formatFen, WISH_ITEM_STATUS_LABELS, type WishItemDto } from '@linli/contracts';
import { formatTime } from '../services/format';
import { tappable } from '../services/a11y';

interface Props {
  item: WishItemDto;
  votes: number;
  selectable: boolean;
  selected: boolean;
  mine: boolean;
  onToggle: () => void;
}

export function WishItem({ item, votes, selectable, selected, mine, onToggle }: Props) {
  const last = item.progress[item.progress.length - 1];
  return (
    <View className={`card${selected ? ' official' : ''}`} data-testid="wish-item" data-selected={selected ? '1' : '0'} onClick={() => selectable && onToggle()} {...(selectable ? tappable({ role: 'checkbox', checked: selected }) : {})}>
      <View className="row between">
        <View className="strong grow">
          {selectable && <Text>{selected ? '☑ ' : '☐ '}</Text>}
          {item.no}. {item.title}
        </View>
        <Text className={`tag${item.status === 'done' ? ' tag-resolved' : ''}`}>{WISH_ITEM_STATUS_LABELS[item.status]}</Text>
      </View>
      {item.description && <View className="gap">{item.description}</View>}
      <View className="muted">
        <Text data-testid="wish-votes">{votes} 票</Text>
        {mine ? ' · 我家已选' : ''}
        {item.estimatedCost ? ` · 预算 ¥${formatFen(item.estimatedCost)}` : ''}
        {item.spent ? ` · 已支出 ¥${formatFen(item.spent)}` : ''}
      </View>
      {item.status === 'rejected' && item.rejectReason && <View className="muted">不采纳原因：{item.rejectReason}</View>}
      {last && (
        <View className="muted">
          最新进展（{formatTime(last.at)}）：{last.note ?? (last.to ? WISH_ITEM_STATUS_LABELS[last.to] : '')}
        </View>
      )}
    </View>
  );
}
