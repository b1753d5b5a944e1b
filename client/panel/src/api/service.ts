// Typed calls to the 接诉即办 API: KPIs (and their .xlsx), service settings (see contracts/src/service.ts).
import type { ServiceSettingsDto, ServiceStatsDto, ServiceStatsGroup, TopProblemsDto } from '@linli/contracts';
import { download, get, qs } from './http';

export interface StatsRange {
  from: string;
  to: string;
  groupBy?: ServiceStatsGroup;
}

export const serviceApi = {
  stats: (r: StatsRange) => get<ServiceStatsDto>(`/api/stats/service${qs({ ...r })}`),
  exportXlsx: (r: StatsRange) => download(`/api/stats/service.xlsx${qs({ ...r })}`, `接诉即办统计-${r.from}-${r.to}.xlsx`),
  settings: () => get<ServiceSettingsDto>('/api/service/settings'),
  /** 每月一题: the month's recurring problems and a ready-made notice. */
  topProblems: (month: string) => get<TopProblemsDto>(`/api/stats/service/top-problems${qs({ month })}`),
};
