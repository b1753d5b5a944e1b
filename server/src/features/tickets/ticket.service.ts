// Ticket rules: who may create, see and move a ticket; numbering, SLA timers, and the transition table applied atomically.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import {
  isOpenTicketStatus,
  OPEN_TICKET_STATUSES,
  REOPEN_WINDOW_MS,
  TICKET_STATUSES,
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_TRANSITIONS,
  type Principal,
  type Reporter,
  type TicketActor,
  type TicketComment,
  type TicketExtensionDecision,
  type TicketExtensionRequest,
  type TicketRevisitAnswer,
  type BotRevisitReply,
  TRIAGE_APPLY_CONFIDENCE,
  type BotRevisitReplyResult,
  type TicketCreate,
  type TicketQuery,
  type TicketRating,
  type TicketStatus,
  type TicketTransitionBody,
} from '@linli/contracts';
import type { Bus } from '../events';
import type { CounterRepository } from '../../core/counters';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import { buildingScope, coversBuilding } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../db/scope';
import type { CommunitiesApi } from '../communities/community.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import type { UploadsApi } from '../uploads/upload.service';
import type { ServiceClockApi } from '../service-clock/service-clock.service';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import { TicketLadder } from './ticket.ladder';
import { TicketExtensions } from './ticket.extensions';
import { TicketRevisits } from './ticket.revisit';
import { RevisitAsks } from './ticket.revisit-asks';
import { Triage, type TriageSuggestion } from './triage/triage';
import { TriageAccept } from './triage/triage.accept';
import { serviceClockBackfill } from './ticket.backfill';
import type { Migration } from '../../core/migrations';
import { TicketRepository } from './ticket.repository';
import { TicketLinks } from './ticket.links';
import { TicketStreetView } from './ticket.street';
import { householdKey, placeKeyOf } from './ticket.similarity';
import { importHistory, type HistoricalTicket } from './ticket.history';

export const SLA_TIMER_KIND = 'ticket.sla';
const slaKey = (id: string) => `ticket-sla:${id}`;
const URGE_INTERVAL_MS = 10 * 60 * 1000;

function actorOf(p: Principal): TimelineEntry['actor'] {
  return { kind: p.kind === 'staff' ? 'staff' : p.kind === 'bot' ? 'bot' : 'resident', id: p.id, name: p.name };
}

const TRANSITION_KIND: Record<TicketTransitionBody['action'], TimelineEntry['kind']> = {
  accept: 'accepted',
  assign: 'assigned',
  start: 'started',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
  cancel: 'cancelled',
};

export interface TicketDeps {
  bus: Bus;
  counters: CounterRepository;
  scheduler: Scheduler;
  communities: CommunitiesApi;
  residents: ResidentsApi;
  staff: StaffApi;
  uploads: UploadsApi;
  clock: ServiceClockApi;
  /** SERVICE_CLOCK_SCALE (回访 waits a day, its call task three more, scaled like every service deadline). */
  serviceScale: number;
}

/** What other features may do with tickets: file one on a resident's behalf, and add to its timeline. */
export type TicketsApi = Pick<TicketService, 'create' | 'comment' | 'ofBotReporter' | 'filedBetween' | 'street'>;
export type { TicketStatsRow } from './ticket.repository';

export class TicketService {
  private readonly repo: TicketRepository;
  readonly links: TicketLinks;
  readonly ladder: TicketLadder;
  private readonly extensions: TicketExtensions;
  readonly revisits: TicketRevisits;
  /** The street (街道) level's reads over its communities (ticket.street.ts). */
  readonly street: TicketStreetView;
  /** Trained once at start from the labelled reports (a few milliseconds). */
  private readonly triage = new Triage();
  private readonly triageAccept: TriageAccept;
  constructor(
    conn: Connection,
    private readonly d: TicketDeps,
  ) {
    this.repo = new TicketRepository(conn);
    this.street = new TicketStreetView(this.repo, d.uploads);
    this.ladder = new TicketLadder(this.repo, { bus: d.bus, scheduler: d.scheduler, clock: d.clock });
    this.extensions = new TicketExtensions(this.repo, { bus: d.bus, clock: d.clock, ladder: this.ladder, armSla: (t) => this.armSla(t) });
    this.revisits = new TicketRevisits(this.repo, {
      bus: d.bus,
      scheduler: d.scheduler,
      scale: d.serviceScale,
      reopen: (p, id) => this.transition(p, id, { action: 'reopen', note: '回访：问题没有解决' }),
      residents: d.residents,
      asks: new RevisitAsks(conn),
    });
    this.triageAccept = new TriageAccept(this.repo, { bus: d.bus, clock: d.clock, ladder: this.ladder, arm: (t) => this.arm(t) });
    this.links = new TicketLinks(this.repo, {
      bus: d.bus,
      arm: (t) => this.arm(t),
      disarm: (id) => this.disarm(id),
      ownDeadlines: (t) => this.ownDeadlines(t),
    });
  }

