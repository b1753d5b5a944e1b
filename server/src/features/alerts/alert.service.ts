// Alert rules: raise with dedupe, who is told (grid worker → duty staff → everyone), escalation timers, ack/resolve, tickets from alerts.
import { Types } from 'mongoose';
import {
  ALERT_ACTION_LABELS,
  ALERT_STATUS_LABELS,
  ALERT_TICKET_CATEGORY,
  ALERT_TRANSITIONS,
  ALERT_TYPE_LABELS,
  ALERT_TYPE_SEVERITY,
  ESCALATION_LEVEL_LABELS,
  OPEN_ALERT_STATUSES,
  nextEscalation,
  TicketCategory,
  addMonths,
  shanghaiInstant,
  alertAudience,
  type AlertAction,
  type AlertQuery,
  type AlertType,
  type EmergencyContact,
  type EscalationLevel,
  type EscalationPosition,
  type Principal,
} from '@linli/contracts';
import type { Bus } from '../events';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { buildingScope, coversBuilding, hasRole, type StaffPrincipal } from '@linli/contracts';
import { AppError, notFound } from '../../core/errors';
import { maskPii } from '../../logger';
import type { CareDirectoryApi } from '../care/care.directory';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import type { TicketsApi } from '../tickets/ticket.service';
import { alertDto } from './alert.dto';
import { escalationOf } from './alert.escalation';
import type { EscalationPolicies } from './alert.policies';
import { alertReport } from './alert.report';
import type { AlertDoc, AlertHistoryEntry, AlertRecipient } from './alert.model';
import type { AlertRepository } from './alert.repository';

export const ESCALATION_TIMER_KIND = 'alert.escalate';
/** One key per step and round: a derived timer's key is dropped after it fires, so the next step needs its own. */
const escalationKey = (id: string, to: EscalationPosition) => `alert-esc:${id}:${to.round}.${to.step}`;

const SYSTEM = { kind: 'system' as const, name: '系统' };
const STAFF_CACHE_MS = 10_000;

type StaffMember = Awaited<ReturnType<StaffApi['active']>>[number];

export interface RaiseInput {
  communityId: string;
  type: AlertType;
  source: AlertDoc['source'];
  /** Same key = same incident (e.g. `<deviceId>:smoke`). */
  dedupeKey: string;
  /** Occurrences further apart than this start a new alert; null merges for as long as the alert is open. */
  windowMs: number | null;
  at: Date;
  data?: AlertDoc['data'];
  sourceEventId?: string;
  /** Called only when a new alert is needed, so repeats cost one update. */
  describe(): Promise<{ title: string; location?: AlertDoc['location']; subject?: AlertDoc['subject']; deviceId?: string; deviceName?: string }>;
  /** The incident's slot as already looked up for this occurrence (slotOf, run while ingestion claimed the event id). */
  slot?: SlotLookup;
  /** The resident a personal alert will be about, when known before describe (a wristband's wearer): her care context is read alongside it. */
  residentId?: string;
}

/** What an incident's slot pointed to when asked: `cached` = from this node's memory (a hint), else as stored. */
export interface SlotLookup {
  alertId: string | null;
  cached: boolean;
}

export interface AlertDeps {
  bus: Bus;
  scheduler: Scheduler;
  staff: StaffApi;
  tickets: TicketsApi;
  /** The care programme's answers about a resident: grid worker and emergency contacts, who may read health data. */
  care: CareDirectoryApi;
  /** The elder's own phone, for a step that asks her first. */
  residents: Pick<ResidentsApi, 'byId'>;
  policies: EscalationPolicies;
  escalationScale: number;
}

/** What other features may do with alerts: care raises and resolves no_checkin alerts and lists a resident's open ones. */
export type AlertsApi = Pick<AlertService, 'raise' | 'resolveBySystem' | 'openPersonal' | 'ackExternal' | 'stillRaised'>;

export class AlertService {
  /** Per community: the active staff as last read, or the read in flight (a burst of raises shares one). */
  private readonly staffCache = new Map<string, { at: number; staff: Promise<StaffMember[]> }>();
  /** incident → open alert id, as last seen by this node (a hint; see raise). */
  private readonly slotCache = new Map<string, string>();

  constructor(
    private readonly repo: AlertRepository,
    private readonly d: AlertDeps,
  ) {}

  /** The deadline lives in the alert (nextEscalationAt): derived from unacknowledged alerts at every boot, no timer document per alert. */
  async pendingEscalations(): Promise<TimerJob[]> {
    return (await this.repo.awaitingEscalation()).flatMap((a) => {
      const job = this.escalationJob(a);
      return job ? [job] : [];
    });
  }

