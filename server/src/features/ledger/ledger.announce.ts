// Tells residents about a new monthly statement: the group bot posts it, and a system notice reaches their feed and push.
import { formatFen } from '@linli/contracts';
import { on, type Subscription } from '../../core/feature';
import type { Bus, DomainEvents } from '../events';
import type { NoticesApi } from '../notices/notice.service';
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

export function statementAnnouncer(bus: Bus, notices: NoticesApi): Subscription<DomainEvents>[] {
  return [
    on<DomainEvents, 'ledger.statement.published'>('ledger.statement.published', async ({ statement }) => {
      const { title, body } = statementAnnouncement(statement);
      // The community group hears it from the bot (queued durably, deduplicated by key).
      bus.emit('bot.post', { communityId: statement.communityId, kind: 'notice', key: `ledger-statement:${statement._id}`, text: body, ref: statement._id });
      // Announced once per statement (claimed before the event), so this notice is published once.
      await notices.publishSystem(statement.communityId, { title, body, category: '通知', audience: { all: true }, channels: ['feed', 'push'], author: '财务公开' });
    }),
  ];
}
