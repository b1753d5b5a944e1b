// The sider menu and the routes behind each entry; a screen is listed once its server API exists.
import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import {
  FileTextOutlined,
  FundOutlined,
  HomeOutlined,
  MessageOutlined,
  BarChartOutlined,
  AccountBookOutlined,
  AlertOutlined,
  NotificationOutlined,
  RobotOutlined,
  SoundOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { InboxPage } from '../pages/inbox/InboxPage';
import { TicketListPage } from '../pages/tickets/TicketListPage';
import { TicketDetailPage } from '../pages/tickets/TicketDetailPage';
import { ServiceReportPage } from '../pages/service/ServiceReportPage';
import { BoardPage } from '../pages/board/BoardPage';
import { FaqPage } from '../pages/faq/FaqPage';
import { LedgerPage } from '../pages/ledger/LedgerPage';
import { NoticeComposerPage } from '../pages/notices/NoticeComposerPage';
import { NoticeReceiptsPage } from '../pages/notices/NoticeReceiptsPage';
import { DoorKnockPage } from '../pages/notices/DoorKnockPage';
import { NoticesPage } from '../pages/notices/NoticesPage';
import { AlertsPage } from '../pages/alerts/AlertsPage';
import { PeopleHubPage } from '../pages/residents/PeopleHubPage';
import { GroupSimPage } from '../pages/group-sim/GroupSimPage';
import { BroadcastPage } from '../pages/broadcast/BroadcastPage';

// ECharts is large: the dashboard loads it only when opened.
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const dashboard = (
  <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
    <DashboardPage />
  </Suspense>
);

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  routes: { path: string; element: ReactNode }[];
}

export const NAV: NavItem[] = [
  { key: '/', label: '工作台', icon: <HomeOutlined />, routes: [{ path: '/', element: <InboxPage /> }] },
  {
    key: '/tickets',
    label: '工单',
    icon: <FileTextOutlined />,
    routes: [
      { path: '/tickets', element: <TicketListPage /> },
      { path: '/tickets/:id', element: <TicketDetailPage /> },
    ],
  },
  { key: '/service', label: '接诉即办', icon: <FundOutlined />, routes: [{ path: '/service', element: <ServiceReportPage /> }] },
  {
    key: '/notices',
    label: '通知公告',
    icon: <NotificationOutlined />,
    routes: [
      { path: '/notices', element: <NoticesPage /> },
      { path: '/notices/new', element: <NoticeComposerPage /> },
      { path: '/notices/:id', element: <NoticeReceiptsPage /> },
      { path: '/notices/:id/door-knock', element: <DoorKnockPage /> },
    ],
  },
  { key: '/broadcast', label: '智慧广播', icon: <SoundOutlined />, routes: [{ path: '/broadcast', element: <BroadcastPage /> }] },
  { key: '/board', label: '留言板', icon: <MessageOutlined />, routes: [{ path: '/board', element: <BoardPage /> }] },
  { key: '/alerts', label: '预警', icon: <AlertOutlined />, routes: [{ path: '/alerts', element: <AlertsPage /> }] },
  { key: '/residents', label: '居民与关爱', icon: <TeamOutlined />, routes: [{ path: '/residents', element: <PeopleHubPage /> }] },
  { key: '/faq', label: '自动回复', icon: <RobotOutlined />, routes: [{ path: '/faq', element: <FaqPage /> }] },
  { key: '/ledger', label: '财务公开', icon: <AccountBookOutlined />, routes: [{ path: '/ledger', element: <LedgerPage /> }] },
  { key: '/group-sim', label: '群聊模拟', icon: <WechatOutlined />, routes: [{ path: '/group-sim', element: <GroupSimPage /> }] },
  { key: '/dashboard', label: '数据看板', icon: <BarChartOutlined />, routes: [{ path: '/dashboard', element: dashboard }] },
];

/** Which menu entry a path belongs to. */
export function navKeyOf(pathname: string): string {
  const hit = NAV.filter((n) => n.key !== '/' && pathname.startsWith(n.key)).sort((a, b) => b.key.length - a.key.length)[0];
  return hit ? hit.key : '/';
}
