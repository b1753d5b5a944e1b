// A ticket's history: every state change, reply and internal note with who and when.
import { Tag, Timeline, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { TICKET_STATUS_LABELS, type TimelineEntryDto } from '@linli/contracts';
import { TIMELINE_LABELS } from '../../lib/labels';
import { fmtDateTime } from '../../lib/time';

const COLORS: Partial<Record<TimelineEntryDto['kind'], string>> = {
  created: 'blue',
  resolved: 'green',
  closed: 'gray',
  escalated: 'red',
  urged: 'orange',
  cancelled: 'gray',
};

function who(e: TimelineEntryDto): string {
  if (e.actor.kind === 'system') return '系统';
  if (e.actor.kind === 'bot') return `${e.actor.name}（群聊）`;
  return e.actor.name;
}

export function TicketTimeline({ entries }: { entries: TimelineEntryDto[] }) {
  const items = [...entries].reverse().map((e, i) => ({
    key: `${e.at}-${i}`,
    color: e.internal ? 'gold' : COLORS[e.kind] ?? 'blue',
    children: (
      <div data-testid="timeline-entry">
        <div>
          <Typography.Text strong>{TIMELINE_LABELS[e.kind] ?? e.kind}</Typography.Text>
          {e.kind === 'comment' &&
            (e.internal ? (
              <Tag icon={<LockOutlined />} color="gold" style={{ marginLeft: 8 }}>
                内部备注
              </Tag>
            ) : (
              <Tag color="blue" style={{ marginLeft: 8 }}>
                公开回复
              </Tag>
            ))}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {who(e)} · {fmtDateTime(e.at)}
          </Typography.Text>
        </div>
        {e.assigneeName && <div>处理人：{e.assigneeName}</div>}
        {e.from && e.to && e.kind !== 'assigned' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {TICKET_STATUS_LABELS[e.from]} → {TICKET_STATUS_LABELS[e.to]}
          </Typography.Text>
        )}
        {e.score !== undefined && <div>评分：{'★'.repeat(e.score)}{'☆'.repeat(5 - e.score)}</div>}
        {e.note && <div className={e.internal ? 'timeline-internal' : e.kind === 'comment' ? 'timeline-public' : ''} style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{e.note}</div>}
      </div>
    ),
  }));
  return <Timeline items={items} />;
}