  private escalationJob(a: EscalationFields): TimerJob | null {
    const { policy, at } = escalationOf(a);
    const next = nextEscalation(policy, at);
    if (!next || !a.nextEscalationAt) return null;
    const id = String(a._id);
    return { key: escalationKey(id, next), communityId: a.communityId, kind: ESCALATION_TIMER_KIND, fireAt: a.nextEscalationAt, payload: { alertId: id, step: next.step, round: next.round } };
  }

  private armEscalation(a: EscalationFields & Pick<AlertDoc, 'status'>): void {
    const job = a.status === 'raised' ? this.escalationJob(a) : null;
    if (job) this.d.scheduler.armDerived(job);
  }

  // ---- raise ----------------------------------------------------------------------------

  /** The open alert an incident points to: this node's memory of it, else the stored slot (one read by _id). */
  async slotOf(communityId: string, dedupeKey: string): Promise<SlotLookup> {
    const cached = this.slotCache.get(`${communityId}:${dedupeKey}`);
    if (cached) return { alertId: cached, cached: true };
    return { alertId: (await this.repo.slot(communityId, dedupeKey))?.alertId ?? null, cached: false };
  }

  async raise(input: RaiseInput): Promise<{ alert: AlertDoc; created: boolean }> {
    const data = input.data ?? {};
    const cid = input.communityId;
    for (let attempt = 0; attempt < 8; attempt++) {
      const since = input.windowMs === null ? 0 : Date.now() - input.windowMs;
      // The cache only saves the slot lookup: what the bump returns decides, so a stale entry costs a retry, never a wrong count.
      // A lookup made before this call (input.slot) is used once; a retry decides on the slot as it is then.
      const lookup = attempt === 0 && input.slot ? input.slot : await this.slotOf(cid, input.dedupeKey);
      const cached = lookup.cached;
      const current = lookup.alertId ?? undefined;
      if (current) {
        const before = await this.repo.bump(current, input.at, data);
        if (before && OPEN_ALERT_STATUSES.includes(before.status) && before.lastSeenAt.getTime() >= since) {
          this.remember(cid, input.dedupeKey, current);
          const alert: AlertDoc = {
            ...before,
            count: before.count + 1,
            lastSeenAt: before.lastSeenAt > input.at ? before.lastSeenAt : input.at,
            data,
            updatedAt: new Date(),
          };
          this.d.bus.emit('alert.updated', { alert, change: 'repeated' });
          return { alert, created: false };
        }
        // Closed meanwhile, or quiet for longer than the window: take the count back; this occurrence starts a new alert.
        if (before) await this.repo.unbump(current, before.lastSeenAt, before.data);
        this.slotCache.delete(`${cid}:${input.dedupeKey}`);
        if (cached) continue; // decide on the slot as stored, not on our memory of it
      }

      const severity = ALERT_TYPE_SEVERITY[input.type];
      const audience = alertAudience(input.type);
      // Independent reads of a new alert run together: what it says (the wearer), its policy, her care context.
      const context = audience === 'personal' && input.residentId ? ahead(this.d.care.contextFor(cid, input.residentId)) : undefined;
      const [desc, escalation] = await Promise.all([input.describe(), this.d.policies.forType(cid, input.type)]);
      const now = new Date();
      const _id = new Types.ObjectId();
      const base = {
        _id,
        communityId: cid,
        type: input.type,
        audience,
        severity,
        status: 'raised' as const,
        title: desc.title,
        location: desc.location,
        subject: desc.subject,
        deviceId: desc.deviceId,
        deviceName: desc.deviceName,
        source: input.source,
        sourceEventId: input.sourceEventId,
        data,
        count: 1,
        firstSeenAt: input.at,
        lastSeenAt: input.at,
        incidentKey: input.dedupeKey,
        dedupeKey: `${input.dedupeKey}#${_id}`,
      };
      const first = escalation.steps[0]!;
      const known = context && desc.subject?.residentId === input.residentId ? context : undefined;
      const { recipients, contacts, phones, self } = await this.recipients(base, first.level, first.contacts, known);
      const history: AlertHistoryEntry[] = [
        { kind: 'raised', at: now, actor: SYSTEM, note: `${ALERT_TYPE_LABELS[input.type]}（${input.source === 'system' ? '系统' : '设备'}）` },
        { kind: 'notified', at: now, actor: SYSTEM, level: first.level, to: recipients, note: `通知${ESCALATION_LEVEL_LABELS[first.level]}` },
      ];
      const more = nextEscalation(escalation, { step: 0, round: 0 });
      const nextEscalationAt = more ? new Date(now.getTime() + this.waitMs(first.waitSeconds)) : undefined;
      // The alert exists before the slot points at it, so whoever finds the slot finds the alert.
      const alert = await this.repo.insert({ ...base, level: first.level, escalation, step: 0, round: 0, history, nextEscalationAt });
      let claimed: boolean;
      try {
        claimed = current
          ? await this.repo.takeOverSlot(cid, input.dedupeKey, current, String(_id), input.at)
          : await this.repo.claimFreeSlot(cid, input.dedupeKey, String(_id), input.at);
      } catch (err) {
        // Never leave an alert nobody was told about: the event's retry will raise it properly.
        await this.repo.discard(_id).catch(() => undefined);
        throw err;
      }
      if (!claimed) {
        // A concurrent raise of the same incident won: drop ours (nobody was told) and count on theirs.
        await this.repo.discard(_id);
        continue;
      }
      this.remember(cid, input.dedupeKey, String(_id));
      this.armEscalation(alert);
      this.d.bus.emit('alert.opened', { alert });
      if (audience === 'public') this.d.bus.emit('alert.raised', { alert: alertDto(alert, 'public') });
      this.d.bus.emit('alert.notify', { alert, level: first.level, channels: first.channels, staff: staffOf(recipients, phones), contacts, family: first.contacts, ...(self ? { self } : {}) });
      return { alert, created: true };
    }
    throw new AppError('CONFLICT', '预警写入冲突，请重试');
  }

