// 居民档案: search by name/phone, filter by building and tag, add and edit residents.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { RESIDENT_TAGS, type ResidentDto } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { residentsApi, type ResidentFilter } from '../../api/residents';
import { session } from '../../api/session';
import { RevealPhone } from './RevealPhone';
import { ResidentFormModal } from './ResidentFormModal';
import { ResidentImportButton } from './ResidentImportButton';
import { UnboundMembers } from './UnboundMembers';
import { WechatBindingsModal } from './WechatBindingsModal';
import { errorMessage } from '../../lib/errors';

const TAG_COLORS: Record<string, string> = { 独居: 'red', 空巢: 'orange', 高龄: 'volcano', 残疾: 'purple', 低保: 'gold', 退役军人: 'green', 党员: 'magenta', 租户: 'default' };

export function ResidentsPage() {
  const community = useCommunity();
  const { message } = App.useApp();
  // Only an admin's export carries numbers in clear (each one audited); everyone else's is masked like the list.
  const clearPhones = session.user()?.roles.includes('admin') ?? false;
  const [filter, setFilter] = useState<ResidentFilter>({});
  const [items, setItems] = useState<ResidentDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ResidentDto | null | undefined>(undefined);
  const [binding, setBinding] = useState<ResidentDto | null>(null);
  const year = new Date().getFullYear();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await residentsApi.list({ ...filter, cursor: after, limit: 50 });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(errorMessage(e, '加载失败'));
      } finally {
        setLoading(false);
      }
    },
    [filter],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const saved = (r: ResidentDto) => {
    setItems((list) => (list.some((x) => x.id === r.id) ? list.map((x) => (x.id === r.id ? r : x)) : [r, ...list]));
    setEditing(undefined);
  };

  return (
    <div>
      <div className="page-title">
        <h2>居民档案</h2>
        <div>
          <ResidentImportButton onImported={() => void load()} />
          <Popconfirm
            title="导出居民名册"
            description={clearPhones ? '导出的名册含完整手机号，每个号码都会记入查看号码的审计记录，请妥善保管' : '按当前筛选导出，手机号已隐藏'}
            okText="导出"
            cancelText="取消"
            onConfirm={() => residentsApi.xlsx({ q: filter.q, building: filter.building, tag: filter.tag }).catch(() => message.error('导出失败'))}
          >
            <Button icon={<DownloadOutlined />} data-testid="residents-xlsx" style={{ marginRight: 8 }}>
              导出 Excel
            </Button>
          </Popconfirm>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="resident-add">
            新增居民
          </Button>
        </div>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="姓名或手机号" style={{ width: 220 }} onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} data-testid="resident-search" />
          <Select allowClear placeholder="楼栋" aria-label="楼栋" style={{ width: 120 }} onChange={(b) => setFilter((f) => ({ ...f, building: b }))} options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
          <Select allowClear placeholder="标签" aria-label="标签" style={{ width: 120 }} onChange={(t) => setFilter((f) => ({ ...f, tag: t }))} options={RESIDENT_TAGS.map((t) => ({ value: t, label: t }))} />
        </Space>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <UnboundMembers />
        <Table<ResidentDto>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={items}
          pagination={false}
          data-testid="resident-table"
          columns={[
            { title: '姓名', dataIndex: 'name', render: (n: string, r) => <Typography.Link onClick={() => setEditing(r)}>{n}</Typography.Link> },
            { title: '年龄', width: 80, render: (_, r) => `${year - r.birthYear} 岁` },
            { title: '住址', render: (_, r) => `${r.building} ${r.unit} ${r.room}` },
            { title: '手机号', render: (_, r) => <RevealPhone resident={r} /> },
            { title: '标签', dataIndex: 'tags', render: (tags: string[]) => tags.map((t) => <Tag key={t} color={TAG_COLORS[t]}>{t}</Tag>) },
            {
              title: '微信',
              width: 110,
              render: (_, r) => (
                <Typography.Link onClick={() => setBinding(r)} data-testid="wechat-binding-open" title="查看绑定、生成绑定码">
                  {r.openid || r.wechatBound ? <Tag color="green">已绑定{r.wechatContacts?.length ? ` ${r.wechatContacts.length}` : ''}</Tag> : <Tag>未绑定</Tag>}
                </Typography.Link>
              ),
            },
            { title: '', width: 80, render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>编辑</Button> },
          ]}
        />
        {cursor && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={() => load(cursor)}>加载更多</Button>
          </div>
        )}
      </Card>
      <ResidentFormModal open={editing !== undefined} resident={editing ?? null} onClose={() => setEditing(undefined)} onSaved={saved} />
      <WechatBindingsModal resident={binding} onClose={() => setBinding(null)} onChanged={(r) => setItems((list) => list.map((x) => (x.id === r.id ? r : x)))} />
    </div>
  );
}
