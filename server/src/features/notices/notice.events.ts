// Fan-out of a published notice: Socket.io push to the residents it reached and to staff; SMS and subscribe messages handed to their persisted delivery timers.
import type { EventBus } from '../../core/events';
import type { Logger } from '../../logger';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { ResidentService } from '../residents/resident.service';
import type { UploadService } from '../uploads/upload.service';
import type { NoticeDelivery } from './notice.delivery';
import { noticeDto } from './notice.dto';

/** Above this many targets, one community-wide broadcast (minus the few left out) beats naming every resident's room. */
const BROADCAST_THRESHOLD = 500;

export function noticeEvents(bus: EventBus, io: Io, deps: { uploads: UploadService; residents: ResidentService; delivery: NoticeDelivery; log: Logger }): void {
  bus.on('notice.published', async ({ notice }) => {
    const cid = notice.communityId;
    const id = String(notice._id);
    // Persisted first: SMS / subscribe messages survive a restart and retry on their own timers.
    if (notice.channels.includes('sms')) await deps.delivery.kick(cid, id, 'sms');
    if (notice.channels.includes('subscribe')) await deps.delivery.kick(cid, id, 'subscribe');
  });

  bus.on('notice.published', async ({ notice, pushResidentIds }) => {
    const cid = notice.communityId;
    const [residentView, staffView] = await Promise.all([noticeDto(notice, 'resident', deps.uploads), noticeDto(notice, 'staff', deps.uploads)]);
    io.to(rooms.staff(cid)).emit('notice:published', staffView);
    if (!notice.channels.includes('push') || pushResidentIds.length === 0) return;
    if (pushResidentIds.length >= BROADCAST_THRESHOLD) {
      // Everyone in the residents room except those not reached (other buildings, no consent, unverified logins).
      const targets = new Set(pushResidentIds);
      const everyone = await deps.residents.repo.find(cid, {}, { _id: 1 });
      const left = everyone.map((r) => String(r._id)).filter((rid) => !targets.has(rid));
      if (left.length < targets.size) {
        let op = io.to(rooms.residents(cid));
        if (left.length) op = op.except(left.map((rid) => rooms.resident(cid, rid)));
        op.emit('notice:published', residentView);
        return;
      }
    }
    io.to(pushResidentIds.map((rid) => rooms.resident(cid, rid))).emit('notice:published', residentView);
  });
}
