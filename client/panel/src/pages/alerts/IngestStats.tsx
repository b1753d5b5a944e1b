// Device event intake health: accepted and rejected events per path (HTTP webhook, MQTT) and the MQTT link.
import { useEffect, useState } from 'react';
import { Badge, Card, Descriptions, Space, Typography } from 'antd';
import type { IngestRejection, IngestStatsDto } from '@linli/contracts';
import { ingestStatsApi } from '../../api/alerts';

const REJECTION_LABELS: Record<IngestRejection, string> = {
  malformed: '格式错误',
  unknown_device: '未知设备',
  bad_key: '密钥错误',
  disabled: '设备停用',
  type_not_allowed: '类型不符',
  stale: '时间过期',
  replay: '重放',
  failed: '处理失败',
};

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export function IngestStats() {
  const [s, setS] = useState<IngestStatsDto | null>(null);
  useEffect(() => {
    ingestStatsApi.get().then(setS, () => undefined);
  }, []);
  if (!s) return null;
  const rejected = (path: 'http' | 'mqtt') =>
    (Object.entries(s.rejected[path]) as [IngestRejection, number][])
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${REJECTION_LABELS[k]} ${n}`)
      .join('、') || '无';
  return (
    <Card size="small" title="设备上报" style={{ marginBottom: 12 }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="HTTP 接收">{sum(s.accepted.http)} 条</Descriptions.Item>
        <Descriptions.Item label="MQTT 接收">{sum(s.accepted.mqtt)} 条</Descriptions.Item>
        <Descriptions.Item label="MQTT 连接">
          <Space>
            <Badge status={s.mqtt.connected ? 'success' : 'default'} text={s.mqtt.connected ? '已连接' : s.mqtt.url ? '未连接' : '未配置'} />
            {s.mqtt.reconnects > 0 && <Typography.Text type="secondary">重连 {s.mqtt.reconnects} 次</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="HTTP 拒收">{rejected('http')}</Descriptions.Item>
        <Descriptions.Item label="MQTT 拒收">{rejected('mqtt')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
