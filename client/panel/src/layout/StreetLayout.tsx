// The street (街道) account's layout: one page, 街道总览, with its own menu and account menu (no socket, no community pages).
import { useEffect, useState } from 'react';
import { Avatar, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { ApartmentOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { accountApi } from '../api/account';
import { session } from '../api/session';
import { streetApi } from '../api/street';
import { StreetOverviewPage } from '../pages/street/StreetOverviewPage';

const { Sider, Header, Content } = Layout;

export function StreetLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const user = session.user();
  const [streetName, setStreetName] = useState<string | null>(null);
  useEffect(() => {
    streetApi.street().then((s) => setStreetName(s.name), () => setStreetName(null));
  }, []);
  const logout = async () => {
    await accountApi.logout().catch(() => undefined);
    session.clear();
    navigate('/login', { replace: true });
  };
  // Every staff page would answer 403 to this account: whatever the address, it sees the overview (or its own password page).
  const onPassword = location.pathname === '/account/password';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div className="panel-brand">
          <div className="logo">邻</div>
          <div>
            邻里
            <small>街道督办</small>
          </div>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={onPassword ? [] : ['/']} onClick={() => navigate('/')} items={[{ key: '/', icon: <ApartmentOutlined />, label: '街道总览' }]} />
      </Sider>
      <Layout>
        <Header className="panel-header">
          <Typography.Title level={1} style={{ fontSize: 16, margin: 0 }} data-testid="street-name">
            {streetName ?? '街道'} · 街道总览
          </Typography.Title>
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/account/password') },
                { type: 'divider' as const },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void logout() },
              ],
            }}
            placement="bottomRight"
          >
            <Space style={{ cursor: 'pointer' }} data-testid="account-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1668dc' }} />
              <span>{user?.name ?? '街道'}</span>
            </Space>
          </Dropdown>
        </Header>
        <Content className="panel-content">{onPassword ? <Outlet /> : <StreetOverviewPage />}</Content>
      </Layout>
    </Layout>
  );
}
