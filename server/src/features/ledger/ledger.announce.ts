// Tells residents about a new monthly statement: the domain event `ledger.statement.published` is the hook; the group bot posts it.
import { formatFen, type Principal } from '@linli/contracts';
import type { Bus } from '../events';
import type { Logger } from '../../logger';
import type { Io } from '../../realtime/io';
import { rooms } from '../../realtime/rooms';
import type { UploadService } from '../uploads/upload.service';
import { ledgerEntryDto } from './ledger.dto';
import type { LedgerStatementDoc } from './ledger.model';

export function statementAnnouncement(s: LedgerStatementDoc): { title: string; body: string } {
  const [y, m] = s.month.split('-');
  const title = `${y}年${Number(m)}月物业收支账单已公示`;
  const top = s.expense.byCategory.slice(0, 3).map((c) => `${c.category} ${formatFen(c.amount)} 元`).join('，');
  const body =
    `${title}：上月结余 ${formatFen(s.openingBalance)} 元，本月收入 ${formatFen(s.income.total)} 元，` +
    `支出 ${formatFen(s.expense.total)} 元${top ? `（${top}）` : ''}，月末结余 ${formatFen(s.closingBalance)} 元。` +
    '明细和凭证请在小程序「财务公开」中查看。';
  return { title, body };
}

/** The slice of the notices feature we use; looked up at wiring time so the ledger works without it. */
export interface NoticePublisher {
  create(
    p: Extract<Principal, { kind: 'staff' }>,
    input: { title: string; body: string; category: '通知'; audience: { all: true }; channels: Array<'feed' | 'push'> },
  ): Promise<unknown>;
}

export function ledgerEvents(bus: Bus, io: Io, uploads: UploadService, log: Logger, notices?: NoticePublisher): void {
  // Staff see drafts waiting for a second pair of eyes, approvals and reversals as they happen.
  bus.on('ledger.entry.changed', async ({ entry, change }) => {
    io.to(rooms.staff(entry.communityId)).emit('ledger:updated', { change, entry: await ledgerEntryDto(entry, 'staff', uploads) });
  });

  bus.on('ledger.statement.published', async ({ statement }) => {
    const { title, body } = statementAnnouncement(statement);
    // The community group hears it from the bot (queued durably, deduplicated by key).
    bus.emit('bot.post', { communityId: statement.communityId, kind: 'notice', key: `ledger-statement:${statement._id}`, text: body, ref: statement._id });
    if (!notices) {
      log.warn({ month: statement.month }, 'notices feature absent: statement announced in the group only');
      return;
    }
    // Residents' feed and push: a notice published by the system on behalf of the finance office.
    const system = { kind: 'staff' as const, id: 'system', communityId: statement.communityId, roles: ['admin' as const], buildings: [], name: '财务公开' };
    await notices.create(system, { title, body, category: '通知', audience: { all: true }, channels: ['feed', 'push'] });
  });
}
