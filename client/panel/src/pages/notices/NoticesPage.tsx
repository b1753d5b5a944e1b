// 通知公告: sent, scheduled and draft notices with reach and read rate; publish drafts, withdraw scheduled ones.
import { useEffect, useState } from 'react';
import { App, Button, Card, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, PushpinFilled } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { NOTICE_CHANNEL_LABELS, NOTICE_STATUS_LABELS, type NoticeDto, type NoticeStatus } from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { useSocketEvent } from '../../api/realtime';
import { describeAudience } from '../../lib/audience';
import { errorMessage } from '../../lib/errors';
import { fmtDateTime } from '../../lib/time';
import { useLiveList } from '../../lib/use-live-list';
import { ConfirmButton } from '../../components/ConfirmButton';

const STATUS_COLORS: Record<NoticeStatus, string> = { draft: 'default', scheduled: 'purple', publishing: 'processing', published: 'success', withdrawn: 'default' };

export function NoticesPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [status, setStatus] = useState<NoticeStatus | 'all'>('all');
  const { items, loading, error, upsert, apply } = useLiveList<NoticeDto>({
    key: status,
    fetchPage: () => noticesApi.list({ status: status === 'all' ? undefined : status, limit: 50 }),
    matches: (x) => status === 'all' || x.status === status,
  });
  useEffect(() => {
    if (error) message.error(error);
  }, [error, message]);
  useSocketEvent('notice:published', (n) => upsert(n as NoticeDto));

  const act = (fn: () => Promise<NoticeDto>, done: string) =>
    fn().then(
      (n) => {
        apply((list) => list.map((x) => (x.id === n.id ? n : x)));
        message.success(done);
      },
      (e) => message.error(errorMessage(e)),
    );

  return (
    <div>
      <div className="page-title">
        <h2>通知公告</h2>
        <Space>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as NoticeStatus | 'all')}
            options={[
              { value: 'all', label: '全部' },
              { value: 'published', label: '已发布' },
              { value: 'scheduled', label: '定时' },
              { value: 'draft', label: '草稿' },
            ]}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/notices/new')} data-testid="notice-new">
            发布通知
          </Button>
        </Space>
      </div>
      <Card>
        <Table<NoticeDto>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          data-testid="notice-table"
          columns={[
            {
              title: '标题',
              render: (_, n) => (
                <Space>
                  {n.pinned && <PushpinFilled style={{ color: '#fa541c' }} />}
                  <Typography.Link onClick={() => navigate(`/notices/${n.id}`)}>{n.title}</Typography.Link>
                </Space>
              ),
            },
            { title: '类别', dataIndex: 'category', width: 90, render: (c: string) => <Tag color={c === '紧急' ? 'red' : 'blue'}>{c}</Tag> },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: NoticeStatus) => <Tag color={STATUS_COLORS[s]}>{NOTICE_STATUS_LABELS[s]}</Tag> },
            { title: '对象', render: (_, n) => describeAudience(n.audience) },
            { title: '渠道', render: (_, n) => (n.channels ?? []).map((c) => NOTICE_CHANNEL_LABELS[c]).join('、') },
            { title: '发布时间', width: 150, render: (_, n) => fmtDateTime(n.publishedAt ?? n.publishAt) },
            {
              title: '已读',
              width: 170,
              render: (_, n) =>
                n.status === 'published' && n.recipientCount ? (
                  <Space size={6}>
                    <Progress aria-label="已读比例" percent={Math.round(((n.readCount ?? 0) / n.recipientCount) * 100)} size="small" style={{ width: 80, margin: 0 }} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {n.readCount ?? 0}/{n.recipientCount}
                    </Typography.Text>
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: '',
              width: 150,
              render: (_, n) => (
                <Space size={0}>
                  {n.status === 'published' && <Button type="link" size="small" onClick={() => navigate(`/notices/${n.id}`)}>回执</Button>}
                  {n.status === 'published' && n.doorKnock && (
                    <Button type="link" size="small" onClick={() => navigate(`/notices/${n.id}/door-knock`)}>
                      上门名单
                    </Button>
                  )}
                  {n.status === 'draft' && <Button type="link" size="small" onClick={() => act(() => noticesApi.publish(n.id), '已发布')}>发布</Button>}
                  {(n.status === 'scheduled' || n.status === 'draft') && (
                    <ConfirmButton type="link" size="small" danger confirm="确定撤回这条通知？" consequence="撤回后不会再发布，需要时只能重新编写。" okText="撤回" onConfirm={() => act(() => noticesApi.withdraw(n.id), '已撤回')} data-testid="notice-withdraw">
                      撤回
                    </ConfirmButton>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
