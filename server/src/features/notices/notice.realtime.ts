// Fan-out of a notice: Socket.io push to the residents it reached (as soon as the audience is resolved), staff told on publication, SMS and subscribe messages handed to their persisted delivery timers.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import type { UploadsApi } from '../uploads/upload.service';
import type { NoticeDelivery } from './notice.delivery';
import { noticeDto } from './notice.dto';
import type { NoticeDoc } from './notice.model';

const isEveryone = (n: NoticeDoc) => Object.keys(n.audience).every((k) => k === 'all') && n.audience.all === true;

export function noticeSockets(io: Io, deps: { uploads: UploadsApi; delivery: NoticeDelivery }): Subscription<DomainEvents>[] {
  return [
  on<DomainEvents, 'notice.push'>('notice.push', async ({ notice, residentIds }) => {
    const cid = notice.communityId;
    const payload = await noticeDto(notice, 'resident', deps.uploads);
    if (isEveryone(notice)) {
      // One community-wide broadcast, minus the connected residents it does not reach (unverified logins,
      // no push consent, registered after resolution). Rooms are this node's: Linli runs one server process.
      const targets = new Set(residentIds);
      const left = new Set<string>();
      for (const sid of io.sockets.adapter.rooms.get(rooms.residents(cid)) ?? []) {
        const p = io.sockets.sockets.get(sid)?.data.principal;
        if (p && !targets.has(p.id)) left.add(rooms.resident(cid, p.id));
      }
      let op = io.to(rooms.residents(cid));
      if (left.size) op = op.except([...left]);
      op.emit('notice:published', payload);
      return;
    }
    io.to(residentIds.map((rid) => rooms.resident(cid, rid))).emit('notice:published', payload);
  }),

  // Staff sockets: each grid worker's panel shows it when one of their buildings has households on it.
  on<DomainEvents, 'notice.doorknock'>('notice.doorknock', ({ notice, buildings }) => {
    io.to(rooms.staff(notice.communityId)).emit('notice:door-knock', { noticeId: String(notice._id), title: notice.title, buildings });
  }),

  on<DomainEvents, 'notice.published'>('notice.published', async ({ notice }) => {
    const cid = notice.communityId;
    const id = String(notice._id);
    // Persisted first: SMS / subscribe messages survive a restart and retry on their own timers.
    if (notice.channels.includes('sms')) await deps.delivery.kick(cid, id, 'sms');
    if (notice.channels.includes('subscribe')) await deps.delivery.kick(cid, id, 'subscribe');
    const staffView = await noticeDto(notice, 'staff', deps.uploads);
    io.to(rooms.staff(cid)).emit('notice:published', staffView);
    // Big screens rotate published notices: the same view as their GET /api/notices, without who wrote it.
    const { createdBy: _by, ...screenView } = staffView;
    io.to(rooms.screen(cid)).emit('notice:published', screenView);
  }),
  ];
}
