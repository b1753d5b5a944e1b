// 居民与关爱: the residents registry, today's check-ins, care profiles and (admins) the health-data access log.
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { session } from '../../api/session';
import { CareAuditTab } from '../care/CareAuditTab';
import { CareOverviewTab } from '../care/CareOverviewTab';
import { CareProfilesTab } from '../care/CareProfilesTab';
import { ResidentsPage } from './ResidentsPage';

export function PeopleHubPage() {
  const [params, setParams] = useSearchParams();
  const isAdmin = session.user()?.roles.includes('admin') ?? false;
  return (
    <Tabs
      activeKey={params.get('tab') ?? 'residents'}
      onChange={(tab) => setParams({ tab })}
      destroyInactiveTabPane
      items={[
        { key: 'residents', label: '居民档案', children: <ResidentsPage /> },
        { key: 'checkins', label: '今日平安打卡', children: <CareOverviewTab /> },
        { key: 'care', label: '关爱档案', children: <CareProfilesTab /> },
        ...(isAdmin ? [{ key: 'audit', label: '健康信息访问记录', children: <CareAuditTab /> }] : []),
      ]}
    />
  );
}
