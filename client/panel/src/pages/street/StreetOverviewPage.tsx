// 街道总览: the street's KPIs per community (响应率, 办结率, 满意率, 重复报修率) and its supervised tickets, read-only.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, DatePicker, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  STREET_TICKET_LEVEL_LABELS,
  TICKET_STATUS_LABELS,
  isOpenTicketStatus,
  shanghaiDateTime,
  shanghaiDay,
  type ServiceCounts,
  type ServiceStatsDto,
  type StreetTicketDto,
  type StreetTicketLevel,
} from '@linli/contracts';
import { streetApi } from '../../api/street';
import { errorMessage } from '../../lib/errors';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
type Row = { key: string; label: string } & ServiceCounts;

export function StreetOverviewPage() {
  const today = shanghaiDay();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 7)}-01`, today]);
  const [stats, setStats] = useState<ServiceStatsDto | null>(null);
  const [level, setLevel] = useState<StreetTicketLevel>('supervised');
  const [tickets, setTickets] = useState<{ total: number; items: StreetTicketDto[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadStats = useCallback(() => {
    streetApi.stats(range[0], range[1]).then(setStats, (e) => setError(errorMessage(e, '统计失败')));
  }, [range]);
  useEffect(loadStats, [loadStats]);
  useEffect(() => {
    streetApi.tickets(level).then(setTickets, (e) => setError(errorMessage(e, '督办工单读取失败')));
  }, [level]);

  const rows: Row[] = [...(stats?.groups ?? []), ...(stats ? [{ key: '__all', label: '全街道合计', ...stats.overall }] : [])];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="street-overview">
      {error && <Alert type="error" showIcon message={error} />}
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>各社区接诉即办指标</Typography.Title>}
        extra={
          <DatePicker.RangePicker
            aria-label="统计日期"
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([(v[0] as Dayjs).format('YYYY-MM-DD'), (v[1] as Dayjs).format('YYYY-MM-DD')])}
          />
        }
      >
        <Table<Row>
          data-testid="street-kpis"
          rowKey="key"
          size="middle"
          pagination={false}
          loading={!stats && !error}
          dataSource={rows}
          columns={[
            { title: '社区', dataIndex: 'label', render: (v: string, r) => (r.key === '__all' ? <strong>{v}</strong> : v) },
            { title: '报事', dataIndex: 'total' },
            { title: '计入考核', dataIndex: 'counted' },
            { title: '响应率', render: (_, r) => pct(r.rates.signedOnTime) },
            { title: '办结率', render: (_, r) => pct(r.rates.finishedOnTime) },
            { title: '满意率', render: (_, r) => pct(r.rates.satisfied) },
            { title: '重复报修率', render: (_, r) => pct(r.rates.duplicates) },
          ]}
        />
      </Card>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>督办工单</Typography.Title>}
        extra={
          <Radio.Group
            aria-label="督办级别"
            value={level}
            onChange={(e) => setLevel(e.target.value as StreetTicketLevel)}
            optionType="button"
            options={(['supervised', 'street'] as const).map((l) => ({ value: l, label: STREET_TICKET_LEVEL_LABELS[l] }))}
          />
        }
      >
        <Typography.Paragraph type="secondary">
          未办结的在前；共 {tickets?.total ?? '…'} 件。居民电话不在街道视图中显示，如需联系请通过社区。
        </Typography.Paragraph>
        <Table<StreetTicketDto>
          data-testid="street-tickets"
          rowKey="id"
          size="middle"
          loading={!tickets && !error}
          dataSource={tickets?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '编号', dataIndex: 'no' },
            { title: '社区', dataIndex: 'communityName' },
            { title: '类别', dataIndex: 'category' },
            { title: '问题', dataIndex: 'title' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: StreetTicketDto['status']) => <Tag color={isOpenTicketStatus(s) ? 'red' : 'default'}>{TICKET_STATUS_LABELS[s]}</Tag>,
            },
            { title: '处理人', dataIndex: 'assigneeName', render: (v?: string) => v ?? '未派单' },
            { title: '办结时限', dataIndex: 'slaDueAt', render: (v: string) => shanghaiDateTime(v) },
            {
              title: '督办',
              render: (_, t) => (t.timeline.some((e) => e.kind === 'street') ? <Tag color="volcano">上报街道</Tag> : <Tag color="orange">社区督办</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
