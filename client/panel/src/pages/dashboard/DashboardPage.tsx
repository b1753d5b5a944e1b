// 数据看板: tickets by status and category, median resolution time, SLA compliance, notice read rate (from the list APIs).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Spin, Statistic, Typography } from 'antd';
import { TICKET_STATUSES, TICKET_STATUS_LABELS, type NoticeDto, type TicketDto } from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { ticketsApi } from '../../api/tickets';
import { dashboardStats } from '../../lib/dashboard-stats';
import { fmtDuration } from '../../lib/time';
import { EChart } from './EChart';
import { errorMessage } from '../../lib/errors';

/** The list API pages by 100; the dashboard reads at most this many pages (the most recent tickets). */
const MAX_PAGES = 20;
const STATUS_COLORS = ['#fa8c16', '#1668dc', '#2f54eb', '#13c2c2', '#52c41a', '#8c8c8c', '#bfbfbf'];

async function allTickets(): Promise<{ items: TicketDto[]; truncated: boolean }> {
  const items: TicketDto[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await ticketsApi.list({ status: TICKET_STATUSES.join(','), limit: 100, cursor });
    items.push(...page.items);
    if (!page.nextCursor) return { items, truncated: false };
    cursor = page.nextCursor;
  }
  return { items, truncated: true };
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export function DashboardPage() {
  const [data, setData] = useState<{ tickets: TicketDto[]; notices: NoticeDto[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([allTickets(), noticesApi.list({ status: 'published', limit: 100 })]).then(
      ([t, n]) => setData({ tickets: t.items, truncated: t.truncated, notices: n.items }),
      (e) => setError(errorMessage(e, '加载失败')),
    );
  }, []);
  const s = useMemo(() => (data ? dashboardStats(data.tickets, data.notices) : null), [data]);

  if (error) return <Alert type="error" message={error} />;
  if (!s || !data) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  const statusData = TICKET_STATUSES.map((st, i) => ({ name: TICKET_STATUS_LABELS[st], value: s.byStatus[st], itemStyle: { color: STATUS_COLORS[i] } })).filter((d) => d.value > 0);

  return (
    <div data-testid="dashboard">
      <div className="page-title">
        <h2>数据看板</h2>
        <Typography.Text type="secondary">
          统计 {s.total} 张工单{data.truncated ? `（最近 ${s.total} 张）` : ''}、{s.noticeCount} 条已发布通知
        </Typography.Text>
      </div>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}><Card bordered={false}><Statistic title="工单总数" value={s.total} /></Card></Col>
        <Col xs={12} lg={6}><Card bordered={false}><Statistic title="办结用时（中位数）" value={s.medianResolutionMs === null ? '—' : fmtDuration(s.medianResolutionMs)} data-testid="dash-median" /></Card></Col>
        <Col xs={12} lg={6}><Card bordered={false}><Statistic title="按时办结率" value={pct(s.slaCompliance)} valueStyle={{ color: '#237804' }} suffix={s.openOverdue ? <Typography.Text type="danger" style={{ fontSize: 13 }}>　{s.openOverdue} 张超时未办</Typography.Text> : null} /></Card></Col>
        <Col xs={12} lg={6}><Card bordered={false}><Statistic title="通知阅读率" value={pct(s.noticeReadRate)} valueStyle={{ color: '#1668dc' }} /></Card></Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title="工单状态">
            <EChart option={{ tooltip: { trigger: 'item' }, legend: { bottom: 0 }, series: [{ type: 'pie', radius: ['45%', '70%'], label: { formatter: '{b} {c}' }, data: statusData }] }} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="诉求类别">
            <EChart
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 80, right: 24, top: 16, bottom: 24 },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: s.byCategory.map((c) => c.category) },
                series: [{ type: 'bar', data: s.byCategory.map((c) => c.count), itemStyle: { color: '#1668dc', borderRadius: [0, 4, 4, 0] }, barMaxWidth: 22, label: { show: true, position: 'right' } }],
              }}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
