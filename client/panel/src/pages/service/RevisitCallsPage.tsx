// 回访电话任务: resolved tickets whose reporter did not answer the 回访 in 3 days; staff call her and record the outcome on the ticket (live over Socket.io).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TicketDto } from '@linli/contracts';
import { useSocketEvent, useSocketResync } from '../../api/realtime';
import { ticketsApi } from '../../api/tickets';
import { errorMessage } from '../../lib/errors';
import { fmtDateTime } from '../../lib/time';

export function RevisitCallsPage() {
  const [items, setItems] = useState<TicketDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ticketsApi.list({ revisit: 'call', limit: 100 }).then((p) => {
      setItems(p.items);
      setError(null);
    }, (e) => setError(errorMessage(e, '加载失败')));
  }, []);
  useEffect(load, [load]);
  useSocketResync(load);
  // A ticket becomes a call task, or its call is recorded: the list follows.
  useSocketEvent('ticket:updated', (t) => {
    if (t.revisit?.status === 'call' || items?.some((i) => i.id === t.id)) load();
  });
  return (
    <Card title="回访电话任务" extra={<Link to="/service">返回接诉即办统计</Link>} data-testid="revisit-calls">
      <Typography.Paragraph type="secondary">居民办结后 3 天未答复回访（小程序、微信私信或短信）的工单。请电话回访，在工单页记录居民的评价或“没解决”。</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        loading={!items && !error}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无待回访工单' }}
        columns={[
          { title: '工单号', dataIndex: 'no', render: (no: string, t) => <Link to={`/tickets/${t.id}`}>{no}</Link> },
          { title: '问题', dataIndex: 'title' },
          { title: '类别', dataIndex: 'category' },
          { title: '报事人', render: (_, t) => t.reporter.name },
          { title: '联系电话', render: (_, t) => t.reporter.phone ?? '—' },
          { title: '办结时间', render: (_, t) => (t.resolvedAt ? fmtDateTime(t.resolvedAt) : '—') },
          { title: '回访发出', render: (_, t) => (t.revisit?.askedAt ? fmtDateTime(t.revisit.askedAt) : '—') },
          { title: '', render: (_, t) => <Link to={`/tickets/${t.id}`} data-testid={`call-${t.no}`}>记录回访结果</Link> },
        ]}
      />
    </Card>
  );
}