  /** A ticket's own deadline timers: the SLA (办结 督办) in memory, derived from the ticket; the ladder on one persisted timer. */
  async arm(t: TicketDoc): Promise<void> {
    this.armSla(t);
    await this.ladder.schedule(t);
  }

  async disarm(id: string): Promise<void> {
    await this.d.scheduler.cancel(slaKey(id));
    await this.ladder.cancel(id);
  }

  /** Deadlines counted from when the ticket was filed (a linked report going on alone). */
  async ownDeadlines(t: TicketDoc): Promise<Pick<TicketDoc, 'slaDueAt' | 'ladderPlan'>> {
    const dl = await this.d.clock.deadlines(t.communityId, t.category, t.createdAt);
    const ladderPlan = await this.ladder.plan(
      t,
      t.signedAt ? null : { from: t.createdAt, dueAt: t.signDueAt ?? dl.signDueAt, ms: dl.signMs },
      { from: t.createdAt, dueAt: dl.finishDueAt, ms: dl.finishMs },
    );
    return { slaDueAt: dl.finishDueAt, ladderPlan };
  }

  /** SLA deadlines live in the tickets themselves: re-derived from open tickets at boot, no timer document per ticket. */
  async pendingSlaJobs(): Promise<TimerJob[]> {
    return (await this.repo.awaitingEscalation()).map((t) => this.slaJob(t));
  }

  // ---- create ---------------------------------------------------------------------------

