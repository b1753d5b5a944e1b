// The service-stats face: 接诉即办 KPIs (响应率, 办结率, 满意率, 重复报修率) computed from raw tickets, as JSON and .xlsx.
import type { CommunitiesApi } from '../communities/community.service';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { TicketsApi } from '../tickets/ticket.service';
import { serviceStatsRoutes } from './service-stats.routes';
import { ServiceStatsService } from './service-stats.service';

export function serviceStatsFeature(_core: FeatureCore, needs: { tickets: TicketsApi; communities: CommunitiesApi }): LinliFace<ServiceStatsService> {
  const stats = new ServiceStatsService(needs.tickets);
  return { name: 'service-stats', api: stats, routes: serviceStatsRoutes(stats, needs.communities) };
}
