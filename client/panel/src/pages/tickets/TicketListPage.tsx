// 工单: every ticket with filters (status, category, building, overdue, mine), live updates and desk registration.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { TICKET_CATEGORIES, TICKET_STATUSES, TICKET_STATUS_LABELS, type TicketDto, type TicketStatus } from '@linli/contracts';
import { useCommunity } from '../../api/community';
import { SlaTag } from '../../components/SlaTag';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { CHANNEL_LABELS } from '../../lib/labels';
import { toQuery, type TicketListFilter } from '../../lib/ticket-filter';
import { ticketsApi } from '../../api/tickets';
import { fmtTime } from '../../lib/time';
import { DeskRegisterModal } from './DeskRegisterModal';
import { useLiveTickets } from './use-live-tickets';

export function TicketListPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const community = useCommunity();
  const [filter, setFilter] = useState<TicketListFilter>({});
  const [desk, setDesk] = useState(false);
  const { items, loading, error, hasMore, loadMore, reload, fresh } = useLiveTickets(filter);
  const set = (patch: Partial<TicketListFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div>
      <div className="page-title">
        <h2>工单</h2>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
          {/* The list as filtered, every page (not only the rows loaded here). */}
          <Button icon={<DownloadOutlined />} onClick={() => ticketsApi.xlsx(toQuery(filter)).catch(() => message.error('导出失败'))} data-testid="tickets-xlsx">
            导出 Excel
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDesk(true)} data-testid="desk-register">
            会客厅登记
          </Button>
        </Space>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            mode="multiple"
            allowClear
            placeholder="状态（默认未办结）"
            aria-label="状态（默认未办结）"
            style={{ minWidth: 220 }}
            value={filter.status}
            onChange={(v: TicketStatus[]) => set({ status: v })}
            options={TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] }))}
          />
          <Select allowClear placeholder="类别" aria-label="类别" style={{ width: 130 }} value={filter.category} onChange={(v) => set({ category: v })} options={TICKET_CATEGORIES.map((c) => ({ value: c, label: c }))} />
          <Select allowClear placeholder="楼栋" aria-label="楼栋" style={{ width: 120 }} value={filter.building} onChange={(v) => set({ building: v })} options={(community?.buildings ?? []).map((b) => ({ value: b, label: b }))} />
          <Input.Search allowClear placeholder="工单号 / 描述" style={{ width: 200 }} onSearch={(q) => set({ q: q || undefined })} />
          <Checkbox checked={!!filter.overdue} onChange={(e) => set({ overdue: e.target.checked })}>
            只看超时
          </Checkbox>
          <Checkbox checked={!!filter.mine} onChange={(e) => set({ mine: e.target.checked })}>
            派给我的
          </Checkbox>
        </Space>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <Table<TicketDto>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={items}
          pagination={false}
          rowClassName={(t) => (fresh.has(t.id) ? 'inbox-item fresh' : '')}
          onRow={(t) => ({ onClick: () => navigate(`/tickets/${t.id}`), style: { cursor: 'pointer' } })}
          data-testid="ticket-table"
          columns={[
            { title: '工单号', dataIndex: 'no', width: 120, render: (no: string, t) => <Link to={`/tickets/${t.id}`}>{no}</Link> },
            {
              title: '问题',
              render: (_, t) => (
                <div style={{ maxWidth: 360 }}>
                  <Typography.Text strong>{t.title}</Typography.Text>
                  {t.priority === 'high' && <Tag color="red" style={{ marginLeft: 6 }}>加急</Tag>}
                  {t.followerCount > 0 && <Tag style={{ marginLeft: 6 }}>+{t.followerCount} 同问题</Tag>}
                  {t.duplicateOf && <Tag style={{ marginLeft: 6 }}>已合并到 {t.duplicateOf.no}</Tag>}
                  {t.duplicateSuggestion && <Tag color="orange" style={{ marginLeft: 6 }}>疑似重复</Tag>}
                  <div>
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 340 }}>
                      {t.description}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: '类别', dataIndex: 'category', width: 90 },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: TicketStatus) => <TicketStatusTag status={s} /> },
            { title: '位置', width: 120, render: (_, t) => (t.location ? `${t.location.building}${t.location.unit ?? ''}${t.location.room ?? ''}` : '—') },
            { title: '报事人', width: 110, render: (_, t) => t.reporter.name },
            { title: '来源', dataIndex: 'channel', width: 100, render: (c: TicketDto['channel']) => CHANNEL_LABELS[c] },
            { title: '处理人', dataIndex: 'assigneeName', width: 110, render: (n?: string) => n ?? '—' },
            { title: '时限', width: 150, render: (_, t) => <SlaTag ticket={t} /> },
            { title: '提交时间', dataIndex: 'createdAt', width: 110, render: (d: string) => fmtTime(d) },
          ]}
        />
        {hasMore && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={loadMore}>加载更多</Button>
          </div>
        )}
      </Card>
      <DeskRegisterModal
        open={desk}
        onClose={() => setDesk(false)}
        onCreated={(t) => {
          setDesk(false);
          navigate(`/tickets/${t.id}`);
        }}
      />
    </div>
  );
}