  async create(p: Principal, input: TicketCreate, idempotencyKey?: string): Promise<{ ticket: TicketDoc; created: boolean }> {
    const { reporter, location } = await this.reporterFor(p, input);
    const attachmentIds = [...new Set(input.attachments)];
    await this.d.uploads.requireAttachable(p, attachmentIds);
    if (input.audio) {
      const [audio] = await this.d.uploads.requireAttachable(p, [input.audio.uploadId]);
      if (audio!.metadata.kind !== 'audio') throw new AppError('VALIDATION', '语音附件格式不正确');
    }

    let _id = new Types.ObjectId();
    if (idempotencyKey) {
      const owner = await this.repo.claimKey(p.communityId, `${p.kind}:${p.id}`, idempotencyKey, _id);
      if (!owner.equals(_id)) {
        const existing = await this.repo.byId(p.communityId, String(owner));
        if (existing) return { ticket: existing, created: false };
        // The earlier request claimed the key but died before inserting: finish its work under its id.
        _id = owner;
      }
    }

    const now = new Date();
    const community = await this.d.communities.get(p.communityId);
    const seq = await this.d.counters.next('ticket', p.communityId);
    const no = `${community.ticketPrefix}-${String(seq).padStart(6, '0')}`;
    const transcript = input.audio?.transcript;
    const words = [input.title, input.description, transcript].filter(Boolean).join(' ');
    const triage = words ? this.triage.suggest(words) : undefined;
    // The bot's keyword rules found nothing (其他): a confident suggestion files it where it belongs (staff still confirm it).
    const category = input.channel === 'bot' && input.category === '其他' && triage && triage.category !== '其他' && triage.confidence >= TRIAGE_APPLY_CONFIDENCE ? triage.category : input.category;
    const dl = await this.d.clock.deadlines(p.communityId, category, now);
    const description = input.description ?? transcript ?? '语音报事（待转写）';
    const placeKey = placeKeyOf(location, input.deviceId);
    const householdId = reporter.residentId ? (await this.d.residents.byId(p.communityId, reporter.residentId))?.householdId : undefined;
    const household = householdKey(reporter, householdId ? String(householdId) : undefined, location, String(_id));
    const match = await this.links.match(p.communityId, { category, placeKey, text: description, household, chosen: input.duplicateOf });
    const primary = match?.link ? match.primary : undefined;
    // Filed at `now`: its deadlines count from the same moment as its createdAt.
    const doc: Omit<TicketDoc, 'createdAt' | 'updatedAt'> & { createdAt: Date } = {
      _id,
      createdAt: now,
      communityId: p.communityId,
      no,
      category,
      title: input.title ?? summarize(description, category),
      description,
      location,
      attachments: attachmentIds,
      audio: input.audio ? { ...input.audio, status: transcript ? 'done' : 'pending' } : undefined,
      channel: input.channel,
      reporter,
      status: primary?.status ?? 'submitted',
      // A duplicate shares its primary's deadline: one problem, one clock.
      slaDueAt: primary?.slaDueAt ?? dl.finishDueAt,
      signDueAt: dl.signDueAt,
      urgeCount: 0,
      timeline: [{ kind: 'created', at: now, actor: actorOf(p), to: 'submitted', ...(category !== input.category ? { note: `类别按智能分诊建议归为${category}（机器人未识别）` } : {}) }],
      ...(input.deviceId ? { deviceId: input.deviceId } : {}),
      ...(placeKey ? { placeKey } : {}),
      household,
      ...(triage ? { triage } : {}),
    };
    if (primary) {
      doc.duplicateOf = { id: String(primary._id), no: primary.no, by: match!.by };
      if (primary.assigneeId) Object.assign(doc, { assigneeId: primary.assigneeId, assigneeName: primary.assigneeName });
      const why = match!.by === 'reporter' ? '报事人选择一起关注' : `相似度 ${match!.score}`;
      doc.timeline.push({ kind: 'linked', at: now, actor: { kind: 'system', name: '系统' }, note: `与 ${primary.no} 为同一问题，合并处理（${why}）`, from: 'submitted', to: primary.status });
    } else {
      if (match) doc.duplicateSuggestion = { id: String(match.primary._id), no: match.primary.no, score: match.score };
      doc.ladderPlan = await this.ladder.plan(
        { communityId: p.communityId, category },
        { from: now, dueAt: dl.signDueAt, ms: dl.signMs },
        { from: now, dueAt: dl.finishDueAt, ms: dl.finishMs },
      );
    }
    // A primary's ladder timer is written beside the ticket (both group-committed in this turn), not after it: the answer
    // waits for one round trip instead of two. It is keyed by the ticket's id, so a lost insert cancels it (a fresh id) or
    // puts back the winner's (the same idempotency key racing in twice).
    const [inserted, laddered] = await Promise.allSettled([this.repo.insert(doc), primary ? undefined : this.ladder.schedule(doc as TicketDoc)]);
    if (inserted.status === 'rejected') {
      // Same idempotency key racing in twice after a crash: the other insert won.
      const existing = idempotencyKey ? await this.repo.byId(p.communityId, String(_id)) : null;
      // A failed cancel must not hide the insert's own error: the orphan timer finds no ticket and does nothing.
      if (!primary) await (existing ? this.ladder.schedule(existing) : this.ladder.cancel(String(_id)).catch(() => undefined));
      if (existing) return { ticket: existing, created: false };
      throw inserted.reason;
    }
    let ticket = inserted.value;
    if (laddered.status === 'rejected') throw laddered.reason;
    const shareWith = reporter.residentId ? [reporter.residentId] : [];
    const files = [...attachmentIds, ...(input.audio ? [input.audio.uploadId] : [])];
    if (shareWith.length && files.length) await this.d.uploads.share(p.communityId, files, { residentIds: shareWith });
    if (!primary) {
      await this.repo.notePrimary(ticket);
      this.armSla(ticket);
    }
    this.d.bus.emit('ticket.created', { ticket });
    if (primary) ticket = await this.links.attach(ticket, primary);
    return { ticket, created: true };
  }

