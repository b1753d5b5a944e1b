// 接诉即办 report: 响应率, 办结率, 满意率 and 重复报修率 for a date range, per month/category/handler/building, with bars and an .xlsx export.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { SERVICE_STATS_GROUP_LABELS, shanghaiDay, type ServiceCounts, type ServiceStatsDto, type ServiceStatsGroup } from '@linli/contracts';
import { Link } from 'react-router-dom';
import { serviceApi } from '../../api/service';
import { TopProblemsCard } from './TopProblemsCard';
import { errorMessage } from '../../lib/errors';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const RATES: Array<{ key: keyof ServiceCounts['rates']; label: string; hint: string }> = [
  { key: 'signedOnTime', label: '响应率', hint: '按时签收 / 计入考核' },
  { key: 'finishedOnTime', label: '办结率', hint: '按时办结 / 计入考核' },
  { key: 'satisfied', label: '满意率', hint: '满意 / 已评价' },
  { key: 'duplicates', label: '重复报修率', hint: '重复报修 / 报事总数' },
];

export function ServiceReportPage() {
  const { message } = App.useApp();
  const today = shanghaiDay();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 7)}-01`, today]);
  const [groupBy, setGroupBy] = useState<ServiceStatsGroup>('category');
  const [data, setData] = useState<ServiceStatsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    serviceApi
      .stats({ from: range[0], to: range[1], groupBy })
      .then((d) => {
        setData(d);
        setError(null);
      }, (e) => setError(errorMessage(e, '统计失败')))
      .finally(() => setLoading(false));
  }, [range, groupBy]);
  useEffect(load, [load]);

  const onExport = () => serviceApi.exportXlsx({ from: range[0], to: range[1], groupBy }).catch((e) => message.error(errorMessage(e, '导出失败')));
  const o = data?.overall;

  return (
    <div data-testid="service-report">
      <Card
        title="接诉即办统计"
        extra={
          <Space wrap>
            <Link to="/service/revisits" data-testid="revisit-calls-link">回访电话任务</Link>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v) => v?.[0] && v[1] && setRange([(v[0] as Dayjs).format('YYYY-MM-DD'), (v[1] as Dayjs).format('YYYY-MM-DD')])}
              data-testid="report-range"
            />
            <Select
              aria-label="分组方式"
              value={groupBy}
              style={{ width: 120 }}
              onChange={setGroupBy}
              options={(['category', 'month', 'assignee', 'building'] as const).map((g) => ({ value: g, label: SERVICE_STATS_GROUP_LABELS[g] }))}
              data-testid="report-group"
            />
            <Button type="primary" onClick={() => void onExport()} data-testid="report-export">
              导出 Excel
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {o && (
          <Row gutter={16} data-testid="report-rates">
            {RATES.map((r) => (
              <Col xs={12} lg={6} key={r.key}>
                <Card size="small">
                  <Statistic title={r.label} value={pct(o.rates[r.key])} />
                  <Progress aria-label={r.label} percent={Math.round((o.rates[r.key] ?? 0) * 1000) / 10} showInfo={false} status={r.key === 'duplicates' ? 'exception' : 'normal'} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.hint}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        )}
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="key"
          loading={loading}
          pagination={false}
          data-testid="report-table"
          dataSource={[...(data?.groups ?? []), ...(o ? [{ key: '__total', label: '合计', ...o }] : [])]}
          columns={[
            { title: '分组', dataIndex: 'label' },
            { title: '报事总数', dataIndex: 'total' },
            { title: '重复报修', dataIndex: 'duplicates' },
            { title: '计入考核', dataIndex: 'counted' },
            { title: '按时签收', dataIndex: 'signedOnTime' },
            { title: '按时办结', dataIndex: 'finishedOnTime' },
            { title: '已评价', dataIndex: 'rated' },
            { title: '满意', dataIndex: 'satisfied' },
            ...RATES.map((r) => ({ title: r.label, key: r.key, render: (_: unknown, c: ServiceCounts) => pct(c.rates[r.key]) })),
          ]}
        />
      </Card>
      <TopProblemsCard />
    </div>
  );
}
