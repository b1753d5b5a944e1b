// Extensions (延期): staff ask for more time with a reason, an admin (社区负责人) decides; approved, the 办结 deadline moves on the category's clock and the resident sees why.
import { isOpenTicketStatus, shanghaiDateTime, type Principal, type TicketExtensionDecision, type TicketExtensionRequest } from '@linli/contracts';
import { AppError } from '../../core/errors';
import type { ServiceClockApi } from '../service-clock/service-clock.service';
import type { Bus } from '../events';
import type { TicketLadder } from './ticket.ladder';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import type { TicketRepository } from './ticket.repository';

export class TicketExtensions {
  constructor(
    private readonly repo: TicketRepository,
    private readonly d: { bus: Bus; clock: ServiceClockApi; ladder: TicketLadder; armSla(t: TicketDoc): void },
  ) {}

  /** A request by an admin is decided at once; anyone else's waits for an admin. */
  async request(p: Principal, t: TicketDoc, body: TicketExtensionRequest): Promise<TicketDoc> {
    if (p.kind !== 'staff') throw new AppError('FORBIDDEN', '只有工作人员可以申请延期');
    if (!isOpenTicketStatus(t.status)) throw new AppError('CONFLICT', '工单已结束，无需延期', { status: t.status });
    if (t.duplicateOf?.id) throw new AppError('CONFLICT', `该工单已与 ${t.duplicateOf.no} 合并，随其时限，请对 ${t.duplicateOf.no} 申请延期`);
    if (t.extension?.status === 'pending') throw new AppError('CONFLICT', '已有待审批的延期申请');
    const now = new Date();
    const actor: TimelineEntry['actor'] = { kind: 'staff', id: p.id, name: p.name };
    const updated = await this.repo.applyIf(
      t.communityId,
      String(t._id),
      { status: t.status, 'extension.status': { $ne: 'pending' } },
      {
        set: { extension: { hours: body.hours, reason: body.reason, status: 'pending', requestedAt: now, requestedBy: p.name } },
        push: { kind: 'extension_requested', at: now, actor, internal: true, note: `申请延期 ${body.hours} 小时：${body.reason}` },
      },
    );
    if (!updated) throw new AppError('CONFLICT', '工单刚被他人处理，请刷新后重试');
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'internal-comment' });
    if (p.roles.includes('admin')) return this.decide(p, updated, { approve: true });
    return updated;
  }

  async decide(p: Principal, t: TicketDoc, body: TicketExtensionDecision): Promise<TicketDoc> {
    if (p.kind !== 'staff' || !p.roles.includes('admin')) throw new AppError('FORBIDDEN', '只有社区负责人（管理员）可以审批延期');
    const ext = t.extension;
    if (ext?.status !== 'pending') throw new AppError('CONFLICT', '没有待审批的延期申请');
    const now = new Date();
    const actor: TimelineEntry['actor'] = { kind: 'staff', id: p.id, name: p.name };
    const decided = { ...ext, status: body.approve ? ('approved' as const) : ('rejected' as const), decidedAt: now, decidedBy: p.name };
    if (!body.approve) {
      const updated = await this.repo.applyIf(t.communityId, String(t._id), { 'extension.status': 'pending' }, {
        set: { extension: decided },
        push: { kind: 'extension_rejected', at: now, actor, internal: true, note: body.note ? `未批准：${body.note}` : '未批准延期' },
      });
      if (!updated) throw new AppError('CONFLICT', '延期申请刚被他人处理');
      this.d.bus.emit('ticket.updated', { ticket: updated, change: 'internal-comment' });
      return updated;
    }
    // More time from the current deadline (or from now, when it has already passed), counted on the category's clock.
    const ms = this.d.clock.serviceMs(ext.hours);
    const base = new Date(Math.max(t.slaDueAt.getTime(), now.getTime()));
    const slaDueAt = await this.d.clock.after(t.communityId, t.category, base, ms);
    const finish = await this.d.ladder.plan(t, null, { from: base, dueAt: slaDueAt, ms });
    const updated = await this.repo.applyIf(t.communityId, String(t._id), { 'extension.status': 'pending', status: { $in: ['submitted', 'accepted', 'assigned', 'in_progress'] } }, {
      set: { extension: decided, slaDueAt, ladderPlan: { ...(t.ladderPlan ?? {}), ...finish } },
      // The new deadline gets its own 督办 if it is missed too.
      unset: ['escalatedAt'],
      push: { kind: 'extended', at: now, actor, note: `办结时限延长至 ${shanghaiDateTime(slaDueAt)}。原因：${ext.reason}` },
    });
    if (!updated) throw new AppError('CONFLICT', '工单刚被他人处理，请刷新后重试');
    this.d.armSla(updated);
    await this.d.ladder.schedule(updated);
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'extended' });
    return updated;
  }
}
