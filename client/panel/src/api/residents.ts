// Typed calls to the residents registry (see contracts/src/residents.ts).
import type { Page, ResidentCreate, ResidentDto, ResidentPatch } from '@linli/contracts';
import { get, patch, post, qs } from './http';

export interface ResidentFilter {
  q?: string;
  building?: string;
  tag?: string;
  cursor?: string;
  limit?: number;
}

export const residentsApi = {
  list: (f: ResidentFilter) => get<Page<ResidentDto>>(`/api/residents${qs({ ...f })}`),
  create: (input: ResidentCreate) => post<ResidentDto>('/api/residents', input),
  update: (id: string, p: ResidentPatch) => patch<ResidentDto>(`/api/residents/${id}`, p),
  /** 显示号码: one number in clear; the server audits who revealed it and counts reveals per hour. */
  revealPhone: (id: string) => post<{ phone: string | null }>(`/api/residents/${id}/reveal-phone`, {}),
  /** CSV or XLSX; all rows or none. A 422/409 ApiError carries `details.errors` [{row, field?, message}]. */
  importSheet: (file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return post<{ imported: number }>('/api/residents/import', fd);
  },
};

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
}
