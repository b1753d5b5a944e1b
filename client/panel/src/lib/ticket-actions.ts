// The actions a staff member may take on a ticket now: the contract's table plus the reopen window.
import { legalActions, REOPEN_WINDOW_MS, type TicketAction, type TicketDto } from '@linli/contracts';

export function staffActions(t: Pick<TicketDto, 'status' | 'resolvedAt'>, now = Date.now()): TicketAction[] {
  return legalActions(t.status, 'staff').filter(
    (a) => a !== 'reopen' || (t.resolvedAt !== undefined && now - new Date(t.resolvedAt).getTime() <= REOPEN_WINDOW_MS),
  );
}

/** Actions that need a second step (a picker or a note) before they are sent. */
export const NEEDS_INPUT: Partial<Record<TicketAction, 'assignee' | 'note'>> = {
  assign: 'assignee',
  resolve: 'note',
  reopen: 'note',
  cancel: 'note',
};

/** The main forward action is drawn as the primary button. */
export const PRIMARY_ACTIONS: TicketAction[] = ['accept', 'start', 'resolve'];
