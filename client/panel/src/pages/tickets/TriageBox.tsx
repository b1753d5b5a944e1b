// 智能分诊: the suggestion from a report's words — on the desk form as the staff member types (采用 fills category and place), and on a ticket's page to confirm (确认 applies category, place and 加急).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Space, Tag, Typography } from 'antd';
import type { TicketDto, TicketTriage } from '@linli/contracts';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';

function describe(s: TicketTriage): string {
  const where = s.location ? ` · ${s.location.building}${s.location.unit ?? ''}` : '';
  const how = s.categorySource === 'rules' ? '关键词' : `模型 ${Math.round(s.confidence * 100)}%`;
  return `${s.category}（${how}）${where}${s.urgent ? ' · 紧急' : ''}`;
}

/** Desk form: asks for a suggestion once typing pauses; `onApply` puts it into the form. */
export function TriageHint({ text, onApply }: { text: string; onApply: (s: TicketTriage) => void }) {
  const [s, setS] = useState<TicketTriage | null>(null);
  useEffect(() => {
    const words = text.trim();
    if (words.length < 4) return setS(null);
    const timer = setTimeout(() => ticketsApi.triage(words).then(setS, () => setS(null)), 400);
    return () => clearTimeout(timer);
  }, [text]);
  if (!s) return null;
  return (
    <Space data-testid="triage-hint" style={{ marginTop: -12, marginBottom: 12 }} wrap>
      <Typography.Text type="secondary">智能分诊建议：{describe(s)}</Typography.Text>
      <Button size="small" onClick={() => onApply(s)} data-testid="triage-apply">
        采用
      </Button>
    </Space>
  );
}

/** Ticket page: the suggestion made at filing, for staff to confirm once. */
export function TriageBox({ ticket, onChanged }: { ticket: TicketDto; onChanged: (t: TicketDto) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const s = ticket.triage;
  if (!s) return null;
  if (s.accepted) return <Tag color="green" data-testid="triage-accepted">已确认分诊：{describe(s)}</Tag>;
  const same = s.category === ticket.category && (!s.location || !!ticket.location) && (!s.urgent || ticket.priority === 'high');
  if (same) return null;
  const accept = async () => {
    setBusy(true);
    try {
      onChanged(await ticketsApi.acceptTriage(ticket.id));
      message.success('已按分诊建议调整');
    } catch (e) {
      message.error(errorMessage(e, '调整失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      data-testid="triage-box"
      type={s.urgent ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      message={`智能分诊建议：${describe(s)}`}
      description={s.category !== ticket.category ? `当前类别为「${ticket.category}」，确认后按「${s.category}」重新计算处理时限` : undefined}
      action={
        <Button size="small" type="primary" disabled={busy} onClick={() => void accept()} data-testid="triage-accept">
          确认
        </Button>
      }
    />
  );
}
