// The events the notices feature emits, merged into the domain event map.
import type { NoticeDoc } from './notice.model';

export interface NoticeEvents {
  /** A notice's audience was resolved (issue 3): the socket transport pushes it at once to `residentIds` (reached and consented to push), before the receipts are written. */
  'notice.push': { notice: NoticeDoc; residentIds: string[] };
  /** A notice was published, its receipts written (issue 3): staff are told, SMS / subscribe deliveries start, the bot posts it when `group` is among its channels. */
  'notice.published': { notice: NoticeDoc };
  /** A door-knock list was made (issue 13): staff sockets are told which buildings have households on it. */
  'notice.doorknock': { notice: NoticeDoc; buildings: { building: string; households: number }[] };
}
