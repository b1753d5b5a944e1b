// Typed calls of the street (街道) level: its communities, their KPIs, and the supervised tickets (see contracts/src/street.ts).
import type { ServiceStatsDto, StreetDto, StreetTicketLevel, StreetTicketsDto } from '@linli/contracts';
import { get, qs } from './http';

export const streetApi = {
  street: () => get<StreetDto>('/api/street'),
  stats: (from: string, to: string) => get<ServiceStatsDto & { street: { id: string; name: string } }>(`/api/street/stats/service${qs({ from, to, groupBy: 'community' })}`),
  tickets: (level: StreetTicketLevel) => get<StreetTicketsDto>(`/api/street/tickets${qs({ level })}`),
};