  private async reporterFor(p: Principal, input: TicketCreate): Promise<{ reporter: Reporter; location?: TicketDoc['location'] }> {
    if (p.kind === 'resident') {
      if (input.channel !== 'app') throw new AppError('VALIDATION', '居民报事的渠道应为 app');
      if (input.reporter) throw new AppError('VALIDATION', '居民报事无需填写报事人');
      const r = await this.d.residents.get(p.communityId, p.id);
      const home = r.building ? { building: r.building, unit: r.unit, room: r.room } : undefined;
      return {
        reporter: { residentId: p.id, name: r.name, ...(r.phone ? { phone: r.phone } : {}) },
        location: input.location ?? home,
      };
    }
    if (!input.reporter) throw new AppError('VALIDATION', '请填写报事人', [{ path: 'reporter', message: '必填' }]);
    if (p.kind === 'bot') {
      if (input.channel !== 'bot') throw new AppError('VALIDATION', '机器人报事的渠道应为 bot');
      // The sender is who their contact id is bound to, never whoever wears the display name (issue 12 item 7).
      const { residentId: _claimed, ...said } = input.reporter;
      const contact = said.wechatId ? await this.d.residents.contactOf(p.communityId, said.wechatId) : null;
      if (!contact) return { reporter: said, location: input.location };
      const bound = contact.resident;
      const home = bound.building ? { building: bound.building, unit: bound.unit, room: bound.room } : undefined;
      // A family member reports for her home: the ticket is hers, and says who wrote it.
      const name = contact.relation === 'family' ? `${bound.name}（家属）` : bound.name;
      return {
        reporter: { ...said, residentId: String(bound._id), name, ...(bound.phone ? { phone: bound.phone } : {}) },
        location: input.location ?? home,
      };
    }
    if (input.channel === 'bot') throw new AppError('VALIDATION', '工作人员登记的渠道应为 desk');
    let location = input.location;
    if (input.reporter.residentId) {
      const r = await this.d.residents.get(p.communityId, input.reporter.residentId);
      location ??= r.building ? { building: r.building, unit: r.unit, room: r.room } : undefined;
    }
    return { reporter: input.reporter, location };
  }

  // ---- read -----------------------------------------------------------------------------

  /** The ticket if the principal may see it; 404 for others' tickets (no existence leak). */
  async getVisible(p: Principal, id: string): Promise<TicketDoc> {
    const t = await this.repo.byId(p.communityId, id);
    if (!t || !this.canSee(p, t)) throw notFound('工单');
    return t;
  }

  async getByNo(p: Principal, no: string): Promise<TicketDoc> {
    const t = await this.repo.byNo(p.communityId, no.toUpperCase());
    if (!t || !this.canSee(p, t)) throw notFound('工单');
    return t;
  }

  /**
   * The group bot's 查询 <工单号>: answered only for the asking contact's own report, or a report of the household its
   * binding belongs to (a family member asking for grandma). Anything else is "not found", so numbers leak nothing.
   */
  async byNoForContact(p: Principal, no: string, wechatId: string | undefined): Promise<TicketDoc> {
    if (!wechatId) throw new AppError('VALIDATION', '请提供提问人的微信号（机器人只能替本人查询工单）', [{ path: 'wechatId', message: '必填' }]);
    const t = await this.repo.byNo(p.communityId, no.toUpperCase());
    if (t && t.reporter.wechatId === wechatId) return t;
    const asker = t?.reporter.residentId ? await this.d.residents.byWechatId(p.communityId, wechatId) : null;
    if (t && asker) {
      if (String(asker._id) === t.reporter.residentId) return t;
      const reporter = await this.d.residents.byId(p.communityId, t.reporter.residentId!);
      if (reporter?.householdId && String(reporter.householdId) === String(asker.householdId)) return t;
    }
    throw new AppError('NOT_FOUND', '只能查询您本人或家人反映的工单，请核对工单号');
  }

  /** The group bot's 我的工单: what one WeChat user reported through the bot (the bot feature checks the caller is the bot). */
  ofBotReporter(communityId: string, who: { wechatName?: string; wechatId?: string }, limit: number): Promise<TicketDoc[]> {
    return this.repo.ofBotReporter(communityId, who, limit);
  }

  canSee(p: Principal, t: TicketDoc): boolean {
    // The bot reads back only what it filed itself (transcripts, comments); look-ups for people go through byNoForContact.
    if (p.kind === 'bot') return t.channel === 'bot';
    if (p.kind === 'resident') return t.reporter.residentId === p.id;
    return coversBuilding(p, t.location?.building) || t.assigneeId === p.id;
  }

