// 关爱档案: residents enrolled in the care programme; health data shown only to authorised staff.
import { useEffect, useState } from 'react';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { EyeOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { CareProfileDto } from '@linli/contracts';
import { careApi } from '../../api/care';
import { session } from '../../api/session';
import { mayOpenHealth } from '../../lib/health-access';
import { CareProfileDrawer } from './CareProfileDrawer';
import { errorMessage } from '../../lib/errors';

export function CareProfilesTab() {
  const [items, setItems] = useState<CareProfileDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<CareProfileDto | null | undefined>(undefined);
  const viewer = session.user();

  useEffect(() => {
    careApi.profiles().then((p) => setItems(p.items), (e) => setError(errorMessage(e, '加载失败'))).finally(() => setLoading(false));
  }, []);
  const open = (p: CareProfileDto) => careApi.profile(p.residentId).then(setEditing, () => setEditing(p));
  const saved = (p: CareProfileDto) => {
    setItems((l) => (l.some((x) => x.residentId === p.residentId) ? l.map((x) => (x.residentId === p.residentId ? p : x)) : [p, ...l]));
    setEditing(undefined);
  };

  return (
    <div>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing(null)}>
        新建关爱档案
      </Button>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Table<CareProfileDto>
        rowKey="residentId"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (n: string, p) => <Typography.Link onClick={() => open(p)}>{n}</Typography.Link> },
          { title: '住址', render: (_, p) => `${p.building ?? ''} ${p.unit ?? ''} ${p.room ?? ''}` },
          { title: '居住情况', dataIndex: 'livingSituation' },
          { title: '标签', dataIndex: 'tags', render: (t: string[]) => t.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '网格员', dataIndex: 'gridWorkerName', render: (n?: string) => n ?? '—' },
          { title: '紧急联系人', render: (_, p) => p.emergencyContacts.map((c) => `${c.name}（${c.relation}）`).join('、') || '—' },
          {
            title: '打卡',
            render: (_, p) =>
              p.checkinEnabled ? (
                <>
                  每日 {p.checkinDeadline} 前
                  {p.quietHours && <Typography.Text type="secondary">{` · 免打扰 ${p.quietHours.start}–${p.quietHours.end}`}</Typography.Text>}
                </>
              ) : (
                <Tag>未开启</Tag>
              ),
          },
          { title: '设备', render: (_, p) => p.devices.map((d) => d.name).join('、') || '—' },
          {
            title: '健康信息',
            // The list itself never carries health data: whoever may read it sees it on opening the profile (and the read is logged).
            render: (_, p) =>
              !p.healthRedacted || mayOpenHealth(viewer, p) ? (
                <Tag color="green" icon={<EyeOutlined />}>
                  点开可查看（留痕）
                </Tag>
              ) : (
                <Tag icon={<LockOutlined />}>无权限</Tag>
              ),
          },
        ]}
      />
      <CareProfileDrawer open={editing !== undefined} profile={editing ?? null} onClose={() => setEditing(undefined)} onSaved={saved} />
    </div>
  );
}
