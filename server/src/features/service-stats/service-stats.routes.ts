// KPI route table: the figures as JSON, and the same as an .xlsx download.
import { ServiceStatsQuery, TopProblemsQuery, type TopProblemsDto } from '@linli/contracts';
import { maskPii } from '../../logger';
import { route, type AnyRoute } from '../../core/feature';
import type { CommunitiesApi } from '../communities/community.service';
import type { ServiceStatsService } from './service-stats.service';
import { statsWorkbook } from './service-stats.xlsx';

export function serviceStatsRoutes(stats: ServiceStatsService, communities: Pick<CommunitiesApi, 'get'>): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/stats/service/top-problems', auth: 'staff', query: TopProblemsQuery,
      // Places and categories; the example words may carry a phone number, masked for the hall.
      screen: (b) => {
        const d = b as TopProblemsDto;
        return { ...d, items: d.items.map((x) => ({ ...x, example: maskPii(x.example) })) };
      },
      summary: '每月一题: the month’s recurring problems by place and category (from the duplicate clusters), with a ready-made notice',
      handler: ({ principal: p, query }) => stats.topProblems(p, query.month),
    }),
    route({
      method: 'get', path: '/api/stats/service', auth: 'staff', query: ServiceStatsQuery,
      summary: '接诉即办 KPIs of tickets filed from `from` to `to` (Shanghai days, inclusive): counts and rates, optionally per group',
      description: '响应率 = signedOnTime/counted, 办结率 = finishedOnTime/counted, 满意率 = satisfied/rated, 重复报修率 = duplicates/total; staff with building scope see their buildings only.',
      async handler({ principal: p, query }) {
        return stats.stats(p, query);
      },
    }),
    route({
      method: 'get', path: '/api/stats/service.xlsx', auth: 'staff', query: ServiceStatsQuery,
      responseType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      summary: 'The same KPIs as an Excel workbook',
      async handler({ ctx, principal: p, query }) {
        const s = await stats.stats(p, query);
        const community = await communities.get(p.communityId);
        ctx.set('Content-Disposition', `attachment; filename="service-${query.from}-${query.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`接诉即办统计-${query.from}-${query.to}.xlsx`)}`);
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.body = await statsWorkbook(s, community.name);
        return undefined;
      },
    }),
  ];
}