  private remember(communityId: string, dedupeKey: string, alertId: string) {
    if (this.slotCache.size >= 100_000) this.slotCache.clear();
    this.slotCache.set(`${communityId}:${dedupeKey}`, alertId);
  }

  private waitMs(seconds: number): number {
    return Math.max(50, Math.round(seconds * 1000 * this.d.escalationScale));
  }

  private activeStaff(communityId: string): Promise<StaffMember[]> {
    const hit = this.staffCache.get(communityId);
    if (hit && Date.now() - hit.at < STAFF_CACHE_MS) return hit.staff;
    const staff = this.d.staff.active(communityId);
    const entry = { at: Date.now(), staff };
    this.staffCache.set(communityId, entry);
    // A failed read is not remembered: the next raise asks again.
    staff.catch(() => this.staffCache.get(communityId) === entry && this.staffCache.delete(communityId));
    return staff;
  }

  /**
   * Who is told at a step. Grid: the responsible grid worker; duty: community workers (and care staff for personal
   * alerts); all: everyone. With `withContacts`, a personal alert's emergency contacts too.
   */
  private async recipients(
    a: Pick<AlertDoc, 'communityId' | 'audience' | 'subject' | 'location'>,
    level: EscalationLevel,
    withContacts: boolean,
    /** The subject's care context, already being read (raise starts it early). */
    known?: Promise<CareContext>,
  ): Promise<{ recipients: AlertRecipient[]; contacts: EmergencyContact[]; phones: Map<string, string | undefined>; self?: SelfRecipient }> {
    const needsContext = a.audience === 'personal' && a.subject?.residentId && (withContacts || level === 'grid');
    const [staff, ctx] = await Promise.all([
      this.activeStaff(a.communityId),
      needsContext ? (known ?? this.d.care.contextFor(a.communityId, a.subject!.residentId!)) : null,
    ]);
    // Phones travel with the notify event (in process only), so the notifications feature need not query staff per alert.
    const phones = new Map(staff.map((s) => [String(s._id), s.phone]));
    const toStaff = (list: StaffMember[]): AlertRecipient[] =>
      list.map((s) => ({ kind: 'staff', id: String(s._id), name: s.name, channel: 'socket' }));
    const duty = () => {
      const roles = a.audience === 'personal' ? ['staff', 'care'] : ['staff'];
      const found = staff.filter((s) => s.roles.some((r) => roles.includes(r)));
      return found.length ? found : staff.filter((s) => s.roles.includes('admin'));
    };
    const contacts: EmergencyContact[] = withContacts ? (ctx?.emergencyContacts ?? []) : [];
    if (level === 'self') {
      // The elder herself: nobody else at this step (the next step tells family and staff).
      const r = a.subject?.residentId ? await this.d.residents.byId(a.communityId, a.subject.residentId) : null;
      if (!r) return { recipients: [], contacts, phones };
      const self = { residentId: String(r._id), name: r.name, phone: r.phone };
      const recipients: AlertRecipient[] = [{ kind: 'resident', id: self.residentId, name: r.name, ...(r.phone ? { phone: maskPii(r.phone) } : {}), channel: 'sms' }];
      for (const c of contacts) recipients.push({ kind: 'contact', name: c.name, relation: c.relation, phone: maskPii(c.phone), channel: 'sms' });
      return { recipients, contacts, phones, self };
    }
    let chosen: StaffMember[];
    if (level === 'all') chosen = staff;
    else if (level === 'duty') chosen = duty();
    else {
      let grid: StaffMember[] = ctx?.gridWorkerId ? staff.filter((s) => String(s._id) === ctx.gridWorkerId) : [];
      const building = a.subject?.building ?? a.location?.building;
      if (!grid.length && building) grid = staff.filter((s) => s.roles.includes('grid') && s.buildings.includes(building));
      chosen = grid.length ? grid : duty();
    }
    const recipients = toStaff(chosen);
    for (const c of contacts) recipients.push({ kind: 'contact', name: c.name, relation: c.relation, phone: maskPii(c.phone), channel: 'sms' });
    return { recipients, contacts, phones };
  }

