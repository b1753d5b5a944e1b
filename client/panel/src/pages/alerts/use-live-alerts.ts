// Loads alerts of one status filter and keeps them current with alert:raised / alert:updated.
import { useCallback, useEffect, useState } from 'react';
import { OPEN_ALERT_STATUSES, type AlertDto, type AlertStatus } from '@linli/contracts';
import { alertsApi, bySeverity } from '../../api/alerts';
import { ApiError } from '../../api/http';
import { useSocketEvent } from '../../api/realtime';
import { mergeLive } from '../../lib/live-list';

export function useLiveAlerts(status: 'open' | AlertStatus, onRaised?: (a: AlertDto) => void) {
  const [items, setItems] = useState<AlertDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const matches = (a: AlertDto) => (status === 'open' ? OPEN_ALERT_STATUSES.includes(a.status) : a.status === status);

  const load = useCallback(() => {
    setLoading(true);
    alertsApi
      .list({ status, limit: 100 })
      .then((p) => {
        // Alerts pushed while the page was loading are already in the list: keep them on top of the page.
        setItems((prev) => prev.reduce((list, a) => mergeLive(list, a, matches), p.items));
        setError(null);
      }, (e) => setError(e instanceof ApiError ? e.message : '加载失败'))
      .finally(() => setLoading(false));
  }, [status]);
  useEffect(load, [load]);

  const upsert = (a: AlertDto) => setItems((list) => mergeLive(list, a, matches));
  useSocketEvent('alert:raised', (a) => {
    upsert(a);
    if (matches(a)) onRaised?.(a);
  });
  useSocketEvent('alert:updated', upsert);

  return { items: [...items].sort(bySeverity), loading, error, upsert, reload: load };
}
