// The notices feature's face: targeted notices (drafts, schedules, withdrawal), publication with receipts, live push, SMS and subscribe-message delivery, door-knock lists.
import type { FeatureCore, LinliFace } from '../feature-core';
import type { NotificationsApi } from '../notifications/notifications.feature';
import type { ResidentsApi } from '../residents/resident.service';
import type { UploadsApi } from '../uploads/upload.service';
import { DELIVERY_TIMER_KIND, NoticeDelivery } from './notice.delivery';
import { DOOR_KNOCK_TIMER_KIND, NoticeDoorKnock } from './notice.door-knock';
import { DoorKnockRepository } from './notice.door-knock.repository';
import { noticeSockets } from './notice.realtime';
import { NoticeRepository } from './notice.repository';
import { noticeRoutes } from './notice.routes';
import { NoticeService, PUBLISH_TIMER_KIND } from './notice.service';

export interface NoticeNeeds {
  residents: ResidentsApi;
  uploads: UploadsApi;
  /** SMS and subscribe messages go out through the notifications feature, one ledger row per resident and channel. */
  notifications: Pick<NotificationsApi, 'notices'>;
}

export function noticesFeature(core: FeatureCore, needs: NoticeNeeds): LinliFace<NoticeService> {
  const { config, conn, bus, scheduler, io, log } = core;
  const messages = needs.notifications.notices;
  const doorKnock = new NoticeDoorKnock(new NoticeRepository(conn), new DoorKnockRepository(conn), scheduler, bus, config.NOTICE_DOOR_KNOCK_SCALE, messages);
  const notices = new NoticeService(conn, { bus, scheduler, log, doorKnock, messages, residents: needs.residents, uploads: needs.uploads });
  // Delivery reads and records receipts itself; its own repository instance keeps the service's private.
  const delivery = new NoticeDelivery(new NoticeRepository(conn), scheduler, messages, config, log);
  return {
    name: 'notices',
    api: notices,
    routes: noticeRoutes(notices, needs.uploads, doorKnock),
    emits: ['notice.push', 'notice.published', 'notice.doorknock'],
    subscriptions: noticeSockets(io, { uploads: needs.uploads, delivery }),
    timers: [
      { kind: PUBLISH_TIMER_KIND, fire: (job) => notices.onPublishDue(job) },
      { kind: DELIVERY_TIMER_KIND, fire: (job) => delivery.onTimer(job) },
      { kind: DOOR_KNOCK_TIMER_KIND, fire: (job) => doorKnock.onTimer(job) },
    ],
  };
}
