// Loads alerts of one status filter and keeps them current with alert:raised / alert:updated.
import { OPEN_ALERT_STATUSES, type AlertDto, type AlertStatus } from '@linli/contracts';
import { alertsApi, bySeverity } from '../../api/alerts';
import { useSocketEvent } from '../../api/realtime';
import { useLiveList } from '../../lib/use-live-list';

export function useLiveAlerts(status: 'open' | AlertStatus, onRaised?: (a: AlertDto) => void) {
  const matches = (a: AlertDto) => (status === 'open' ? OPEN_ALERT_STATUSES.includes(a.status) : a.status === status);
  const list = useLiveList<AlertDto>({ key: status, fetchPage: () => alertsApi.list({ status, limit: 100 }), matches });

  useSocketEvent('alert:raised', (a) => {
    list.upsert(a);
    if (matches(a)) onRaised?.(a);
  });
  useSocketEvent('alert:updated', list.upsert);

  return { items: [...list.items].sort(bySeverity), loading: list.loading, error: list.error, upsert: list.upsert, reload: list.reload };
}
