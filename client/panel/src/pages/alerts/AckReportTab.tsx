// 响应统计: time to acknowledge per month against the telecare anchors (taken within 60 s and within 3 min), overall and per type.
import { useEffect, useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AlertAckStatsDto, AlertReportDto } from '@linli/contracts';
import { alertsApi } from '../../api/alerts';
import { errorMessage } from '../../lib/errors';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const secs = (v: number | null) => (v === null ? '—' : v < 120 ? `${v} 秒` : `${(v / 60).toFixed(1)} 分钟`);

export function AckReportTab() {
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [report, setReport] = useState<AlertReportDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    alertsApi.report(month.format('YYYY-MM')).then(setReport, (e) => setError(errorMessage(e)));
  }, [month]);
  const o = report?.overall;
  return (
    <div data-testid="ack-report">
      <div style={{ marginBottom: 16 }}>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} aria-label="统计月份" />
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          统计需要人处理的预警（呼救、跌倒、心率、未打卡及高危设备报警）；参考标准：60 秒内响应 97.5%，3 分钟内 99%
        </Typography.Text>
      </div>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      {o && (
        <Row gutter={12} style={{ marginBottom: 16 }}>
          <Col span={4}><Card size="small"><Statistic title="预警数" value={o.total} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="未确认" value={o.unacknowledged} valueStyle={{ color: o.unacknowledged ? '#a8071a' : undefined }} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="响应时间中位数" value={secs(o.p50Seconds)} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="90% 在此时间内响应" value={secs(o.p90Seconds)} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="60 秒内响应" value={pct(o.within60s)} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="3 分钟内响应" value={pct(o.within180s)} /></Card></Col>
        </Row>
      )}
      {report && (
        <Table<AlertAckStatsDto & { type: string; typeLabel: string }>
          size="small"
          rowKey="type"
          pagination={false}
          dataSource={report.byType}
          locale={{ emptyText: '本月没有需要处理的预警' }}
          columns={[
            { title: '类型', dataIndex: 'typeLabel' },
            { title: '预警数', dataIndex: 'total' },
            { title: '已确认', dataIndex: 'acknowledged' },
            { title: '中位数', render: (_, t) => secs(t.p50Seconds) },
            { title: 'P90', render: (_, t) => secs(t.p90Seconds) },
            { title: '60 秒内', render: (_, t) => pct(t.within60s) },
            { title: '3 分钟内', render: (_, t) => pct(t.within180s) },
          ]}
        />
      )}
    </div>
  );
}
