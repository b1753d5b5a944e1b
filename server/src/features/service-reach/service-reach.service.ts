// Who a ticket's 催办/督办/街道 and 回访 reach, and what they are told: staff by SMS, the resident by a bot private message to her bound WeChat or by SMS — sent through the notifications ledger.
import { shanghaiDateTime, type LadderAudience, type LadderStep, type Principal } from '@linli/contracts';
import { notFound } from '../../core/errors';
import type { DomainEvents } from '../events';
import type { NotificationsApi } from '../notifications/notifications.feature';
import type { TicketDeliveryDto } from '../notifications/notifications.tickets';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';

type StaffMember = Awaited<ReturnType<StaffApi['active']>>[number];

const STEP_LABELS: Record<LadderStep, string> = { remind: '催办', supervise: '督办', street: '街道督办' };
/** Tencent caps a template variable at 12 characters. */
const clip = (s: string, n = 12) => (Array.from(s).length > n ? Array.from(s).slice(0, n).join('') : s);

export class ServiceReach {
  constructor(
    private readonly d: {
      staff: Pick<StaffApi, 'active' | 'byId'>;
      residents: Pick<ResidentsApi, 'byId'>;
      notifications: Pick<NotificationsApi, 'tickets'>;
    },
  ) {}

  /**
   * Staff a ladder step reaches: the assignee (or, unassigned, the duty staff: community workers, else admins) for 催办; the
   * community leader (admins) for 督办 and for 街道 (who report it on to the street until the street has its own accounts).
   */
  private async audience(communityId: string, who: LadderAudience, assigneeId?: string): Promise<StaffMember[]> {
    if (who === 'assignee' && assigneeId) {
      const a = await this.d.staff.byId(communityId, assigneeId);
      if (a) return [a];
    }
    const staff = await this.d.staff.active(communityId);
    const admins = staff.filter((s) => s.roles.includes('admin'));
    if (who === 'assignee' || who === 'duty') {
      const duty = staff.filter((s) => s.roles.includes('staff'));
      return duty.length ? duty : admins;
    }
    return admins;
  }

  /** One SMS per person and step (the step's id makes a repeat send nothing). */
  async onLadder({ ticket: t, deadline, step, audience, dueAt }: DomainEvents['ticket.ladder']): Promise<void> {
    const people = await this.audience(t.communityId, audience, t.assigneeId);
    const occasion = `${deadline}.${step}@${dueAt.getTime()}`;
    const what = `${STEP_LABELS[step]}${deadline === 'sign' ? '签收' : '办结'}`;
    for (const s of people)
      await this.d.notifications.tickets.send({
        communityId: t.communityId,
        ticketId: String(t._id),
        occasion,
        purpose: 'ladder',
        channel: 'sms',
        recipient: { kind: 'staff', id: String(s._id), name: s.name, ...(s.phone ? { phone: s.phone } : {}) },
        params: [t.no, clip(what), shanghaiDateTime(dueAt).slice(5)],
        text: '',
      });
  }

  /** 回访: a private message from the bot to each bound contact; without one, an SMS to her phone. A call task reaches staff on the panel only. */
  async onRevisit({ ticket: t, step, contacts }: DomainEvents['ticket.revisit']): Promise<void> {
    if (step !== 'ask') return;
    const base = { communityId: t.communityId, ticketId: String(t._id), occasion: 'revisit', purpose: 'revisit' as const, params: [t.no, clip(t.title)] };
    const text = `您好，您反映的「${t.title}」（${t.no}）已办结。问题解决了吗？请回复数字：1 满意　2 不满意　3 没解决`;
    if (contacts?.length) {
      for (const c of contacts)
        await this.d.notifications.tickets.send({ ...base, channel: 'bot', recipient: { kind: 'resident', ...(t.reporter.residentId ? { id: t.reporter.residentId } : {}), name: c.name ?? t.reporter.name, wechatId: c.wechatId }, text });
      return;
    }
    const resident = t.reporter.residentId ? await this.d.residents.byId(t.communityId, t.reporter.residentId) : null;
    const phone = resident?.phone ?? t.reporter.phone;
    await this.d.notifications.tickets.send({ ...base, channel: 'sms', recipient: { kind: 'resident', ...(t.reporter.residentId ? { id: t.reporter.residentId } : {}), name: t.reporter.name, ...(phone ? { phone } : {}) }, text });
  }

  /** A ticket's messages for staff (numbers masked). */
  async deliveries(p: Principal, ticketId: string): Promise<{ items: TicketDeliveryDto[] }> {
    if (p.kind !== 'staff') throw notFound('工单');
    return { items: await this.d.notifications.tickets.forTicket(p.communityId, ticketId) };
  }
}
