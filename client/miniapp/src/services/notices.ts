// Notice API calls, public alerts for the home banner, and the home list ordering (unread first, then pinned, then newest).
import { OPEN_ALERT_STATUSES, type AlertDto, type NoticeDto, type NoticeListDto } from '@linli/contracts';
import { api } from './api';

export const listNotices = (cursor?: string | null) =>
  api.get<NoticeListDto>(`/notices?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

export const getNotice = (id: string) => api.get<NoticeDto>(`/notices/${id}`);

export const markNoticeRead = (id: string) => api.post<NoticeDto>(`/notices/${id}/read`);

export const publicAlerts = () => api.get<{ items: AlertDto[] }>('/alerts/public');

const time = (n: NoticeDto) => new Date(n.publishedAt ?? n.createdAt).getTime();

export function orderNotices(items: NoticeDto[]): NoticeDto[] {
  return items.slice().sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt) || Number(b.pinned) - Number(a.pinned) || time(b) - time(a));
}

/** Adds or replaces one notice (live push), keeping the list ordered. */
export function upsertNotice(items: NoticeDto[], n: NoticeDto): NoticeDto[] {
  return orderNotices([n, ...items.filter((x) => x.id !== n.id)]);
}

/** Keeps the banner list to open public alerts, applying a live update. */
/**
 * Whether an alert earns a red banner on every resident's home: open public-safety alerts of high or critical severity
 * only (a smoke alarm, yes; a full trash bin, no — staff handle it without alarming anyone).
 */
export function bannerWorthy(a: AlertDto): boolean {
  return a.audience === 'public' && (a.severity === 'critical' || a.severity === 'high') && OPEN_ALERT_STATUSES.includes(a.status);
}

export function applyAlert(items: AlertDto[], a: AlertDto): AlertDto[] {
  const rest = items.filter((x) => x.id !== a.id);
  return bannerWorthy(a) ? [a, ...rest] : rest;
}
