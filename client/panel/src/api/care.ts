// Typed calls to elderly care (see contracts/src/care.ts).
import type { CareAuditDto, CareOverviewDto, CareProfileCreate, CareProfileDto, CareProfilePatch, CheckinDto, Page } from '@linli/contracts';
import { get, patch, post, qs } from './http';

export const careApi = {
  overview: (building?: string) => get<CareOverviewDto>(`/api/care/overview${qs({ building })}`),
  profiles: (building?: string) => get<Page<CareProfileDto>>(`/api/care/profiles${qs({ building, limit: 200 })}`),
  profile: (residentId: string) => get<CareProfileDto>(`/api/care/profiles/${residentId}`),
  create: (p: CareProfileCreate) => post<CareProfileDto>('/api/care/profiles', p),
  update: (residentId: string, p: CareProfilePatch) => patch<CareProfileDto>(`/api/care/profiles/${residentId}`, p),
  visit: (residentId: string, note?: string) => post<CheckinDto>('/api/care/checkins', { residentId, note }),
  audit: () => get<Page<CareAuditDto>>('/api/care/audit?limit=100'),
};
