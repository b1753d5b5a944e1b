// Typed calls to notices (see contracts/src/notices.ts).
import type { DoorKnockHousehold, DoorKnockListDto, DoorKnockVisit, NoticeAudience, NoticeCreate, NoticeDto, NoticeListDto, NoticeReceiptsDto, NoticeStatus } from '@linli/contracts';
import { download, get, post, qs } from './http';

export const noticesApi = {
  list: (f: { status?: NoticeStatus; cursor?: string; limit?: number }) => get<NoticeListDto>(`/api/notices${qs({ ...f })}`),
  get: (id: string) => get<NoticeDto>(`/api/notices/${id}`),
  create: (n: NoticeCreate) => post<NoticeDto>('/api/notices', n),
  publish: (id: string) => post<NoticeDto>(`/api/notices/${id}/publish`),
  withdraw: (id: string) => post<NoticeDto>(`/api/notices/${id}/withdraw`),
  preview: (audience: NoticeAudience) => post<{ count: number }>('/api/notices/audience-preview', { audience }),
  receipts: (id: string, building?: string) => get<NoticeReceiptsDto>(`/api/notices/${id}/receipts${qs({ building })}`),
  doorKnock: (id: string, building?: string) => get<DoorKnockListDto>(`/api/notices/${id}/door-knock${qs({ building })}`),
  visit: (id: string, v: DoorKnockVisit) => post<DoorKnockHousehold>(`/api/notices/${id}/door-knock/visits`, v),
  receiptsCsv: (id: string, title: string) => download(`/api/notices/${id}/receipts?format=csv`, `阅读回执-${title}.csv`),
  receiptsXlsx: (id: string, title: string) => download(`/api/notices/${id}/receipts?format=xlsx`, `阅读回执-${title}.xlsx`),
};
