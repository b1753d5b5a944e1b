// 回访 on a ticket's page: while the resident has not answered (or after 3 days, as a call task) staff record what she said on the phone — solved with stars, or 没解决 (reopens it under supervision).
import { useState } from 'react';
import { Alert, App, Button, Input, Rate, Space, Typography } from 'antd';
import type { TicketDto, TicketRevisitAnswer } from '@linli/contracts';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';

export function RevisitBox({ ticket, onChanged }: { ticket: TicketDto; onChanged: (t: TicketDto) => void }) {
  const { message } = App.useApp();
  const [score, setScore] = useState(5);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const v = ticket.revisit;
  if (!v || v.status === 'done' || !['resolved', 'closed'].includes(ticket.status)) return null;
  const record = async (answer: TicketRevisitAnswer, done: string) => {
    setBusy(true);
    try {
      onChanged(await ticketsApi.revisit(ticket.id, answer));
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e, '记录失败'));
    } finally {
      setBusy(false);
    }
  };
  const note = comment.trim() ? { comment: comment.trim() } : {};
  return (
    <Alert
      data-testid="revisit-box"
      style={{ marginTop: 12 }}
      type={v.status === 'call' ? 'warning' : 'info'}
      showIcon
      message={v.status === 'call' ? '居民 3 天未答复回访，请电话回访并记录结果' : '已请居民确认并评价，未答复前也可电话回访'}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>居民评价</Typography.Text>
            <Rate value={score} onChange={(n) => setScore(n || 1)} aria-label="居民评分" />
          </Space>
          <Input.TextArea rows={2} maxLength={300} value={comment} placeholder="居民原话（选填）" onChange={(e) => setComment(e.target.value)} data-testid="revisit-comment" aria-label="居民原话" />
          <Space wrap>
            <Button type="primary" disabled={busy} data-testid="revisit-solved" onClick={() => void record({ solved: true, score, ...note }, '已记录：问题已解决')}>
              已解决，记录评价
            </Button>
            <Button danger disabled={busy} data-testid="revisit-unsolved" onClick={() => void record({ solved: false, ...note }, '已重新打开并加急，社区负责人督办')}>
              没解决
            </Button>
          </Space>
        </Space>
      }
    />
  );
}
