// 每月一题 on the 接诉即办 page: the month's recurring problems by place and category, and 发布为通知 with the ready-made text (all residents, in the app).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { shanghaiMonth, type TopProblemsDto } from '@linli/contracts';
import { noticesApi } from '../../api/notices';
import { serviceApi } from '../../api/service';
import { errorMessage } from '../../lib/errors';

export function TopProblemsCard() {
  const { message } = App.useApp();
  const [month, setMonth] = useState(shanghaiMonth());
  const [data, setData] = useState<TopProblemsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  useEffect(() => {
    serviceApi.topProblems(month).then((d) => {
      setData(d);
      setError(null);
    }, (e) => setError(errorMessage(e, '加载失败')));
  }, [month]);

  const publish = async () => {
    if (!data) return;
    setPublishing(true);
    try {
      const n = await noticesApi.create({ title: data.notice.title, body: data.notice.body, category: '通知', audience: { all: true }, channels: ['feed'] });
      message.success(`已发布通知「${n.title}」`);
    } catch (e) {
      message.error(errorMessage(e, '发布失败'));
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Card
      title="每月一题 · 反复反映的问题"
      style={{ marginTop: 16 }}
      data-testid="top-problems"
      extra={
        <Space wrap>
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(v) => v && setMonth(v.format('YYYY-MM'))} aria-label="月份" />
          <Popconfirm title="向全体居民发布这条通知？" okText="发布" cancelText="取消" onConfirm={() => void publish()}>
            <Button type="primary" disabled={!data?.items.length || publishing} data-testid="top-problems-publish">
              发布为通知
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey={(r) => `${r.place}|${r.category}`}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        pagination={false}
        size="small"
        locale={{ emptyText: '本月没有同一位置反复反映的问题' }}
        columns={[
          { title: '排名', render: (_, __, i) => i + 1, width: 60 },
          { title: '位置', dataIndex: 'place' },
          { title: '类别', dataIndex: 'category', render: (c: string) => <Tag color="blue">{c}</Tag> },
          { title: '反映次数', dataIndex: 'reports' },
          { title: '本月出现', dataIndex: 'problems', render: (n: number) => `${n} 次` },
          { title: '状态', dataIndex: 'open', render: (n: number) => (n ? <Tag color="orange">{n} 起处理中</Tag> : <Tag color="green">已处理</Tag>) },
          { title: '工单', dataIndex: 'nos', render: (nos: string[]) => nos.join('、') },
        ]}
      />
      {data && data.items.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} data-testid="top-problems-notice">
          {data.notice.title}
          {'\n'}
          {data.notice.body}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
