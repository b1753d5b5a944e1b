// A ticket's progress, newest first, public events only (the server already hides internal notes; we never show them).
import { View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TimelineEntryDto, type TimelineKind } from '@linli/contracts';
import { formatTime } from '../services/format';

const KIND_LABELS: Record<TimelineKind, string> = {
  created: '已提交',
  accepted: '社区已受理',
  assigned: '已派单',
  started: '开始处理',
  resolved: '已处理完成',
  closed: '已关闭',
  reopened: '已重新打开',
  cancelled: '已撤销',
  comment: '留言',
  urged: '催单',
  rated: '已评价',
  escalated: '已超时，已提醒负责人加快处理',
  transcribed: '语音已转为文字',
};

export function describe(e: TimelineEntryDto): string {
  if (e.kind === 'assigned' && e.assigneeName) return `已派给 ${e.assigneeName}`;
  if (e.kind === 'rated' && e.score) return `已评价 ${e.score} 星`;
  if (!KIND_LABELS[e.kind] && e.to) return TICKET_STATUS_LABELS[e.to];
  return KIND_LABELS[e.kind] ?? e.kind;
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