  // ---- escalation -----------------------------------------------------------------------

  /**
   * Not acknowledged in time: the policy's next step. Fires only from the position just before the one the timer was
   * armed for, so a repeated fire (another node, a restart) does nothing.
   */
  async onEscalationDue(job: TimerJob): Promise<void> {
    const id = String(job.payload.alertId);
    const current = await this.repo.byId(job.communityId, id);
    if (!current || current.status !== 'raised') return;
    const { policy, at } = escalationOf(current);
    // Timers armed by an older version name the level they move to.
    const to: EscalationPosition =
      job.payload.step !== undefined
        ? { step: Number(job.payload.step), round: Number(job.payload.round ?? 0) }
        : { step: policy.steps.findIndex((s) => s.level === String(job.payload.to)), round: 0 };
    const expected = nextEscalation(policy, at);
    if (!expected || expected.step !== to.step || expected.round !== to.round) return;
    const step = policy.steps[to.step]!;
    const { recipients, contacts, phones, self } = await this.recipients(current, step.level, step.contacts);
    const now = new Date();
    const nextAt = nextEscalation(policy, to) ? new Date(now.getTime() + this.waitMs(step.waitSeconds)) : undefined;
    const minutes = Math.round((now.getTime() - current.createdAt.getTime()) / 60_000);
    const waited = `${minutes > 0 ? `${minutes} 分钟` : '超时'}未确认`;
    const note = to.round > at.round ? `${waited}，第 ${to.round + 1} 轮：再次通知${ESCALATION_LEVEL_LABELS[step.level]}` : `${waited}，已升级至${ESCALATION_LEVEL_LABELS[step.level]}`;
    const updated = await this.repo.applyIf(
      job.communityId,
      id,
      { status: 'raised', level: current.level, ...(current.step !== undefined ? { step: current.step } : {}), ...(current.round !== undefined ? { round: current.round } : {}) },
      {
        set: { level: step.level, step: to.step, round: to.round, ...(nextAt ? { nextEscalationAt: nextAt } : {}) },
        unset: nextAt ? [] : ['nextEscalationAt'],
        push: { kind: 'escalated', at: now, actor: SYSTEM, level: step.level, to: recipients, note },
      },
    );
    if (!updated) return;
    this.armEscalation(updated);
    this.d.bus.emit('alert.updated', { alert: updated, change: 'escalated' });
    this.d.bus.emit('alert.notify', { alert: updated, level: step.level, channels: step.channels, staff: staffOf(recipients, phones), contacts, family: step.contacts, ...(self ? { self } : {}) });
  }

  // ---- read -----------------------------------------------------------------------------

  canSee(p: Principal, a: AlertDoc): boolean {
    if (p.kind !== 'staff') return false;
    if (a.audience !== 'personal') return true;
    if (hasRole(p, 'staff', 'care')) return true;
    return coversBuilding(p, a.subject?.building);
  }

  async getVisible(p: Principal, id: string): Promise<AlertDoc> {
    const a = await this.repo.byId(p.communityId, id);
    if (!a || !this.canSee(p, a)) throw notFound('预警');
    return a;
  }

