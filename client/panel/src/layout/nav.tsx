// The sider menu and the routes behind each entry; a screen is listed once its server API exists.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
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

// Every page is its own chunk, fetched when first opened: the login page and the layout load none of them (and not
// ECharts, socket.io or markdown-it either), which keeps the first load small off a LAN.
const page = (C: LazyExoticComponent<ComponentType>) => (
  <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
    <C />
  </Suspense>
);
const InboxPage = lazy(() => import('../pages/inbox/InboxPage').then((m) => ({ default: m.InboxPage })));
const TicketListPage = lazy(() => import('../pages/tickets/TicketListPage').then((m) => ({ default: m.TicketListPage })));
const TicketDetailPage = lazy(() => import('../pages/tickets/TicketDetailPage').then((m) => ({ default: m.TicketDetailPage })));
const ServiceReportPage = lazy(() => import('../pages/service/ServiceReportPage').then((m) => ({ default: m.ServiceReportPage })));
const RevisitCallsPage = lazy(() => import('../pages/service/RevisitCallsPage').then((m) => ({ default: m.RevisitCallsPage })));
const BoardPage = lazy(() => import('../pages/board/BoardPage').then((m) => ({ default: m.BoardPage })));
const FaqPage = lazy(() => import('../pages/faq/FaqPage').then((m) => ({ default: m.FaqPage })));
const LedgerPage = lazy(() => import('../pages/ledger/LedgerPage').then((m) => ({ default: m.LedgerPage })));
const NoticeComposerPage = lazy(() => import('../pages/notices/NoticeComposerPage').then((m) => ({ default: m.NoticeComposerPage })));
const NoticeReceiptsPage = lazy(() => import('../pages/notices/NoticeReceiptsPage').then((m) => ({ default: m.NoticeReceiptsPage })));
const NoticePosterPage = lazy(() => import('../pages/notices/NoticePosterPage').then((m) => ({ default: m.NoticePosterPage })));
const DoorKnockPage = lazy(() => import('../pages/notices/DoorKnockPage').then((m) => ({ default: m.DoorKnockPage })));
const NoticesPage = lazy(() => import('../pages/notices/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const AlertsPage = lazy(() => import('../pages/alerts/AlertsPage').then((m) => ({ default: m.AlertsPage })));
const PeopleHubPage = lazy(() => import('../pages/residents/PeopleHubPage').then((m) => ({ default: m.PeopleHubPage })));
const GroupSimPage = lazy(() => import('../pages/group-sim/GroupSimPage').then((m) => ({ default: m.GroupSimPage })));
const BroadcastPage = lazy(() => import('../pages/broadcast/BroadcastPage').then((m) => ({ default: m.BroadcastPage })));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  routes: { path: string; element: ReactNode }[];
}

export const NAV: NavItem[] = [
  { key: '/', label: '工作台', icon: <HomeOutlined />, routes: [{ path: '/', element: page(InboxPage) }] },
  {
    key: '/tickets',
    label: '工单',
    icon: <FileTextOutlined />,
    routes: [
      { path: '/tickets', element: page(TicketListPage) },
      { path: '/tickets/:id', element: page(TicketDetailPage) },
    ],
  },
  {
    key: '/service',
    label: '接诉即办',
    icon: <FundOutlined />,
    routes: [
      { path: '/service', element: page(ServiceReportPage) },
      { path: '/service/revisits', element: page(RevisitCallsPage) },
    ],
  },
  {
    key: '/notices',
    label: '通知公告',
    icon: <NotificationOutlined />,
    routes: [
      { path: '/notices', element: page(NoticesPage) },
      { path: '/notices/new', element: page(NoticeComposerPage) },
      { path: '/notices/:id', element: page(NoticeReceiptsPage) },
      { path: '/notices/:id/door-knock', element: page(DoorKnockPage) },
      { path: '/notices/:id/poster', element: page(NoticePosterPage) },
    ],
  },
  { key: '/broadcast', label: '智慧广播', icon: <SoundOutlined />, routes: [{ path: '/broadcast', element: page(BroadcastPage) }] },
  { key: '/board', label: '留言板', icon: <MessageOutlined />, routes: [{ path: '/board', element: page(BoardPage) }] },
  { key: '/alerts', label: '预警', icon: <AlertOutlined />, routes: [{ path: '/alerts', element: page(AlertsPage) }] },
  { key: '/residents', label: '居民与关爱', icon: <TeamOutlined />, routes: [{ path: '/residents', element: page(PeopleHubPage) }] },
  { key: '/faq', label: '自动回复', icon: <RobotOutlined />, routes: [{ path: '/faq', element: page(FaqPage) }] },
  { key: '/ledger', label: '财务公开', icon: <AccountBookOutlined />, routes: [{ path: '/ledger', element: page(LedgerPage) }] },
  { key: '/group-sim', label: '群聊模拟', icon: <WechatOutlined />, routes: [{ path: '/group-sim', element: page(GroupSimPage) }] },
  { key: '/dashboard', label: '数据看板', icon: <BarChartOutlined />, routes: [{ path: '/dashboard', element: page(DashboardPage) }] },
];

/** Which menu entry a path belongs to. */
export function navKeyOf(pathname: string): string {
  const hit = NAV.filter((n) => n.key !== '/' && pathname.startsWith(n.key)).sort((a, b) => b.key.length - a.key.length)[0];
  return hit ? hit.key : '/';
}