  async list(p: Principal, q: TicketQuery) {
    const statuses = q.status
      ? (String(q.status).split(',').filter(Boolean) as TicketStatus[])
      : undefined;
    const filter = {
      statuses,
      category: q.category,
      assigneeId: q.assignee === 'me' ? p.id : q.assignee,
      building: q.building,
      overdue: q.overdue === '1',
      revisit: q.revisit,
      q: q.q,
      beforeId: decodeCursor(q.cursor),
      limit: q.limit,
      reporterResidentId: undefined as string | undefined,
      buildings: null as string[] | null,
    };
    if (statuses?.some((s) => !(TICKET_STATUSES as readonly string[]).includes(s)))
      throw new AppError('VALIDATION', '无效的工单状态');
    if (p.kind === 'resident') filter.reporterResidentId = p.id;
    else if (p.kind === 'staff') {
      filter.buildings = buildingScope(p);
      if (q.mine === '1') filter.assigneeId = p.id;
    }
    const items = await this.repo.list(p.communityId, filter);
    return { items, nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null };
  }

  // ---- transitions ----------------------------------------------------------------------

  private actorRole(p: Principal, t: TicketDoc): TicketActor | null {
    if (p.kind === 'staff' && this.canSee(p, t)) return 'staff';
    if (p.kind === 'resident' && t.reporter.residentId === p.id) return 'reporter';
    return null;
  }

  async transition(p: Principal, id: string, body: TicketTransitionBody): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    const rule = TICKET_TRANSITIONS[body.action];
    const role = this.actorRole(p, t);
    if (!role || !rule.by.includes(role)) throw forbidden(`无权执行「${TICKET_ACTION_LABELS[body.action]}」`);
    if (!rule.from.includes(t.status)) throw this.illegal(body.action, t.status);
    const now = new Date();
    if (body.action === 'reopen' && t.resolvedAt && now.getTime() - t.resolvedAt.getTime() > REOPEN_WINDOW_MS)
      throw new AppError('CONFLICT', '工单办结已超过 7 天，不能重新打开，请重新报事', { status: t.status });

    const entry: TimelineEntry = { kind: TRANSITION_KIND[body.action], at: now, actor: actorOf(p), from: t.status, to: rule.to };
    if (body.note) entry.note = body.note;
    const set: Partial<TicketDoc> = { status: rule.to };
    const unset: string[] = [];
    if (body.action === 'assign') {
      const assignee = await this.d.staff.get(p.communityId, body.assigneeId!);
      set.assigneeId = String(assignee._id);
      set.assigneeName = assignee.name;
      entry.assigneeId = set.assigneeId;
      entry.assigneeName = assignee.name;
    }
    if (body.action === 'resolve') set.resolvedAt = now;
    // 签收: the first time staff take the report on (受理, or 派单 straight away).
    if ((body.action === 'accept' || body.action === 'assign') && !t.signedAt) set.signedAt = now;
    let sla: Date | undefined;
    if (body.action === 'reopen') {
      const dl = await this.d.clock.deadlines(p.communityId, t.category, now);
      sla = dl.finishDueAt;
      set.slaDueAt = sla;
      set.ladderPlan = { ...(t.ladderPlan ?? {}), ...(await this.ladder.plan(t, null, { from: now, dueAt: sla, ms: dl.finishMs })) };
      unset.push('escalatedAt', 'rating');
      // Reopened by its own reporter: the problem is hers again, on her own deadline, whatever became of the primary.
      if (t.duplicateOf?.id) unset.push('duplicateOf');
    }

