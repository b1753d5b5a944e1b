// Duplicate reports: a later report of the same place and category is linked to the open one (auto above a similarity, staff confirm below), shares its deadline, follows its progress; many households raise its priority.
import {
  CROWD_HOUSEHOLDS,
  DUPLICATE_AUTO_SIMILARITY,
  DUPLICATE_WINDOW_HOURS,
  isOpenTicketStatus,
  OPEN_TICKET_STATUSES,
  type DuplicateLinkedBy,
  type Principal,
  type SimilarTicketDto,
  type TicketCategory,
  type TicketSimilarQuery,
} from '@linli/contracts';
import { AppError, notFound } from '../../core/errors';
import type { Bus } from '../events';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import type { TicketRepository } from './ticket.repository';
import { placeKeyOf, placeLabel, similarity } from './ticket.similarity';

const SYSTEM: TimelineEntry['actor'] = { kind: 'system', name: '系统' };

/** Primary moves its followers make too (as the same timeline kinds), so every reporter hears the progress on her own ticket. */
const MIRRORED: Record<string, TimelineEntry['kind']> = { accept: 'accepted', assign: 'assigned', start: 'started', resolve: 'resolved' };

export interface LinkMatch {
  primary: TicketDoc;
  score: number;
  /** Link now (auto or the reporter's choice); otherwise only suggest it to staff. */
  link: boolean;
  by: DuplicateLinkedBy;
}

export interface LinkDeps {
  bus: Bus;
  /** Arms a ticket's own deadline timers (SLA and ladder). */
  arm(t: TicketDoc): Promise<void>;
  /** Stops a ticket's own deadline timers (it rides on its primary's). */
  disarm(id: string): Promise<void>;
  /** A ticket's own deadlines, counted from when it was filed. */
  ownDeadlines(t: TicketDoc): Promise<Pick<TicketDoc, 'slaDueAt' | 'ladderPlan'>>;
}

/** Distinct households of a primary and its linked reports. */
export function householdsOf(t: Pick<TicketDoc, '_id' | 'household' | 'linked'>): number {
  const keys = new Set([t.household ?? `ticket:${String(t._id)}`, ...(t.linked ?? []).map((l) => l.household)]);
  return keys.size;
}

export class TicketLinks {
  constructor(
    private readonly repo: TicketRepository,
    private readonly d: LinkDeps,
  ) {}

  /**
   * The open report a new one duplicates, if any: the reporter's own choice (一起关注) when it is still an open report of the
   * same category and place, else the most similar open report of the same place and category within the window — linked at
   * once when similar enough and from another household, otherwise only suggested to staff.
   */
  async match(
    communityId: string,
    input: { category: TicketCategory; placeKey?: string; text: string; household: string; chosen?: string },
  ): Promise<LinkMatch | null> {
    if (input.chosen) {
      const chosen = await this.primaryOf(communityId, input.chosen);
      if (chosen && chosen.category === input.category && (!input.placeKey || chosen.placeKey === input.placeKey))
        return { primary: chosen, score: similarity(input.text, chosen.description), link: true, by: 'reporter' };
      // Closed meanwhile or not the same problem: the report is still filed, matched on its own merits below.
    }
    if (!input.placeKey) return null;
    const since = new Date(Date.now() - DUPLICATE_WINDOW_HOURS * 3600_000);
    const open = await this.repo.openPrimariesAt(communityId, input.placeKey, input.category, since);
    let best: LinkMatch | null = null;
    for (const primary of open) {
      const score = Math.max(similarity(input.text, primary.title), similarity(input.text, primary.description));
      // A second report from a household already on the problem may be another fault at the same place: staff decide.
      const known = primary.household === input.household || (primary.linked ?? []).some((l) => l.household === input.household);
      if (!best || score > best.score) best = { primary, score, link: !known && score >= DUPLICATE_AUTO_SIMILARITY, by: 'auto' };
    }
    return best;
  }

  /** The primary a chosen ticket stands for (itself, or the one it is already linked to), if open. */
  private async primaryOf(communityId: string, id: string): Promise<TicketDoc | null> {
    let t = await this.repo.byId(communityId, id);
    if (t?.duplicateOf?.id) t = await this.repo.byId(communityId, t.duplicateOf.id);
    return t && isOpenTicketStatus(t.status) ? t : null;
  }

