// Pushes ledger changes to staff sockets: drafts waiting for a second pair of eyes, approvals and reversals as they happen.
import { on, type Subscription } from '../../core/feature';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { DomainEvents } from '../events';
import type { UploadsApi } from '../uploads/upload.service';
import { ledgerEntryDto } from './ledger.dto';

export function ledgerSockets(io: Io, uploads: UploadsApi): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'ledger.entry.changed'>('ledger.entry.changed', async ({ entry, change }) => {
      io.to(rooms.staff(entry.communityId)).emit('ledger:updated', { change, entry: await ledgerEntryDto(entry, 'staff', uploads) });
    }),
  ];
}
