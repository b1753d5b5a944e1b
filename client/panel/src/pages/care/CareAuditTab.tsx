// 健康信息访问记录 (admins): who read or changed which resident's health data, absences (外出登记) and quiet hours, when and through what.
import { useEffect, useState } from 'react';
import { Alert, Table, Tag } from 'antd';
import type { CareAuditDto } from '@linli/contracts';
import { careApi } from '../../api/care';
import { fmtDateTime } from '../../lib/time';
import { errorMessage } from '../../lib/errors';

const ACTIONS: Record<CareAuditDto['action'], { label: string; color?: string }> = {
  read_health: { label: '查看健康信息' },
  write_health: { label: '修改健康信息', color: 'orange' },
  write_absence: { label: '外出登记', color: 'blue' },
  write_quiet_hours: { label: '免打扰时段', color: 'purple' },
};

export function CareAuditTab() {
  const [items, setItems] = useState<CareAuditDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    careApi.audit().then((p) => setItems(p.items), (e) => setError(errorMessage(e, '加载失败')));
  }, []);
  if (error) return <Alert type="error" message={error} />;
  return (
    <Table<CareAuditDto>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: '时间', dataIndex: 'at', render: (a: string) => fmtDateTime(a) },
        { title: '操作人', render: (_, a) => (a.actor.roles.includes('resident') ? `${a.actor.name}（本人）` : a.actor.name) },
        { title: '操作', dataIndex: 'action', render: (a: CareAuditDto['action']) => <Tag color={ACTIONS[a]?.color}>{ACTIONS[a]?.label ?? a}</Tag> },
        { title: '居民', render: (_, a) => a.residentName ?? a.residentId },
        { title: '内容', dataIndex: 'detail', render: (d?: string) => d ?? '—' },
        { title: '途径', dataIndex: 'via' },
      ]}
    />
  );
}
