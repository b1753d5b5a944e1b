// Admins' account page: every staff account with its state, and reset password, disable/enable, unlock, sign out everywhere; then the big-screen links.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { StaffAccountDto } from '@linli/contracts';
import { accountApi } from '../../api/account';
import { session } from '../../api/session';
import { errorMessage } from '../../lib/errors';
import { ROLE_LABELS } from '../../lib/labels';
import { ScreenTokensCard } from './ScreenTokensCard';

export function StaffAccountsPage() {
  const { message } = App.useApp();
  const [items, setItems] = useState<StaffAccountDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [resetting, setResetting] = useState<StaffAccountDto | null>(null);
  const me = session.user();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await accountApi.accounts()).items);
    } catch (e) {
      void message.error(errorMessage(e, '加载失败'));
    } finally {
      setLoading(false);
    }
  }, [message]);
  useEffect(() => void load(), [load]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      void message.success(done);
      await load();
    } catch (e) {
      void message.error(errorMessage(e, '操作失败'));
    }
  };

  return (
    <>
      <Card title="账号管理">
        <Table<StaffAccountDto>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '用户名', dataIndex: 'username' },
            { title: '角色', render: (_, a) => a.roles.map((r) => ROLE_LABELS[r] ?? r).join(' · ') },
            {
              title: '状态',
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.active ? <Tag color="success">正常</Tag> : <Tag>已停用</Tag>}
                  {a.lockedUntil && <Tag color="error">已锁定</Tag>}
                  {a.mustChangePassword && <Tag color="warning">待改密码</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              render: (_, a) => (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setResetting(a)}>重置密码</Button>
                  {a.lockedUntil && <Button size="small" onClick={() => act(() => accountApi.unlock(a.id), '已解锁')}>解锁</Button>}
                  <Button size="small" onClick={() => act(() => accountApi.logoutEverywhere(a.id), '已让该账号在所有设备退出')}>强制下线</Button>
                  {a.id !== me?.id &&
                    (a.active ? (
                      <Button size="small" danger onClick={() => act(() => accountApi.disable(a.id), '已停用')}>停用</Button>
                    ) : (
                      <Button size="small" onClick={() => act(() => accountApi.enable(a.id), '已启用')}>启用</Button>
                    ))}
                </Space>
              ),
            },
          ]}
        />
        <Modal title={`重置密码：${resetting?.name ?? ''}`} open={!!resetting} footer={null} onCancel={() => setResetting(null)} destroyOnClose>
          <Form
            layout="vertical"
            onFinish={async (v: { password: string }) => {
              const a = resetting!;
              setResetting(null);
              await act(() => accountApi.resetPassword(a.id, v.password), '已设置临时密码，对方下次登录时须修改');
            }}
          >
            <Form.Item name="password" label="临时密码" rules={[{ required: true, message: '请输入临时密码' }, { min: 10, message: '密码至少 10 位' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>确定</Button>
          </Form>
        </Modal>
      </Card>
      <ScreenTokensCard />
    </>
  );
}