  /**
   * A freshly filed duplicate joins its primary: the primary counts it (and may go to 加急). When the primary closed in the
   * meantime the report is detached and runs on its own deadline — it is never lost.
   */
  async attach(ticket: TicketDoc, primary: TicketDoc): Promise<TicketDoc> {
    const id = String(ticket._id);
    const entry: TimelineEntry = { kind: 'followed', at: new Date(), actor: SYSTEM, note: `${ticket.no} 反映了同一问题` };
    const updated = await this.repo.applyIf(
      primary.communityId,
      String(primary._id),
      { status: { $in: ['submitted', 'accepted', 'assigned', 'in_progress'] }, 'linked.id': { $ne: id } },
      { push: entry, link: { id, no: ticket.no, household: ticket.household ?? `ticket:${id}` } },
    );
    if (!updated) return this.detach(ticket, `原工单 ${primary.no} 已结束，本工单单独处理`);
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'followed' });
    await this.raisePriority(updated);
    return ticket;
  }

  private async raisePriority(primary: TicketDoc): Promise<void> {
    const n = householdsOf(primary);
    if (n < CROWD_HOUSEHOLDS || primary.priority === 'high') return;
    const updated = await this.repo.applyIf(
      primary.communityId,
      String(primary._id),
      { priority: { $ne: 'high' } },
      { set: { priority: 'high' }, push: { kind: 'prioritized', at: new Date(), actor: SYSTEM, note: `已有 ${n} 户居民反映同一问题` } },
    );
    if (updated) this.d.bus.emit('ticket.updated', { ticket: updated, change: 'prioritized' });
  }

  /** A linked report goes back to running on its own: its own deadline (from when it was filed), its own timer. */
  private async detach(ticket: TicketDoc, note: string): Promise<TicketDoc> {
    const own = await this.d.ownDeadlines(ticket);
    const updated = await this.repo.applyIf(
      ticket.communityId,
      String(ticket._id),
      { 'duplicateOf.id': { $exists: true } },
      { set: own, unset: ['duplicateOf'], push: { kind: 'unlinked', at: new Date(), actor: SYSTEM, note } },
    );
    if (!updated) return ticket;
    // On its own now: later reports of the same problem may follow it.
    await this.repo.notePrimary(updated);
    if (isOpenTicketStatus(updated.status)) await this.d.arm(updated);
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'unlinked' });
    return updated;
  }

  /** Staff confirm a suggestion (or link by hand): the report joins the primary's deadline and status. */
  async link(p: Principal, ticket: TicketDoc, primaryId: string): Promise<TicketDoc> {
    const id = String(ticket._id);
    if (primaryId === id) throw new AppError('VALIDATION', '不能与自身合并');
    if (ticket.duplicateOf?.id) throw new AppError('CONFLICT', `该工单已与 ${ticket.duplicateOf.no} 合并`);
    if (!isOpenTicketStatus(ticket.status)) throw new AppError('CONFLICT', '工单已结束，不能合并', { status: ticket.status });
    if (ticket.linked?.length) throw new AppError('CONFLICT', '已有其他报事合并到该工单，不能再合并到别处');
    const primary = await this.repo.byId(p.communityId, primaryId);
    if (!primary) throw notFound('主工单');
    if (primary.duplicateOf?.id) throw new AppError('CONFLICT', `${primary.no} 本身已合并到 ${primary.duplicateOf.no}，请与 ${primary.duplicateOf.no} 合并`);
    if (!isOpenTicketStatus(primary.status)) throw new AppError('CONFLICT', `${primary.no} 已结束，不能合并`);
    if (primary.category !== ticket.category) throw new AppError('VALIDATION', '只能合并同一类别的报事');
    const now = new Date();
    const updated = await this.repo.applyIf(
      p.communityId,
      id,
      { status: ticket.status, 'duplicateOf.id': { $exists: false } },
      {
        set: {
          duplicateOf: { id: primaryId, no: primary.no, by: 'staff' },
          slaDueAt: primary.slaDueAt,
          status: primary.status,
          ...(primary.assigneeId ? { assigneeId: primary.assigneeId, assigneeName: primary.assigneeName } : {}),
        },
        unset: ['duplicateSuggestion'],
        push: { kind: 'linked', at: now, actor: { kind: 'staff', id: p.id, name: p.name }, note: `与 ${primary.no} 为同一问题，合并处理`, from: ticket.status, to: primary.status },
      },
    );
    if (!updated) throw new AppError('CONFLICT', '工单刚被他人处理，请刷新后重试');
    await this.d.disarm(id);
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'linked' });
    return this.attach(updated, primary);
  }

  /** Staff undo a link, or dismiss a suggestion (不是同一问题). */
  async unlink(p: Principal, ticket: TicketDoc): Promise<TicketDoc> {
    const id = String(ticket._id);
    const actor: TimelineEntry['actor'] = { kind: 'staff', id: p.id, name: p.name };
    if (ticket.duplicateOf?.id) {
      const primaryNo = ticket.duplicateOf.no;
      const entry = (await this.repo.byId(p.communityId, ticket.duplicateOf.id))?.linked?.find((l) => l.id === id);
      const primary = entry && await this.repo.applyIf(p.communityId, ticket.duplicateOf.id, { 'linked.id': id }, {
        unlink: entry,
        push: { kind: 'unlinked', at: new Date(), actor, note: `${ticket.no} 不是同一问题，已取消合并` },
      });
      if (primary) this.d.bus.emit('ticket.updated', { ticket: primary, change: 'unlinked' });
      return this.detach(ticket, `经核实与 ${primaryNo} 不是同一问题，单独处理（${p.name}）`);
    }
    if (!ticket.duplicateSuggestion?.id) throw new AppError('CONFLICT', '该工单没有合并或疑似重复的记录');
    const updated = await this.repo.applyIf(p.communityId, id, { 'duplicateSuggestion.id': { $exists: true } }, {
      unset: ['duplicateSuggestion'],
      push: { kind: 'unlinked', at: new Date(), actor, internal: true, note: `与 ${ticket.duplicateSuggestion.no} 不是同一问题` },
    });
    if (!updated) return ticket;
    this.d.bus.emit('ticket.updated', { ticket: updated, change: 'internal-comment' });
    return updated;
  }

  /** Per primary, the mirroring still running: moves are mirrored one at a time, in the order they happened. */
  private readonly chains = new Map<string, Promise<void>>();

  /** The primary moved: its open followers move with it; when it is cancelled they go on alone. */
  onPrimaryUpdated(primary: TicketDoc, change: string): Promise<void> {
    if (!primary.linked?.length) return Promise.resolve();
    // Three quick moves (accept, start, resolve) must not overtake each other, or a follower could miss the last one.
    const key = String(primary._id);
    const run = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.mirror(primary, change));
    this.chains.set(key, run);
    void run.finally(() => {
      if (this.chains.get(key) === run) this.chains.delete(key);
    }).catch(() => undefined);
    return run;
  }

  private async mirror(primary: TicketDoc, change: string): Promise<void> {
    // By _id from the primary's own list (a bare _id read is the one query the embedded FerretDB does not scan for).
    const pid = String(primary._id);
    const followers = (await Promise.all((primary.linked ?? []).map((l) => this.repo.byId(primary.communityId, l.id)))).filter(
      (f): f is TicketDoc => !!f && f.duplicateOf?.id === pid && isOpenTicketStatus(f.status),
    );
    for (const f of followers) {
      if (change === 'cancel') {
        await this.detach(f, `原工单 ${primary.no} 已撤销，本工单单独处理`);
        continue;
      }
      if (change === 'extended') {
        // One problem, one deadline: the followers' reporters see the new deadline and its reason too.
        const last = primary.timeline[primary.timeline.length - 1];
        const moved = await this.repo.applyIf(f.communityId, String(f._id), { 'duplicateOf.id': String(primary._id) }, {
          set: { slaDueAt: primary.slaDueAt },
          push: { kind: 'extended', at: new Date(), actor: SYSTEM, note: last?.kind === 'extended' ? last.note : `随 ${primary.no} 延期` },
        });
        if (moved) this.d.bus.emit('ticket.updated', { ticket: moved, change: 'extended' });
        continue;
      }
      const kind = MIRRORED[change];
      if (!kind) continue;
      const updated = await this.repo.applyIf(f.communityId, String(f._id), { status: { $in: [...OPEN_TICKET_STATUSES] }, 'duplicateOf.id': String(primary._id) }, {
        set: {
          status: primary.status,
          ...(primary.assigneeId ? { assigneeId: primary.assigneeId, assigneeName: primary.assigneeName } : {}),
          ...(primary.resolvedAt ? { resolvedAt: primary.resolvedAt } : {}),
        },
        push: {
          kind,
          at: new Date(),
          actor: SYSTEM,
          from: f.status,
          to: primary.status,
          note: `与 ${primary.no} 一并处理`,
          ...(kind === 'assigned' && primary.assigneeId ? { assigneeId: primary.assigneeId, assigneeName: primary.assigneeName } : {}),
        },
      });
      if (updated) this.d.bus.emit('ticket.updated', { ticket: updated, change });
    }
  }

  /** Open reports of a place and category, for the mini-program's 「要一起关注吗？」 — place, status and count only, never others' words. */
  async similar(communityId: string, q: TicketSimilarQuery): Promise<SimilarTicketDto[]> {
    const location = q.building ? { building: q.building, ...(q.unit ? { unit: q.unit } : {}) } : undefined;
    const key = placeKeyOf(location, q.deviceId);
    if (!key) return [];
    const since = new Date(Date.now() - DUPLICATE_WINDOW_HOURS * 3600_000);
    const open = await this.repo.openPrimariesAt(communityId, key, q.category, since);
    return open.map((t) => ({
      id: String(t._id),
      no: t.no,
      category: t.category,
      place: placeLabel(t.location, t.deviceId),
      status: t.status,
      followerCount: t.linked?.length ?? 0,
      createdAt: t.createdAt.toISOString(),
    }));
  }
}
