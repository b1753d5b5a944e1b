// 健康信息访问记录 (admins): who read or changed which resident's health data, when and through what.
import { useEffect, useState } from 'react';
import { Alert, Table, Tag } from 'antd';
import type { CareAuditDto } from '@linli/contracts';
import { careApi } from '../../api/care';
import { fmtDateTime } from '../../lib/time';
import { errorMessage } from '../../lib/errors';

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
        { title: '工作人员', render: (_, a) => a.actor.name },
        { title: '操作', dataIndex: 'action', render: (a: CareAuditDto['action']) => (a === 'read_health' ? <Tag>查看</Tag> : <Tag color="orange">修改</Tag>) },
        { title: '居民', render: (_, a) => a.residentName ?? a.residentId },
        { title: '途径', dataIndex: 'via' },
      ]}
    />
  );
}
