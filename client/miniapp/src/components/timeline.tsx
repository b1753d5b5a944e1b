// A ticket's progress, newest first, public events only (the server already hides internal notes; we never show them).
import { View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, TIMELINE_LABELS, type TimelineEntryDto } from '@linli/contracts';
import { formatTime } from '../services/format';

export function describe(e: TimelineEntryDto): string {
  if (e.kind === 'assigned' && e.assigneeName) return `已派给 ${e.assigneeName}`;
  if (e.kind === 'rated' && e.score) return `已评价 ${e.score} 星`;
  const label = TIMELINE_LABELS[e.kind]?.resident;
  if (!label && e.to) return TICKET_STATUS_LABELS[e.to];
  return label ?? e.kind;
}

export function Timeline({ entries }: { entries: TimelineEntryDto[] }) {
  const visible = entries.filter((e) => !e.internal).slice().reverse();
  return (
    <View data-testid="timeline">
      {visible.map((e, i) => (
        <View className="timeline-item" key={`${e.at}-${i}`} data-testid="timeline-item">
          <View className="timeline-dot" />
          <View className="strong">{describe(e)}</View>
          {e.note && <View>{e.note}</View>}
          <View className="muted">
            {formatTime(e.at)} {e.actor.kind === 'system' ? '' : e.actor.name}
          </View>
        </View>
      ))}
    </View>
  );
}
