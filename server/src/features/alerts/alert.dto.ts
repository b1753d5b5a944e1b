// Shapes an alert for its viewer: full (authorised staff), broadcast (the staff room: no health readings), public (residents, bot).
import { ALERT_TYPE_LABELS, type AlertDto } from '@linli/contracts';
import { maskPii } from '../../logger';
import { nextLevelOf } from './alert.escalation';
import type { AlertDoc } from './alert.model';

export type AlertView = 'full' | 'broadcast' | 'public';

export function alertDto(a: AlertDoc, view: AlertView): AlertDto {
  const base: AlertDto = {
    id: String(a._id),
    communityId: a.communityId,
    type: a.type,
    typeLabel: ALERT_TYPE_LABELS[a.type],
    audience: a.audience,
    severity: a.severity,
    status: a.status,
    title: a.title,
    location: a.location?.building || a.location?.text ? { building: a.location.building, text: a.location.text } : undefined,
    count: a.count,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    level: a.level,
    resolvedAt: a.resolvedAt?.toISOString(),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
  if (view === 'public') return base;
  const personal = a.audience === 'personal';
  return {
    ...base,
    subject: a.subject?.residentId ? { ...a.subject } : undefined,
    deviceId: a.deviceId,
    deviceName: a.deviceName,
    sourceEventId: a.sourceEventId,
    data: view === 'full' || !personal ? a.data : undefined,
    nextEscalationAt: a.nextEscalationAt?.toISOString(),
    ...(a.status === 'raised' && a.nextEscalationAt ? { nextLevel: nextLevelOf(a) } : {}),
    round: a.round ?? 0,
    acknowledgedAt: a.acknowledgedAt?.toISOString(),
    resolution: a.resolution,
    ticketId: a.ticketId,
    ticketNo: a.ticketNo,
    history: (a.history ?? []).map((h) => ({
      ...h,
      at: h.at.toISOString(),
      // Emergency contacts are the resident's private data: the staff room sees that they were told, not who.
      to: h.to
        ?.filter((r) => view === 'full' || r.kind === 'staff')
        .map((r) => ({ ...r, phone: r.phone ? maskPii(r.phone) : undefined })),
    })),
  };
}
