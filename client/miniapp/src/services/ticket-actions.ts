// Which buttons a reporter sees on their ticket, from the shared transition table.
import { isOpenTicketStatus, legalActions, REOPEN_WINDOW_MS, type TicketAction, type TicketDto } from '@linli/contracts';

export function reporterActions(t: Pick<TicketDto, 'status' | 'resolvedAt'>, now = Date.now()): TicketAction[] {
  return legalActions(t.status, 'reporter').filter((a) => {
    if (a !== 'reopen') return true;
    const since = t.resolvedAt ? new Date(t.resolvedAt).getTime() : NaN;
    return Number.isFinite(since) && now - since <= REOPEN_WINDOW_MS;
  });
}

export function canUrge(t: Pick<TicketDto, 'status'>): boolean {
  return isOpenTicketStatus(t.status);
}

export function canRate(t: Pick<TicketDto, 'status' | 'rating'>): boolean {
  return (t.status === 'resolved' || t.status === 'closed') && !t.rating;
}

export const ACTION_TEXT: Partial<Record<TicketAction, string>> = {
  cancel: '撤销报事',
  close: '确认解决，关闭工单',
  reopen: '问题没解决，重新打开',
};
