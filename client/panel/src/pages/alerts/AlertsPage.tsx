// 预警: open alerts by severity (live) with 确认/解决/转工单, countdown to the next escalation, trail and delivery ledger; resolved history; time-to-acknowledge report; devices.
import { useEffect, useState } from 'react';
import { Alert, Col, Empty, Row, Spin, Statistic, Card, Tabs } from 'antd';
import { ALERT_SEVERITIES, ALERT_SEVERITY_LABELS, type BroadcastDto } from '@linli/contracts';
import { broadcastApi } from '../../api/broadcast';
import { SEVERITY_COLORS } from '../../api/alerts';
import { AckReportTab } from './AckReportTab';
import { AlertCard } from './AlertCard';
import { DevicesTab } from './DevicesTab';
import { PoliciesTab } from './PoliciesTab';
import { useLiveAlerts } from './use-live-alerts';

function AlertList({ status }: { status: 'open' | 'resolved' }) {
  const { items, loading, error, upsert } = useLiveAlerts(status);
  const [announcements, reloadAnnouncements] = usePendingAnnouncements(status === 'open' ? items.length : -1);
  return (
    <div>
      {status === 'open' && (
        <Row gutter={12} style={{ marginBottom: 16 }}>
          {ALERT_SEVERITIES.map((s) => (
            <Col span={6} key={s}>
              <Card size="small" bordered={false}>
                <Statistic title={ALERT_SEVERITY_LABELS[s]} value={items.filter((a) => a.severity === s).length} valueStyle={{ color: SEVERITY_COLORS[s] }} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      {loading && items.length === 0 ? (
        <Spin style={{ display: 'block', marginTop: 40 }} />
      ) : items.length === 0 ? (
        <Empty description={status === 'open' ? '当前没有未处理的预警' : '暂无记录'} />
      ) : (
        items.map((a) => <AlertCard key={a.id} alert={a} onChanged={upsert} announcement={announcements.get(a.id)} onAnnounced={reloadAnnouncements} />)
      )}
    </div>
  );
}

/** Public-safety alerts whose building announcement waits for its one tap (智慧广播), by alert id; re-read as the board changes. */
function usePendingAnnouncements(boardSize: number): [Map<string, BroadcastDto>, () => void] {
  const [pending, setPending] = useState(new Map<string, BroadcastDto>());
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (boardSize < 0) return;
    let live = true;
    broadcastApi.list('pending').then(
      (r) => live && setPending(new Map(r.items.filter((b) => b.alertId).map((b) => [b.alertId!, b]))),
      () => undefined, // a role without the broadcast list sees the board without the button
    );
    return () => {
      live = false;
    };
  }, [boardSize, tick]);
  return [pending, () => setTick((t) => t + 1)];
}

export function AlertsPage() {
  const [tab, setTab] = useState('open');
  return (
    <div>
      <div className="page-title">
        <h2>预警中心</h2>
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyInactiveTabPane
        items={[
          { key: 'open', label: '未处理', children: <AlertList status="open" /> },
          { key: 'resolved', label: '已解决', children: <AlertList status="resolved" /> },
          { key: 'report', label: '响应统计', children: <AckReportTab /> },
          { key: 'policies', label: '升级策略', children: <PoliciesTab /> },
          { key: 'devices', label: '设备', children: <DevicesTab /> },
        ]}
      />
    </div>
  );
}
