// 回访: the day after resolution the reporter is asked to confirm and rate; no answer in three days → a call task for staff; "没解决" reopens the ticket under supervision.
import { parseRevisitReply, REOPEN_WINDOW_MS, type BotRevisitReply, type BotRevisitReplyResult, type Principal, type TicketRevisitAnswer } from '@linli/contracts';
import { AppError, forbidden } from '../../core/errors';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import type { Bus } from '../events';
import type { ResidentsApi } from '../residents/resident.service';
import type { RevisitAsks } from './ticket.revisit-asks';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import type { TicketRepository } from './ticket.repository';

export const REVISIT_TIMER_KIND = 'ticket.revisit';
const revisitKey = (id: string) => `ticket-revisit:${id}`;
const DAY_MS = 24 * 3600_000;
const FINISHED = ['resolved', 'closed'];
const SYSTEM: TimelineEntry['actor'] = { kind: 'system', name: '系统' };

export class TicketRevisits {
  constructor(
    private readonly repo: TicketRepository,
    private readonly d: {
      bus: Bus;
      scheduler: Scheduler;
      scale: number;
      reopen(p: Principal, id: string): Promise<TicketDoc>;
      /** Her bound WeChat contacts: the bot asks her privately there. */
      residents: Pick<ResidentsApi, 'wechatContactsOf'>;
      asks: RevisitAsks;
    },
  ) {}

  /** Who the bot asks privately: her own bound WeChat, else family bound to act for her (none: SMS or a call). */
  private async contactsFor(t: TicketDoc): Promise<Array<{ wechatId: string; name?: string }>> {
    if (!t.reporter.residentId) return [];
    const all = await this.d.residents.wechatContactsOf(t.communityId, t.reporter.residentId);
    const own = all.filter((c) => c.relation === 'self');
    return (own.length ? own : all).map((c) => ({ wechatId: c.contactId, ...(c.name ? { name: c.name } : {}) }));
  }

  /** A ticket was resolved: its 回访 is due a day later (scaled by SERVICE_CLOCK_SCALE). */
  async onResolved(t: TicketDoc): Promise<void> {
    if (t.status !== 'resolved' || t.revisit?.status === 'done') return;
    const at = new Date((t.resolvedAt ?? new Date()).getTime() + DAY_MS * this.d.scale);
    await this.d.scheduler.schedule({ key: revisitKey(String(t._id)), communityId: t.communityId, kind: REVISIT_TIMER_KIND, fireAt: at, payload: { ticketId: String(t._id), step: 'ask' } });
  }