    // Optimistic concurrency: the filter names the status we validated against.
    const updated = await this.repo.applyIf(p.communityId, id, { status: t.status }, { set, unset, push: entry });
    if (!updated) {
      const current = await this.repo.byId(p.communityId, id);
      throw this.illegal(body.action, current?.status ?? t.status, true);
    }
    if (body.action === 'reopen' && t.duplicateOf?.id) await this.repo.notePrimary(updated);
    if (isOpenTicketStatus(updated.status)) {
      if (sla && !updated.duplicateOf?.id) this.armSla(updated);
      await this.ladder.schedule(updated);
    } else {
      await this.disarm(id);
    }
    this.d.bus.emit('ticket.updated', { ticket: updated, change: body.action });
    return updated;
  }

  private illegal(action: TicketTransitionBody['action'], status: TicketStatus, raced = false): AppError {
    const prefix = raced ? '工单刚被他人处理，' : '';
    return new AppError(
      'CONFLICT',
      `${prefix}当前状态为「${TICKET_STATUS_LABELS[status]}」，不能${TICKET_ACTION_LABELS[action]}`,
      { status },
    );
  }

  /** Tickets filed in [from, to) as the service KPIs read them; staff see their buildings only. */
  filedBetween(p: Principal, from: Date, to: Date) {
    if (p.kind !== 'staff') throw forbidden();
    return this.repo.filedBetween(p.communityId, from, to, buildingScope(p));
  }

  // ---- duplicates ----------------------------------------------------------------------------

  async link(p: Principal, id: string, primaryId: string): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    if (p.kind !== 'staff') throw forbidden();
    return this.links.link(p, t, primaryId);
  }

  async unlink(p: Principal, id: string): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    if (p.kind !== 'staff') throw forbidden();
    return this.links.unlink(p, t);
  }

  // ---- extensions ------------------------------------------------------------------------------

  async requestExtension(p: Principal, id: string, body: TicketExtensionRequest): Promise<TicketDoc> {
    return this.extensions.request(p, await this.getVisible(p, id), body);
  }

  async decideExtension(p: Principal, id: string, body: TicketExtensionDecision): Promise<TicketDoc> {
    return this.extensions.decide(p, await this.getVisible(p, id), body);
  }

  async answerRevisit(p: Principal, id: string, a: TicketRevisitAnswer): Promise<TicketDoc> {
    return this.revisits.answer(p, await this.getVisible(p, id), a);
  }

  /** Data migrations of this feature's tickets (run at start, once per database). */
  /** Finished tickets from before, stored as they happened (ticket.history.ts): earlier records, the demo's history. */
  async importHistory(communityId: string, records: HistoricalTicket[]): Promise<TicketDoc[]> {
    const { ticketPrefix } = await this.d.communities.get(communityId);
    return importHistory({ repo: this.repo, counters: this.d.counters, clock: this.d.clock, ticketPrefix }, communityId, records);
  }

  migrations(): Migration[] {
    return [serviceClockBackfill(this.repo, { clock: this.d.clock, ladder: this.ladder })];
  }

  /** Triage of words before filing (the desk form; the bot's transcript). */
  suggestTriage(text: string): TriageSuggestion {
    return this.triage.suggest(text);
  }

  /** Staff confirm a ticket's triage suggestion (see TriageAccept). */
  async acceptTriage(p: Principal, id: string): Promise<TicketDoc> {
    return this.triageAccept.accept(p, await this.getVisible(p, id));
  }

  /** The bot relays a private reply that may answer its 回访 question (see TicketRevisits.answerByContact). */
  revisitReply(p: Principal, reply: BotRevisitReply): Promise<BotRevisitReplyResult> {
    return this.revisits.answerByContact(p, reply, (c, id) => this.repo.byId(c, id));
  }

  // ---- comments, rating, urge, transcript -------------------------------------------------

  async comment(p: Principal, id: string, c: TicketComment): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    if (p.kind === 'resident' && c.internal) throw new AppError('VALIDATION', '居民不能添加内部备注');
    if (p.kind === 'bot' && c.internal) throw new AppError('VALIDATION', '机器人不能添加内部备注');
    const entry: TimelineEntry = { kind: 'comment', at: new Date(), actor: actorOf(p), note: c.body, internal: c.internal };
    const updated = await this.repo.applyIf(p.communityId, id, {}, { push: entry });
    if (!updated) throw notFound('工单');
    this.d.bus.emit('ticket.updated', { ticket: updated, change: c.internal ? 'internal-comment' : 'comment' });
    return updated ?? t;
  }

  async rate(p: Principal, id: string, r: TicketRating): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    if (p.kind !== 'resident' || t.reporter.residentId !== p.id) throw forbidden('只有报事人可以评价');
    if (!['resolved', 'closed'].includes(t.status)) throw new AppError('CONFLICT', '工单办结后才能评价', { status: t.status });
    const entry: TimelineEntry = { kind: 'rated', at: new Date(), actor: actorOf(p), score: r.score, note: r.comment };
    const updated = await this.repo.applyIf(
      p.communityId,
      id,
      { status: { $in: ['resolved', 'closed'] }, 'rating.score': { $exists: false } },
      { set: { rating: r }, push: entry },
    );
    if (!updated) throw new AppError('CONFLICT', '该工单已评价过');
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'rated' });
    return updated;
  }

  async urge(p: Principal, id: string): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    if (p.kind !== 'resident' && p.kind !== 'bot') throw forbidden('只有报事人可以催单');
    if (p.kind === 'resident' && t.reporter.residentId !== p.id) throw forbidden('只有报事人可以催单');
    if (!isOpenTicketStatus(t.status)) throw new AppError('CONFLICT', `工单「${TICKET_STATUS_LABELS[t.status]}」，无需催单`, { status: t.status });
    const now = new Date();
    const updated = await this.repo.applyIf(
      p.communityId,
      id,
      {
        status: { $in: [...OPEN_TICKET_STATUSES] },
        $or: [{ lastUrgedAt: { $exists: false } }, { lastUrgedAt: { $lt: new Date(now.getTime() - URGE_INTERVAL_MS) } }],
      },
      { set: { lastUrgedAt: now }, inc: { urgeCount: 1 }, push: { kind: 'urged', at: now, actor: actorOf(p) } },
    );
    if (!updated) throw new AppError('RATE_LIMITED', '已催办过，请 10 分钟后再试');
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'urged' });
    return updated;
  }

  /** Adds the transcript of a voice report that arrived as 待转写 (bot retry or staff listening). */
  async transcribe(p: Principal, id: string, transcript: string): Promise<TicketDoc> {
    const t = await this.getVisible(p, id);
    if (p.kind === 'resident') throw forbidden();
    if (!t.audio) throw new AppError('CONFLICT', '该工单没有语音');
    const placeholder = t.description === '语音报事（待转写）';
    const updated = await this.repo.applyIf(
      p.communityId,
      id,
      { 'audio.status': 'pending' },
      {
        set: {
          'audio.transcript': transcript,
          'audio.status': 'done',
          ...(placeholder ? { description: transcript, title: summarize(transcript, t.category) } : {}),
          // A voice report filed before its words were known is triaged on its transcript (staff confirm it on the ticket).
          ...(placeholder || !t.triage?.category ? { triage: this.triage.suggest(transcript) } : {}),
        } as Partial<TicketDoc>,
        push: { kind: 'transcribed', at: new Date(), actor: actorOf(p), note: transcript },
      },
    );
    if (!updated) throw new AppError('CONFLICT', '该语音已转写');
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'transcribed' });
    return updated;
  }

  /** The group bot asked 「请问是几号楼几单元？」 and threads the answer into its own report that had no place (once). */
  async locate(p: Principal, id: string, location: NonNullable<TicketDoc['location']>): Promise<TicketDoc> {
    if (p.kind !== 'bot') throw forbidden();
    const t = await this.getVisible(p, id);
    if (t.location) throw new AppError('CONFLICT', '该工单已有地点');
    const note = [location.building, location.unit, location.room].filter(Boolean).join(' ');
    const updated = await this.repo.applyIf(p.communityId, id, { location: { $exists: false } }, {
      set: { location } as Partial<TicketDoc>,
      push: { kind: 'located', at: new Date(), actor: actorOf(p), note },
    });
    if (!updated) throw new AppError('CONFLICT', '该工单已有地点');
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'located' });
    return updated;
  }

  // ---- SLA ------------------------------------------------------------------------------

  private slaJob(t: Pick<TicketDoc, '_id' | 'communityId' | 'slaDueAt'>): TimerJob {
    return { key: slaKey(String(t._id)), communityId: t.communityId, kind: SLA_TIMER_KIND, fireAt: t.slaDueAt, payload: { ticketId: String(t._id) } };
  }

  private armSla(t: TicketDoc): void {
    this.d.scheduler.armDerived(this.slaJob(t));
  }

  /** Escalates an overdue ticket once; a ticket finished or already escalated is left alone. */
  async onSlaDue(job: TimerJob): Promise<void> {
    const id = String(job.payload.ticketId);
    const now = new Date();
    const updated = await this.repo.applyIf(
      job.communityId,
      id,
      { status: { $in: [...OPEN_TICKET_STATUSES] }, escalatedAt: { $exists: false }, slaDueAt: { $lte: now } },
      {
        set: { escalatedAt: now },
        push: { kind: 'escalated', at: now, actor: { kind: 'system', name: '系统' }, note: '已超过处理时限，已提醒社区负责人' },
      },
    );
    if (updated) this.d.bus.emit('ticket.updated', { ticket: updated, change: 'escalated' });
  }
}

function summarize(text: string, category: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine ? (oneLine.length > 24 ? `${oneLine.slice(0, 24)}…` : oneLine) : `${category}报事`;
}
