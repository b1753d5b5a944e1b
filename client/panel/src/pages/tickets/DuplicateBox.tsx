// Duplicate reports on a ticket's page: the open report it was linked to, a suggested one to confirm or dismiss, and the reports that follow it.
import { useState } from 'react';
import { Alert, App, Button, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { DuplicateLinkedBy, TicketDto } from '@linli/contracts';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';

const BY_LABEL: Record<DuplicateLinkedBy, string> = { auto: '系统自动合并', staff: '工作人员确认合并', reporter: '居民选择一起关注' };

export function DuplicateBox({ ticket, onChanged }: { ticket: TicketDto; onChanged: (t: TicketDto) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const act = async (call: () => Promise<TicketDto>, done: string) => {
    setBusy(true);
    try {
      onChanged(await call());
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e, '操作失败'));
    } finally {
      setBusy(false);
    }
  };
  const dup = ticket.duplicateOf;
  const sug = ticket.duplicateSuggestion;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="duplicate-box">
      {dup && (
        <Alert
          type="info"
          showIcon
          data-testid="duplicate-of"
          message={
            <span>
              与 <Link to={`/tickets/${dup.id}`}>{dup.no}</Link> 为同一问题（{BY_LABEL[dup.by]}），共用处理时限，进度随 {dup.no} 同步
            </span>
          }
          action={
            <Button size="small" disabled={busy} data-testid="unlink" onClick={() => void act(() => ticketsApi.unlink(ticket.id), '已取消合并，单独处理')}>
              取消合并
            </Button>
          }
        />
      )}
      {sug && (
        <Alert
          type="warning"
          showIcon
          data-testid="duplicate-suggestion"
          message={
            <span>
              疑似与 <Link to={`/tickets/${sug.id}`}>{sug.no}</Link> 为同一问题（相似度 {Math.round(sug.score * 100)}%），请确认
            </span>
          }
          action={
            <Space>
              <Button size="small" type="primary" disabled={busy} data-testid="confirm-link" onClick={() => void act(() => ticketsApi.link(ticket.id, sug.id), `已与 ${sug.no} 合并`)}>
                确认合并
              </Button>
              <Button size="small" disabled={busy} data-testid="dismiss-link" onClick={() => void act(() => ticketsApi.unlink(ticket.id), '已标记为不同问题')}>
                不是同一问题
              </Button>
            </Space>
          }
        />
      )}
      {ticket.followerCount > 0 && (
        <Alert
          type={ticket.priority === 'high' ? 'error' : 'info'}
          data-testid="followers"
          message={
            <span>
              {ticket.priority === 'high' && <Tag color="red">加急</Tag>}
              另有 {ticket.followerCount} 条报事合并到本工单，共 {ticket.households} 户反映：
              {(ticket.linked ?? []).map((l) => (
                <Link key={l.id} to={`/tickets/${l.id}`} style={{ marginLeft: 6 }}>
                  {l.no}
                </Link>
              ))}
            </span>
          }
        />
      )}
    </Space>
  );
}
