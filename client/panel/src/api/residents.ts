// Typed calls to the residents registry (see contracts/src/residents.ts).
import type { BindCodeDto, Page, ResidentCreate, ResidentDto, ResidentPatch, UnboundMemberDto, WechatRelation } from '@linli/contracts';
import { api, download, get, patch, post, qs } from './http';

export interface ResidentFilter {
  q?: string;
  building?: string;
  tag?: string;
  cursor?: string;
  limit?: number;
}

export const residentsApi = {
  list: (f: ResidentFilter) => get<Page<ResidentDto>>(`/api/residents${qs({ ...f })}`),
  /** The filtered registry (every page) as an Excel workbook; an admin's numbers are in clear and audited by the server. */
  xlsx: (f: Omit<ResidentFilter, 'cursor' | 'limit'>) => download(`/api/residents.xlsx${qs({ ...f })}`, '居民名册.xlsx'),
  create: (input: ResidentCreate) => post<ResidentDto>('/api/residents', input),
  update: (id: string, p: ResidentPatch) => patch<ResidentDto>(`/api/residents/${id}`, p),
  get: (id: string) => get<ResidentDto>(`/api/residents/${id}`),
  /** 绑定码: six digits for her (or a family member) to send to the group bot, valid once for 15 minutes; audited. */
  bindCode: (id: string, relation: WechatRelation) => post<BindCodeDto>(`/api/residents/${id}/bind-code`, { relation }),
  /** Community group members no resident is bound to yet (the bot reports the groups). */
  unboundMembers: () => get<{ items: UnboundMemberDto[] }>('/api/residents/unbound-members'),
  /** 解除绑定 of one WeChat contact; audited. */
  revokeBinding: (id: string, bindingId: string) => api<ResidentDto>('DELETE', `/api/residents/${id}/bindings/${bindingId}`),
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
