// Data migration for tickets filed before the service clock (issue 17): each gets its 签收 deadline and signing time, and an open one its ladder plan and persisted ladder timer.
import { isOpenTicketStatus } from '@linli/contracts';
import type { Migration } from '../../core/migrations';
import type { ServiceClockApi } from '../service-clock/service-clock.service';
import { plannedSteps, type TicketLadder } from './ticket.ladder';
import type { TicketDoc } from './ticket.model';
import type { TicketRepository } from './ticket.repository';

export const SERVICE_CLOCK_MIGRATION_ID = '2026-12-01-tickets-service-clock';

export function serviceClockBackfill(repo: TicketRepository, d: { clock: ServiceClockApi; ladder: TicketLadder }): Migration {
  return {
    id: SERVICE_CLOCK_MIGRATION_ID,
    description: '接诉即办：为服务时钟上线前的工单补上签收时限、签收时间和催办/督办计划',
    async up() {
      // Conditional on signDueAt being absent: a node that died half-way runs again over what is left.
      const legacy = await repo.model.find({ signDueAt: { $exists: false } }).lean<TicketDoc[]>();
      for (const t of legacy) await backfill(repo, d, t);
    },
  };
}

async function backfill(repo: TicketRepository, d: { clock: ServiceClockApi; ladder: TicketLadder }, t: TicketDoc): Promise<void> {
  const dl = await d.clock.deadlines(t.communityId, t.category, t.createdAt);
  // Signed for when first 受理 or 派单, as the clock counts it today.
  const signedAt = t.signedAt ?? t.timeline.find((e) => e.kind === 'accepted' || e.kind === 'assigned')?.at;
  const set: Partial<TicketDoc> = { signDueAt: dl.signDueAt, ...(signedAt ? { signedAt } : {}) };
  if (isOpenTicketStatus(t.status) && !t.duplicateOf?.id) {
    set.ladderPlan = await d.ladder.plan(
      t,
      signedAt ? null : { from: t.createdAt, dueAt: dl.signDueAt, ms: dl.signMs },
      { from: t.createdAt, dueAt: t.slaDueAt, ms: dl.finishMs },
    );
    // Steps whose time passed before the ladder existed are recorded as done without being sent: an upgrade must not fire a
    // burst of 催办/督办 SMS about old tickets (their overdue state is on the panel already). Only steps still ahead are armed.
    const now = Date.now();
    set.ladder = plannedSteps({ ...t, ...set } as TicketDoc).filter((s) => s.at.getTime() <= now).map((s) => s.id);
  }
  const updated = await repo.applyIf(t.communityId, String(t._id), { signDueAt: { $exists: false } }, { set });
  if (updated && updated.ladderPlan) await d.ladder.schedule(updated);
}
