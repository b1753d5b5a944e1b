// Staff confirm a ticket's triage suggestion: its category (deadlines recomputed on the new category's clock while nobody has signed for it yet), its place when it had none, and 加急 when urgent.
import { isOpenTicketStatus, type Principal } from '@linli/contracts';
import { AppError } from '../../../core/errors';
import type { ServiceClockApi } from '../../service-clock/service-clock.service';
import type { Bus } from '../../events';
import type { TicketLadder } from '../ticket.ladder';
import type { TicketDoc } from '../ticket.model';
import type { TicketRepository } from '../ticket.repository';

export class TriageAccept {
  constructor(
    private readonly repo: TicketRepository,
    private readonly d: { bus: Bus; clock: ServiceClockApi; ladder: TicketLadder; arm(t: TicketDoc): Promise<void> },
  ) {}

  async accept(p: Principal, t: TicketDoc): Promise<TicketDoc> {
    const s = t.triage;
    if (!s) throw new AppError('CONFLICT', '该工单没有分诊建议');
    if (s.accepted) throw new AppError('CONFLICT', '分诊建议已确认');
    if (!isOpenTicketStatus(t.status) || t.duplicateOf?.id) throw new AppError('CONFLICT', '工单已办结或已合并处理，不能再调整分诊');
    const recategorize = s.category !== t.category;
    // Signed for already: the 签收 was measured against this category's clock, so the category stays (staff note it instead).
    if (recategorize && t.signedAt) throw new AppError('CONFLICT', '工单已签收，不能再改类别', { category: t.category });
    const set: Partial<TicketDoc> = { triage: { ...s, accepted: true } };
    const changes: string[] = [];
    if (recategorize) {
      const dl = await this.d.clock.deadlines(t.communityId, s.category, t.createdAt);
      set.category = s.category;
      set.signDueAt = dl.signDueAt;
      set.slaDueAt = dl.finishDueAt;
      set.ladderPlan = await this.d.ladder.plan(
        { communityId: t.communityId, category: s.category },
        { from: t.createdAt, dueAt: dl.signDueAt, ms: dl.signMs },
        { from: t.createdAt, dueAt: dl.finishDueAt, ms: dl.finishMs },
      );
      changes.push(`类别 ${t.category} → ${s.category}`);
    }
    if (s.location && !t.location?.building) {
      set.location = { ...s.location };
      changes.push(`位置 ${s.location.building}${s.location.unit ?? ''}`);
    }
    if (s.urgent && t.priority !== 'high') {
      set.priority = 'high';
      changes.push('加急');
    }
    const updated = await this.repo.applyIf(t.communityId, String(t._id), { status: t.status, category: t.category, signedAt: t.signedAt ?? { $exists: false }, 'triage.accepted': { $ne: true } }, {
      set,
      push: { kind: 'triaged', at: new Date(), actor: { kind: 'staff', id: p.id, name: p.name }, internal: !recategorize, note: changes.length ? `采纳分诊建议：${changes.join('，')}` : '分诊建议与工单一致' },
    });
    if (!updated) throw new AppError('CONFLICT', '工单刚被他人修改，请刷新后再试');
    if (recategorize) await this.d.arm(updated);
    this.d.bus.emit('ticket.updated', { ticket: updated, change: recategorize ? 'triaged' : 'internal-comment' });
    return updated;
  }
}
