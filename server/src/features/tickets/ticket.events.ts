// The events the tickets feature emits, merged into the domain event map.
import type { LadderAudience, LadderStep, ServiceDeadline } from '@linli/contracts';
import type { TicketDoc } from './ticket.model';

export interface TicketEvents {
  'ticket.created': { ticket: TicketDoc };
  /** `change` names what happened: a transition action, 'comment', 'internal-comment', 'rated', 'urged', 'transcribed', 'escalated'. */
  'ticket.updated': { ticket: TicketDoc; change: string };
  /**
   * A step of the 接诉即办 ladder happened (also on the ticket's timeline): 催办 to the assignee or the duty staff, 督办 to the
   * community leader, 街道 to the street. The hook for reaching them by SMS (notifications); the panel hears it as ticket:updated.
   */
  /** 回访: the reporter is asked to confirm and rate (`ask`: the mini-program shows it; the hook for a bot private message or SMS), or staff must call (`call`). */
  /** `contacts`: her bound WeChat contacts (asked privately by the bot); none → an SMS to her phone. */
  'ticket.revisit': { ticket: TicketDoc; step: 'ask' | 'call'; contacts?: Array<{ wechatId: string; name?: string }> };
  'ticket.ladder': { ticket: TicketDoc; deadline: ServiceDeadline; step: LadderStep; audience: LadderAudience; dueAt: Date };
}