  /**
   * One alert for its viewer. A personal alert's readings (heart rate…) are health data: shown only to those
   * allowed to read the resident's health data, and each such read is audited. Lists and action replies never carry them.
   */
  async view(p: Principal, a: AlertDoc, via?: string) {
    if (a.audience !== 'personal' || !a.subject?.residentId || !via) return alertDto(a, a.audience === 'personal' ? 'broadcast' : 'full');
    if (!(await this.d.care.canReadHealth(p, a.subject.residentId))) return alertDto(a, 'broadcast');
    await this.d.care.auditHealthRead(p, a.subject.residentId, via);
    return alertDto(a, 'full');
  }

  async list(p: StaffPrincipal, q: AlertQuery) {
    const statuses = q.status === 'open' ? [...OPEN_ALERT_STATUSES] : q.status ? [q.status] : undefined;
    const items = await this.repo.list(p.communityId, {
      statuses,
      type: q.type,
      severity: q.severity,
      audience: q.audience,
      residentId: q.residentId,
      deviceId: q.deviceId,
      personalBuildings: hasRole(p, 'staff', 'care') ? null : (buildingScope(p) ?? null),
      beforeId: decodeCursor(q.cursor),
      limit: q.limit,
    });
    return {
      items: await Promise.all(items.map((a) => this.view(p, a))),
      nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null,
    };
  }

  /** Time to acknowledge in one month (Shanghai calendar). */
  async report(p: StaffPrincipal, month: string) {
    const from = shanghaiInstant(`${month}-01`);
    const to = shanghaiInstant(`${addMonths(month, 1)}-01`);
    return alertReport(month, await this.repo.ackSamples(p.communityId, from, to));
  }

  /** Open public-safety alerts: the mini-program banner and the big screen. */
  async listPublic(communityId: string) {
    const items = await this.repo.list(communityId, { statuses: [...OPEN_ALERT_STATUSES], audience: 'public', limit: 50 });
    return { items: items.map((a) => alertDto(a, 'public')) };
  }

  openPersonal(communityId: string, residentIds: string[]) {
    return this.repo.list(communityId, { statuses: [...OPEN_ALERT_STATUSES], audience: 'personal', residentIds, limit: 200 });
  }

  // ---- lifecycle ------------------------------------------------------------------------

  async transition(p: Principal, id: string, action: AlertAction, note?: string): Promise<AlertDoc> {
    const a = await this.getVisible(p, id);
    return this.apply(a, action, { kind: 'staff', id: p.id, name: p.name }, note);
  }

  /**
   * Acknowledgement from outside the panel (the one-tap link or a reply in an SMS): a staff member or an emergency contact
   * takes the alert. Already taken → the alert as it is, with who took it (the caller tells the person, not an error).
   */
  async ackExternal(
    communityId: string,
    id: string,
    actor: { kind: 'staff' | 'contact'; id?: string; name: string },
    via: string,
  ): Promise<{ alert: AlertDoc; acked: boolean } | null> {
    const a = await this.repo.byId(communityId, id);
    if (!a) return null;
    if (!ALERT_TRANSITIONS.ack.from.includes(a.status)) return { alert: a, acked: false };
    try {
      return { alert: await this.apply(a, 'ack', actor, via), acked: true };
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      return { alert: (await this.repo.byId(communityId, id)) ?? a, acked: false };
    }
  }

  /** Nobody has taken it yet (read by _id alone: the cheapest question, asked before every SMS or call). */
  async stillRaised(communityId: string, id: string): Promise<boolean> {
    return (await this.repo.statusOf(communityId, id)) === 'raised';
  }

  /** System resolutions (e.g. the resident checked in after a no_checkin alert). */
  async resolveBySystem(communityId: string, id: string, note: string): Promise<AlertDoc | null> {
    const a = await this.repo.byId(communityId, id);
    if (!a || !ALERT_TRANSITIONS.resolve.from.includes(a.status)) return null;
    try {
      return await this.apply(a, 'resolve', SYSTEM, note);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return null;
      throw err;
    }
  }

