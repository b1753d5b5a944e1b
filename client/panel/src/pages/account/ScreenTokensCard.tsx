// Admins' 大屏链接 card: make a read-only link for the hall TV (shown once), see the existing ones, and stop one (it goes dark at once).
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ScreenTokenDto } from '@linli/contracts';
import { screensApi } from '../../api/screens';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/time';

export function ScreenTokensCard() {
  const { message } = App.useApp();
  const [items, setItems] = useState<ScreenTokenDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [made, setMade] = useState<{ name: string; url: string } | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await screensApi.list()).items);
    } catch (e) {
      void message.error(errorMessage(e, '加载失败'));
    } finally {
      setLoading(false);
    }
  }, [message]);
  useEffect(() => void load(), [load]);

  const create = async (v: { name: string }) => {
    try {
      const r = await screensApi.create(v.name);
      // The token is never shown again: the whole address, ready to open on the TV.
      setMade({ name: r.screen.name, url: `${window.location.origin}${r.url}` });
      form.resetFields();
      await load();
    } catch (e) {
      void message.error(errorMessage(e, '生成失败'));
    }
  };

  const revoke = async (s: ScreenTokenDto) => {
    try {
      await screensApi.revoke(s.id);
      void message.success(`已停用：${s.name}`);
      await load();
    } catch (e) {
      void message.error(errorMessage(e, '停用失败'));
    }
  };

  return (
    <Card title="大屏链接" style={{ marginTop: 16 }} data-testid="screen-tokens">
      <Typography.Paragraph type="secondary">大屏链接只能查看电子大屏（居民姓名、电话已隐藏），不需要登录，长期有效，停用后立即失效。</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={create} style={{ marginBottom: 16 }}>
        <Form.Item name="name" label="大屏名称" rules={[{ required: true, whitespace: true, message: '请填写大屏名称' }, { max: 40, message: '大屏名称最多 40 个字' }]}>
          <Input placeholder="例如：社区大厅大屏" maxLength={40} />
        </Form.Item>
        <Button type="primary" htmlType="submit">生成大屏链接</Button>
      </Form>
      {made && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setMade(null)}
          style={{ marginBottom: 16 }}
          message={`「${made.name}」的大屏链接（只显示这一次，请在电视浏览器中打开）`}
          description={
            <Typography.Text copyable data-testid="screen-token-url">
              {made.url}
            </Typography.Text>
          }
        />
      )}
      <Table<ScreenTokenDto>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '还没有大屏链接' }}
        columns={[
          { title: '大屏名称', dataIndex: 'name' },
          { title: '创建人', dataIndex: 'createdByName' },
          { title: '创建时间', render: (_, s) => fmtTime(s.createdAt) },
          { title: '状态', render: (_, s) => (s.revokedAt ? <Tag>已停用 {fmtTime(s.revokedAt)}</Tag> : <Tag color="success">使用中</Tag>) },
          {
            title: '操作',
            render: (_, s) =>
              !s.revokedAt && (
                <Space>
                  <Popconfirm title={`停用「${s.name}」？`} description="停用后这台大屏立即无法显示，且不能恢复" okText="停用" cancelText="取消" onConfirm={() => revoke(s)}>
                    <Button size="small" danger>停用</Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
