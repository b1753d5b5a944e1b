// An alert's trail: raised, who was notified at each escalation level, acknowledged, resolved, ticket opened.
import { Tag, Timeline, Typography } from 'antd';
import { ESCALATION_LEVEL_LABELS, type AlertHistoryEntryDto, type AlertHistoryKind } from '@linli/contracts';
import { fmtDateTime } from '../../lib/time';

const KIND_LABELS: Record<AlertHistoryKind, string> = {
  raised: '触发预警',
  notified: '通知',
  escalated: '超时未确认，升级',
  acknowledged: '确认',
  resolved: '解决',
  ticket_opened: '转为工单',
};
const KIND_COLORS: Partial<Record<AlertHistoryKind, string>> = { raised: 'red', escalated: 'orange', acknowledged: 'blue', resolved: 'green' };

export function AlertHistory({ history }: { history: AlertHistoryEntryDto[] }) {
  return (
    <Timeline
      data-testid="alert-history"
      items={history.map((h, i) => ({
        key: i,
        color: KIND_COLORS[h.kind] ?? 'gray',
        children: (
          <div>
            <Typography.Text strong>{KIND_LABELS[h.kind]}</Typography.Text>
            {h.level && <Tag style={{ marginLeft: 6 }}>{ESCALATION_LEVEL_LABELS[h.level]}</Tag>}
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {h.actor.name}
              {h.actor.kind === 'contact' ? '（家属）' : ''} · {fmtDateTime(h.at)}
            </Typography.Text>
            {h.to && h.to.length > 0 && (
              <div style={{ fontSize: 12 }}>
                通知：{h.to.map((r) => `${r.name}${r.relation ? `（${r.relation}）` : ''}${r.channel === 'sms' ? ' 短信' : ''}`).join('、')}
              </div>
            )}
            {h.ticketNo && <div>工单：{h.ticketNo}</div>}
            {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