  private async apply(a: AlertDoc, action: AlertAction, actor: AlertHistoryEntry['actor'], note?: string): Promise<AlertDoc> {
    const rule = ALERT_TRANSITIONS[action];
    if (rule.noteRequired && !note) throw new AppError('VALIDATION', '请填写处理说明', [{ path: 'note', message: '必填' }]);
    if (!rule.from.includes(a.status)) throw this.illegal(action, a.status);
    const now = new Date();
    const id = String(a._id);
    const by = { id: actor.id, name: actor.name };
    const set: Record<string, unknown> = { status: rule.to };
    if (action === 'ack') Object.assign(set, { acknowledgedAt: now, acknowledgedBy: by });
    if (action === 'resolve') {
      Object.assign(set, { resolvedAt: now, resolvedBy: by, resolution: note });
      if (!a.acknowledgedAt) Object.assign(set, { acknowledgedAt: now, acknowledgedBy: by });
    }
    const entry: AlertHistoryEntry = { kind: action === 'ack' ? 'acknowledged' : 'resolved', at: now, actor, ...(note ? { note } : {}) };
    const updated = await this.repo.applyIf(a.communityId, id, { status: a.status }, { set, unset: ['nextEscalationAt'], push: entry });
    if (!updated) {
      const current = await this.repo.byId(a.communityId, id);
      throw this.illegal(action, current?.status ?? a.status, true);
    }
    const { policy, at } = escalationOf(a);
    const pending = nextEscalation(policy, at);
    if (pending) await this.d.scheduler.cancel(escalationKey(id, pending));
    if (action === 'resolve' && a.incidentKey) {
      this.slotCache.delete(`${a.communityId}:${a.incidentKey}`);
      await this.repo.releaseSlot(a.communityId, a.incidentKey, id);
    }
    this.d.bus.emit('alert.updated', { alert: updated, change: action });
    return updated;
  }

  private illegal(action: AlertAction, status: AlertDoc['status'], raced = false) {
    return new AppError(
      'CONFLICT',
      `${raced ? '预警刚被他人处理，' : ''}当前状态为「${ALERT_STATUS_LABELS[status]}」，不能${ALERT_ACTION_LABELS[action]}`,
      { status },
    );
  }

  /** Opens a desk ticket for the alert (once: a second call returns the same ticket). */
  async openTicket(p: Principal, id: string, input: { category?: string; note?: string }) {
    const a = await this.getVisible(p, id);
    const cat = TicketCategory.safeParse(input.category ?? ALERT_TICKET_CATEGORY[a.type]);
    if (!cat.success) throw new AppError('VALIDATION', '无效的工单分类', [{ path: 'category', message: '无效的工单分类' }]);
    const building = a.location?.building ?? a.subject?.building;
    const where = a.location?.text ?? (a.subject ? `${a.subject.building ?? ''}${a.subject.unit ?? ''}${a.subject.room ?? ''}` : '');
    const description = [`由预警生成：${a.title}`, where && `位置：${where}`, input.note].filter(Boolean).join('\n');
    const { ticket } = await this.d.tickets.create(
      p,
      {
        category: cat.data,
        title: `${ALERT_TYPE_LABELS[a.type]}${where ? ` · ${where}` : ''}`.slice(0, 60),
        description,
        location: building ? { building, ...(a.subject?.unit ? { unit: a.subject.unit } : {}), ...(a.subject?.room ? { room: a.subject.room } : {}) } : undefined,
        attachments: [],
        channel: 'desk',
        reporter: a.subject?.residentId ? { name: a.subject.name, residentId: a.subject.residentId } : { name: `设备预警（${a.deviceName ?? '系统'}）` },
      },
      `alert-ticket:${id}`,
    );
    const ticketId = String(ticket._id);
    const updated = await this.repo.applyIf(
      a.communityId,
      id,
      { ticketId: { $exists: false } },
      {
        set: { ticketId, ticketNo: ticket.no },
        push: { kind: 'ticket_opened', at: new Date(), actor: { kind: 'staff', id: p.id, name: p.name }, ticketId, ticketNo: ticket.no },
      },
    );
    if (updated) this.d.bus.emit('alert.updated', { alert: updated, change: 'ticket' });
    return { alert: updated ?? (await this.repo.byId(a.communityId, id))!, ticket };
  }
}

type SelfRecipient = { residentId: string; name: string; phone?: string };
type CareContext = Awaited<ReturnType<CareDirectoryApi['contextFor']>>;

/** A read started ahead of need: awaited later (its error surfaces there), never an unhandled rejection if it is not. */
export function ahead<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

type EscalationFields = Pick<AlertDoc, '_id' | 'communityId' | 'type' | 'level' | 'nextEscalationAt' | 'escalation' | 'step' | 'round'>;

function staffOf(recipients: AlertRecipient[], phones: Map<string, string | undefined>) {
  return recipients.filter((r) => r.kind === 'staff').map((r) => ({ id: r.id!, name: r.name, phone: phones.get(r.id!) }));
}