  async onDue(job: TimerJob): Promise<void> {
    const id = String(job.payload.ticketId);
    const t = await this.repo.byId(job.communityId, id);
    if (!t || !FINISHED.includes(t.status)) return;
    const now = new Date();
    if (job.payload.step === 'ask') {
      // Rated already: that is her answer, nothing to ask.
      if (t.rating?.score) {
        await this.repo.applyIf(t.communityId, id, { 'revisit.status': { $exists: false } }, { set: { revisit: { status: 'done', answeredAt: now, solved: true } } });
        return;
      }
      const contacts = await this.contactsFor(t);
      const channels = [t.reporter.residentId && '小程序', contacts.length ? '微信私信' : t.reporter.phone && '短信'].filter(Boolean).join('、');
      const updated = await this.repo.applyIf(t.communityId, id, { status: { $in: FINISHED }, 'revisit.status': { $exists: false } }, {
        set: { revisit: { status: 'asked', askedAt: now } },
        push: { kind: 'revisit', at: now, actor: SYSTEM, note: `回访：请居民确认问题是否解决并评价${channels ? `（${channels}）` : '（无联系方式，请电话或上门回访）'}` },
      });
      if (!updated) return;
      // Recorded before the question leaves, so her answer always finds the ticket.
      for (const c of contacts) await this.d.asks.asked(t.communityId, c.wechatId, id);
      this.d.bus.emit('ticket.revisit', { ticket: updated, step: 'ask', contacts });
      this.d.bus.emit('ticket.updated', { ticket: updated, change: 'revisit' });
      await this.d.scheduler.schedule({ key: revisitKey(id), communityId: t.communityId, kind: REVISIT_TIMER_KIND, fireAt: new Date(now.getTime() + 3 * DAY_MS * this.d.scale), payload: { ticketId: id, step: 'call' } });
      return;
    }
    const updated = await this.repo.applyIf(t.communityId, id, { 'revisit.status': 'asked' }, {
      set: { 'revisit.status': 'call' } as Partial<TicketDoc>,
      push: { kind: 'revisit', at: now, actor: SYSTEM, internal: true, note: '回访：居民 3 天未答复，请工作人员电话回访' },
    });
    if (!updated) return;
    this.d.bus.emit('ticket.revisit', { ticket: updated, step: 'call' });
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'internal-comment' });
  }

  /** The reporter answers (or staff record what she said on the phone). 没解决 reopens the ticket and puts it under supervision. */
  async answer(p: Principal, t: TicketDoc, a: TicketRevisitAnswer, wechat = false): Promise<TicketDoc> {
    const id = String(t._id);
    if (p.kind === 'resident' ? t.reporter.residentId !== p.id : p.kind !== 'staff') throw forbidden('只有报事人或工作人员可以答复回访');
    if (!FINISHED.includes(t.status)) throw new AppError('CONFLICT', '工单办结后才能回访', { status: t.status });
    if (t.revisit?.status === 'done') throw new AppError('CONFLICT', '该工单已完成回访');
    const now = new Date();
    const actor: TimelineEntry['actor'] = { kind: p.kind === 'staff' ? 'staff' : 'resident', id: p.id, name: p.name };
    const via = p.kind === 'staff' ? '（电话回访）' : wechat ? '（微信回复）' : '';
    if (a.solved) {
      const rate = a.score && !t.rating?.score;
      const updated = await this.repo.applyIf(t.communityId, id, { status: { $in: FINISHED }, 'revisit.status': { $ne: 'done' } }, {
        set: { revisit: { ...t.revisit, status: 'done', answeredAt: now, solved: true }, ...(rate ? { rating: { score: a.score!, ...(a.comment ? { comment: a.comment } : {}) } } : {}) },
        push: { kind: 'revisit', at: now, actor, note: `回访${via}：问题已解决${a.score ? `，评分 ${a.score} 分` : ''}${a.comment ? `（${a.comment}）` : ''}`, ...(rate ? { score: a.score } : {}) },
      });
      if (!updated) throw new AppError('CONFLICT', '该工单已完成回访');
      await this.d.scheduler.cancel(revisitKey(id));
      this.d.bus.emit('ticket.updated', { ticket: updated, change: 'revisit' });
      return updated;
    }
    if (t.resolvedAt && now.getTime() - t.resolvedAt.getTime() > REOPEN_WINDOW_MS) throw new AppError('CONFLICT', '工单办结已超过 7 天，请重新报事');
    // 没解决: reopened by the reporter's own word (or staff on her behalf), then supervised by the leader and raised to 加急.
    const reopened = await this.d.reopen(p, id);
    const updated = await this.repo.applyIf(t.communityId, id, { status: reopened.status }, {
      set: { revisit: { ...t.revisit, status: 'done', answeredAt: now, solved: false }, priority: 'high' },
      push: { kind: 'supervised', at: now, actor: SYSTEM, audience: 'leader', note: `回访${via}：居民反映问题没有解决${a.comment ? `（${a.comment}）` : ''}，已重新打开并加急，社区负责人督办` },
    });
    const final = updated ?? reopened;
    await this.d.scheduler.cancel(revisitKey(id));
    this.d.bus.emit('ticket.ladder', { ticket: final, deadline: 'finish', step: 'supervise', audience: 'leader', dueAt: final.slaDueAt });
    this.d.bus.emit('ticket.updated', { ticket: final, change: 'revisit' });
    return final;
  }

  /**
   * The bot relays a private message: "1 / 满意", "2 / 不满意" or "3 / 没解决" from a contact the bot asked about a ticket is
   * her 回访 answer (given as the reporter). Anything else, or nothing pending, is `none` and changes nothing.
   */
  async answerByContact(p: Principal, reply: BotRevisitReply, load: (communityId: string, id: string) => Promise<TicketDoc | null>): Promise<BotRevisitReplyResult> {
    if (p.kind !== 'bot') throw forbidden('仅限社区机器人');
    const parsed = parseRevisitReply(reply.text);
    if (!parsed) return { outcome: 'none', reply: '' };
    const ticketId = await this.d.asks.ticketOf(p.communityId, reply.wechatId);
    const t = ticketId ? await load(p.communityId, ticketId) : null;
    if (!t || !t.reporter.residentId || (t.revisit?.status !== 'asked' && t.revisit?.status !== 'call') || !FINISHED.includes(t.status)) return { outcome: 'none', reply: '' };
    const as: Principal = { kind: 'resident', id: t.reporter.residentId, communityId: t.communityId, openid: '', name: t.reporter.name };
    try {
      await this.answer(as, t, { solved: parsed.solved, ...(parsed.score ? { score: parsed.score } : {}) }, true);
    } catch (err) {
      // Answered meanwhile in the mini-program, or too late to reopen: she is told, nothing changes.
      if (err instanceof AppError && err.code === 'CONFLICT') return { outcome: 'recorded', no: t.no, reply: `工单 ${t.no}：${err.message}。如仍有问题，请直接告诉我们。` };
      throw err;
    }
    await this.d.asks.forget(p.communityId, reply.wechatId);
    if (!parsed.solved) return { outcome: 'reopened', no: t.no, reply: `抱歉问题还没有解决。工单 ${t.no} 已重新打开并加急，社区负责人督办，我们会尽快处理。` };
    return parsed.score && parsed.score >= 4
      ? { outcome: 'recorded', no: t.no, reply: `谢谢您的评价！工单 ${t.no} 回访已记录：满意。` }
      : { outcome: 'recorded', no: t.no, reply: `已记录您的评价（不满意），工单 ${t.no} 的处理情况社区会复查改进。还有问题可以直接告诉我们。` };
  }
}
