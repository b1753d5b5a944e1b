// Big-screen block: open public-safety alerts (fire lane, smoke, water, overflowing bins), live.
import { OPEN_ALERT_STATUSES, type AlertDto } from '@linli/contracts';
import { alertsApi, bySeverity } from '../../api/alerts';
import { useSocketEvent } from '../../api/realtime';
import { fmtTime } from '../../lib/time';
import { useLiveList } from '../../lib/use-live-list';

const isPublicOpen = (a: AlertDto) => a.audience === 'public' && OPEN_ALERT_STATUSES.includes(a.status);

export function SafetyAlerts() {
  const { items, upsert } = useLiveList<AlertDto>({ key: 'public-open', fetchPage: () => alertsApi.publicOpen(), matches: isPublicOpen });
  useSocketEvent('alert:raised', upsert);
  useSocketEvent('alert:updated', upsert);

  return (
    <section className="screen-panel" data-testid="screen-alerts">
      <h3>安全提醒</h3>
      {items.length === 0 ? (
        <div className="screen-safe">✓ 社区安全，暂无预警</div>
      ) : (
        [...items].sort(bySeverity).slice(0, 5).map((a) => (
          <div key={a.id} className={`screen-alert sev-${a.severity}`} data-testid="screen-alert">
            <div className="what">{a.typeLabel}</div>
            <div className="where">
              {[a.location?.building, a.location?.text].filter(Boolean).join(' ') || a.title} · {fmtTime(a.firstSeenAt, 'HH:mm')}
            </div>
          </div>
        ))
      )}
    </section>
  );
}
