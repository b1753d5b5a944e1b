// Time to acknowledge per month: p50/p90 and the shares taken within 60 s and 3 min (the telecare anchors), overall and per alert type.
import { ALERT_TYPE_LABELS, ALERT_TYPE_SEVERITY, alertAudience, type AlertAckStatsDto, type AlertReportDto, type AlertType } from '@linli/contracts';

export interface AckSample {
  type: AlertType;
  createdAt: Date;
  acknowledgedAt?: Date | null;
}

/** Alerts a person must act on; low-severity device notices (a battery running low) would flatter the numbers. */
export function needsAPerson(type: AlertType): boolean {
  const severity = ALERT_TYPE_SEVERITY[type];
  return alertAudience(type) === 'personal' || severity === 'critical' || severity === 'high';
}

/** Nearest-rank percentile of sorted values (what on-call reports use; no interpolation between two alerts). */
function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function ackStats(samples: AckSample[]): AlertAckStatsDto {
  const seconds = samples
    .filter((a) => a.acknowledgedAt)
    .map((a) => Math.max(0, (a.acknowledgedAt!.getTime() - a.createdAt.getTime()) / 1000))
    .sort((x, y) => x - y);
  const total = samples.length;
  const share = (limit: number) => (total ? seconds.filter((s) => s <= limit).length / total : null);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    total,
    acknowledged: seconds.length,
    unacknowledged: total - seconds.length,
    p50Seconds: round(percentile(seconds, 50)),
    p90Seconds: round(percentile(seconds, 90)),
    within60s: share(60),
    within180s: share(180),
  };
}

export function alertReport(month: string, samples: AckSample[]): AlertReportDto {
  const relevant = samples.filter((a) => needsAPerson(a.type));
  const types = [...new Set(relevant.map((a) => a.type))].sort();
  return {
    month,
    overall: ackStats(relevant),
    byType: types.map((type) => ({ type, typeLabel: ALERT_TYPE_LABELS[type], ...ackStats(relevant.filter((a) => a.type === type)) })),
  };
}
