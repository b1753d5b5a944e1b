// Typed calls to alerts and devices (see contracts/src/alerts.ts).
import type { AlertDto, AlertQuery, AlertReportDto, AlertSeverity, AlertType, EscalationPolicyDto, EscalationPolicyInput, NotifyDeliveryDto, DeviceCreate, DeviceDto, DeviceKeyDto, IngestStatsDto, Page } from '@linli/contracts';
import { api, download, get, post, qs } from './http';

export const alertsApi = {
  list: (f: Partial<Omit<AlertQuery, 'limit'>> & { limit?: number }) => get<Page<AlertDto>>(`/api/alerts${qs({ ...f })}`),
  publicOpen: () => get<{ items: AlertDto[] }>('/api/alerts/public'),
  get: (id: string) => get<AlertDto>(`/api/alerts/${id}`),
  ack: (id: string, note?: string) => post<AlertDto>(`/api/alerts/${id}/ack`, note ? { note } : {}),
  resolve: (id: string, note: string) => post<AlertDto>(`/api/alerts/${id}/resolve`, { note }),
  deliveries: (id: string) => get<{ items: NotifyDeliveryDto[] }>(`/api/alerts/${id}/deliveries`),
  deliveriesXlsx: (id: string) => download(`/api/alerts/${id}/deliveries.xlsx`, `通知记录-${id}.xlsx`),
  report: (month: string) => get<AlertReportDto>(`/api/alerts/report${qs({ month })}`),
  toTicket: (id: string) => post<{ alert: AlertDto; ticket: { id: string; no: string } }>(`/api/alerts/${id}/ticket`, {}),
};

export const policiesApi = {
  list: () => get<{ items: EscalationPolicyDto[] }>('/api/alerts/policies'),
  save: (type: AlertType, p: EscalationPolicyInput) => api<EscalationPolicyDto>('PUT', `/api/alerts/policies/${type}`, p),
  reset: (type: AlertType) => api<EscalationPolicyDto>('DELETE', `/api/alerts/policies/${type}`),
};

export const devicesApi = {
  list: () => get<Page<DeviceDto>>('/api/devices?limit=200'),
  create: (d: DeviceCreate) => post<DeviceKeyDto>('/api/devices', d),
  rotateKey: (id: string) => post<DeviceKeyDto>(`/api/devices/${id}/rotate-key`),
  disable: (id: string) => post<DeviceDto>(`/api/devices/${id}/disable`),
  enable: (id: string) => post<DeviceDto>(`/api/devices/${id}/enable`),
};

const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Most severe first, then newest. */
export function bySeverity(a: AlertDto, b: AlertDto): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.lastSeenAt.localeCompare(a.lastSeenAt);
}

export const SEVERITY_COLORS: Record<AlertSeverity, string> = { critical: '#cf1322', high: '#fa541c', medium: '#faad14', low: '#8c8c8c' };

export const ingestStatsApi = {
  get: () => get<IngestStatsDto>('/api/alerts/stats'),
};
