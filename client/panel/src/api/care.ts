// Typed calls to elderly care (see contracts/src/care.ts and care-absence.ts).
import type {
  CareAbsenceCreate,
  CareAbsenceDto,
  CareAbsencePatch,
  CareAuditDto,
  CareOverviewDto,
  CareProfileCreate,
  CareProfileDto,
  CareProfilePatch,
  CheckinDto,
  Page,
} from '@linli/contracts';
import { api, download, get, patch, post, qs } from './http';

export const careApi = {
  overview: (building?: string) => get<CareOverviewDto>(`/api/care/overview${qs({ building })}`),
  /** The same day's overview as an Excel workbook (未打卡 first). */
  overviewXlsx: (day: string, building?: string) => download(`/api/care/overview.xlsx${qs({ day, building })}`, `平安打卡-${day}.xlsx`),
  profiles: (building?: string) => get<Page<CareProfileDto>>(`/api/care/profiles${qs({ building, limit: 200 })}`),
  profile: (residentId: string) => get<CareProfileDto>(`/api/care/profiles/${residentId}`),
  create: (p: CareProfileCreate) => post<CareProfileDto>('/api/care/profiles', p),
  update: (residentId: string, p: CareProfilePatch) => patch<CareProfileDto>(`/api/care/profiles/${residentId}`, p),
  visit: (residentId: string, note?: string) => post<CheckinDto>('/api/care/checkins', { residentId, note }),
  audit: () => get<Page<CareAuditDto>>('/api/care/audit?limit=100'),
  absences: (residentId: string) => get<CareAbsenceDto[]>(`/api/care/profiles/${residentId}/absences`),
  addAbsence: (residentId: string, a: CareAbsenceCreate) => post<CareAbsenceDto>(`/api/care/profiles/${residentId}/absences`, a),
  editAbsence: (residentId: string, id: string, a: CareAbsencePatch) => patch<CareAbsenceDto>(`/api/care/profiles/${residentId}/absences/${id}`, a),
  removeAbsence: (residentId: string, id: string) => api<{ removed: true }>('DELETE', `/api/care/profiles/${residentId}/absences/${id}`),
};
