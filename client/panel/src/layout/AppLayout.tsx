// Staff layout: dark sider menu, header with community, live indicator and account menu, page outlet.
import { useState } from 'react';
import { Avatar, Badge, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { DesktopOutlined, DisconnectOutlined, KeyOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { accountApi } from '../api/account';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { closeSocket, useSocketConnected } from '../api/realtime';
import { forgetCommunity, useCommunity } from '../api/community';
import { session } from '../api/session';
import { NAV, navKeyOf } from './nav';
import { DoorKnockNotifier } from '../pages/notices/DoorKnockNotifier';
import { ROLE_LABELS } from '../lib/labels';
import { StreetLayout } from './StreetLayout';

const { Sider, Header, Content } = Layout;

/** A street (街道) account gets its own one-page layout: the community pages would all answer it 403. */
export function AppLayout() {
  return session.user()?.roles.includes('street') ? <StreetLayout /> : <StaffLayout />;
}

function StaffLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const community = useCommunity();
  const connected = useSocketConnected();
  const user = session.user();
  const [collapsed, setCollapsed] = useState(false);

  // The server ends the session (its tokens stop working) before the browser forgets it; offline, forgetting still signs out here.
  const logout = async (everywhere = false) => {
    await (everywhere ? accountApi.logoutAll() : accountApi.logout()).catch(() => undefined);
    session.clear(everywhere ? '已在所有设备退出登录' : undefined);
    closeSocket();
    forgetCommunity();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} breakpoint="xl" collapsedWidth={64} onCollapse={setCollapsed} style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div className="panel-brand">
          <div className="logo">邻</div>
          {!collapsed && (
            <div>
              邻里
              <small>社区工作台</small>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[navKeyOf(location.pathname)]}
          onClick={(e) => (e.key === 'screen' ? window.open('/panel/screen', '_blank') : navigate(e.key))}
          items={[
            ...NAV.map((n) => ({ key: n.key, icon: n.icon, label: n.label })),
            { type: 'divider' as const },
            { key: 'screen', icon: <DesktopOutlined />, label: '电子大屏' },
          ]}
        />
      </Sider>
      <Layout>
        <Header className="panel-header">
          <Space size={12}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {community?.name ?? '社区'}
            </Typography.Text>
            <Tag color={connected ? 'success' : 'default'} data-testid="live-indicator">
              <span className={`live-dot ${connected ? 'on' : 'off'}`} />
              {connected ? '实时连接' : '连接中…'}
            </Tag>
          </Space>
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/account/password') },
                ...(user?.roles.includes('admin') ? [{ key: 'staff', icon: <TeamOutlined />, label: '账号管理', onClick: () => navigate('/account/staff') }] : []),
                { type: 'divider' as const },
                { key: 'logout-all', icon: <DisconnectOutlined />, label: '退出所有设备', onClick: () => void logout(true) },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void logout() },
              ],
            }}
            placement="bottomRight"
          >
            <Space style={{ cursor: 'pointer' }} data-testid="account-menu">
              <Badge dot={false}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1668dc' }} />
              </Badge>
              <span>{user?.name ?? '工作人员'}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {user?.roles.map((r) => ROLE_LABELS[r] ?? r).join(' · ')}
              </Typography.Text>
            </Space>
          </Dropdown>
        </Header>
        <Content className="panel-content">
          <Outlet />
          <DoorKnockNotifier />
        </Content>
      </Layout>
    </Layout>
  );
}
