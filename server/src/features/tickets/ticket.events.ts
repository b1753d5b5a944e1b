// The events the tickets feature emits, merged into the domain event map.
import type { TicketDoc } from './ticket.model';

export interface TicketEvents {
  'ticket.created': { ticket: TicketDoc };
  /** `change` names what happened: a transition action, 'comment', 'internal-comment', 'rated', 'urged', 'transcribed', 'escalated'. */
  'ticket.updated': { ticket: TicketDoc; change: string };
}
