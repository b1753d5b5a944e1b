// A ledger row as staff read it: the recipient's number masked, times as ISO strings.
import type { NotifyDeliveryDto } from '@linli/contracts';
import { maskPii } from '../../logger';
import type { DeliveryDoc } from './notifications.model';

export function deliveryDto(d: DeliveryDoc): NotifyDeliveryDto {
  const r = d.recipient;
  return {
    id: d._id,
    alertId: d.alertId,
    level: d.level,
    purpose: d.purpose,
    channel: d.channel,
    recipient: {
      kind: r.kind,
      ...(r.id ? { id: r.id } : {}),
      name: r.name,
      ...(r.relation ? { relation: r.relation } : {}),
      ...(r.phone ? { phone: maskPii(r.phone) } : {}),
    },
    status: d.status,
    attempts: d.attempts,
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.providerId ? { providerId: d.providerId } : {}),
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
    history: d.history.map((h) => ({
      status: h.status,
      at: h.at.toISOString(),
      ...(h.note ? { note: h.note } : {}),
      ...(h.providerId ? { providerId: h.providerId } : {}),
    })),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
