// The 接诉即办 ladder on one persisted timer per ticket: 催办 before each deadline (签收, 办结), 督办 to the leader at the 签收 deadline, the street (街道) when far overdue — each step once, on the ticket's timeline.
import {
  isOpenTicketStatus,
  OPEN_TICKET_STATUSES,
  SERVICE_LADDER,
  shanghaiDateTime,
  type LadderAudience,
  type LadderStep,
  type ServiceDeadline,
  type TicketCategory,
} from '@linli/contracts';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import type { ServiceClockApi } from '../service-clock/service-clock.service';
import type { Bus } from '../events';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import type { TicketRepository } from './ticket.repository';

export const LADDER_TIMER_KIND = 'ticket.ladder';
const ladderKey = (id: string) => `ticket-ladder:${id}`;

interface PlannedStep {
  /** Unique per deadline, so a step after an extension is a new step. */
  id: string;
  at: Date;
  deadline: ServiceDeadline;
  step: LadderStep;
}

const KIND: Record<LadderStep, TimelineEntry['kind']> = { remind: 'reminded', supervise: 'supervised', street: 'street' };

/** The ladder's remaining steps of a ticket, earliest first (none for a closed or linked ticket). 办结's 督办 is the SLA timer's. */
export function plannedSteps(t: TicketDoc): PlannedStep[] {
  if (!isOpenTicketStatus(t.status) || t.duplicateOf?.id) return [];
  const p = t.ladderPlan ?? {};
  const due = t.slaDueAt.getTime();
  const steps: Array<PlannedStep | null> = [
    !t.signedAt && p.signRemindAt ? { id: 'sign.remind', at: p.signRemindAt, deadline: 'sign', step: 'remind' } : null,
    !t.signedAt && t.signDueAt ? { id: 'sign.supervise', at: t.signDueAt, deadline: 'sign', step: 'supervise' } : null,
    !t.signedAt && p.signStreetAt ? { id: 'sign.street', at: p.signStreetAt, deadline: 'sign', step: 'street' } : null,
    p.finishRemindAt ? { id: `finish.remind@${due}`, at: p.finishRemindAt, deadline: 'finish', step: 'remind' } : null,
    p.finishStreetAt ? { id: `finish.street@${due}`, at: p.finishStreetAt, deadline: 'finish', step: 'street' } : null,
  ];
  const done = new Set(t.ladder ?? []);
  return steps.filter((s): s is PlannedStep => !!s && !done.has(s.id)).sort((a, b) => a.at.getTime() - b.at.getTime());
}

export class TicketLadder {
  constructor(
    private readonly repo: TicketRepository,
    private readonly d: { bus: Bus; scheduler: Scheduler; clock: ServiceClockApi },
  ) {}

  /** When the 催办 and 街道 steps fall for a 签收 deadline and/or a 办结 deadline given the service time allowed for each. */
  async plan(
    t: { communityId: string; category: TicketCategory },
    sign: { from: Date; dueAt: Date; ms: number } | null,
    finish: { from: Date; dueAt: Date; ms: number },
  ): Promise<NonNullable<TicketDoc['ladderPlan']>> {
    const after = (from: Date, ms: number) => this.d.clock.after(t.communityId, t.category, from, ms);
    const plan: NonNullable<TicketDoc['ladderPlan']> = {
      finishRemindAt: await after(finish.from, SERVICE_LADDER.remindAt * finish.ms),
      finishStreetAt: await after(finish.dueAt, SERVICE_LADDER.streetAfter * finish.ms),
    };
    if (sign) {
      plan.signRemindAt = await after(sign.from, SERVICE_LADDER.remindAt * sign.ms);
      plan.signStreetAt = await after(sign.dueAt, SERVICE_LADDER.streetAfter * sign.ms);
    }
    return plan;
  }

  /** Arms the ticket's one ladder timer at its next step, or cancels it when nothing is left. */
  async schedule(t: TicketDoc): Promise<void> {
    const next = plannedSteps(t)[0];
    const key = ladderKey(String(t._id));
    if (!next) return void (await this.d.scheduler.cancel(key));
    await this.d.scheduler.schedule({ key, communityId: t.communityId, kind: LADDER_TIMER_KIND, fireAt: next.at, payload: { ticketId: String(t._id) } });
  }

  cancel(id: string): Promise<void> {
    return this.d.scheduler.cancel(ladderKey(id));
  }

  /** The timer fired: every step now due happens once (a conditional update per step), then the timer moves to the next one. */
  async onDue(job: TimerJob): Promise<void> {
    let t = await this.repo.byId(job.communityId, String(job.payload.ticketId));
    if (!t) return;
    const now = Date.now();
    for (const s of plannedSteps(t)) {
      if (s.at.getTime() > now) break;
      t = (await this.apply(t, s)) ?? (await this.repo.byId(job.communityId, String(t._id)));
      if (!t) return;
    }
    await this.schedule(t);
  }

  private async apply(t: TicketDoc, s: PlannedStep): Promise<TicketDoc | null> {
    const audience: LadderAudience = s.step === 'remind' ? (t.assigneeId ? 'assignee' : 'duty') : s.step === 'supervise' ? 'leader' : 'street';
    const updated = await this.repo.applyIf(
      t.communityId,
      String(t._id),
      {
        status: { $in: [...OPEN_TICKET_STATUSES] },
        ladder: { $ne: s.id },
        'duplicateOf.id': { $exists: false },
        ...(s.deadline === 'sign' ? { signedAt: { $exists: false } } : { slaDueAt: t.slaDueAt }),
      },
      {
        mark: s.id,
        push: {
          kind: KIND[s.step],
          at: new Date(),
          actor: { kind: 'system', name: '系统' },
          note: stepNote(t, s, audience),
          audience,
          // A reminder is between staff; supervision the resident may see (她的事有人盯着).
          ...(s.step === 'remind' ? { internal: true } : {}),
        },
      },
    );
    if (!updated) return null;
    const dueAt = s.deadline === 'sign' ? updated.signDueAt! : updated.slaDueAt;
    this.d.bus.emit('ticket.ladder', { ticket: updated, deadline: s.deadline, step: s.step, audience, dueAt });
    this.d.bus.emit('ticket.updated', { ticket: updated, change: s.step === 'remind' ? 'internal-comment' : 'supervised' });
    return updated;
  }
}

function stepNote(t: TicketDoc, s: PlannedStep, audience: LadderAudience): string {
  const what = s.deadline === 'sign' ? '签收' : '办结';
  const due = shanghaiDateTime(s.deadline === 'sign' ? t.signDueAt! : t.slaDueAt);
  if (s.step === 'remind') return `催办：请在 ${due} 前${what}（${audience === 'assignee' ? t.assigneeName ?? '处理人' : '值班人员'}）`;
  if (s.step === 'supervise') return `督办：已超过${what}时限（${due}），已通报社区负责人`;
  return `街道督办：超过${what}时限（${due}）仍未${what}，已上报街道`;
}
