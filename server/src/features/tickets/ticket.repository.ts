// Ticket persistence: conditional (status-checked) updates, keyset listing, idempotency keys.
import type { Connection, FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { OPEN_TICKET_STATUSES, type TicketStatus } from '@linli/contracts';
import { SEARCH_MAX_TIME_MS, searchResult } from '../../core/concurrency';
import { isDuplicateKey } from '../../db/connection';
import { insertBatched } from '../../db/insert-batch';
import { scoped } from '../../db/scope';
import { findSorted } from '../../db/sql-find';
import { TicketPlaces } from './ticket.places';
import { idempotencyModel, ticketModel, type IdempotencyDoc, type TicketDoc, type TimelineEntry } from './ticket.model';

export interface TicketListFilter {
  statuses?: TicketStatus[];
  category?: string;
  assigneeId?: string;
  reporterResidentId?: string;
  buildings?: string[] | null;
  building?: string;
  overdue?: boolean;
  revisit?: string;
  q?: string;
  beforeId?: string;
  limit: number;
}

/** What the service KPIs read of a ticket. */
export type TicketStatsRow = Pick<
  TicketDoc,
  '_id' | 'communityId' | 'no' | 'category' | 'status' | 'createdAt' | 'signDueAt' | 'signedAt' | 'slaDueAt' | 'resolvedAt' | 'rating' | 'duplicateOf' | 'assigneeId' | 'assigneeName' | 'location' | 'title' | 'deviceId'
>;

/** `reporter` is Mixed in the schema; these of its fields always hold plain values (contracts' Reporter). */
const REPORTER_PATHS = ['reporter.residentId', 'reporter.wechatId', 'reporter.wechatName'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class TicketRepository {
  readonly model: Model<TicketDoc>;
  private readonly idem: Model<IdempotencyDoc>;
  private readonly places: TicketPlaces;
  constructor(conn: Connection) {
    this.model = ticketModel(conn);
    this.idem = idempotencyModel(conn);
    this.places = new TicketPlaces(conn);
  }

  /** Group-committed with the inserts of the same moment (db/insert-batch.ts): a burst of reports is one write. */
  insert(doc: Omit<TicketDoc, 'createdAt' | 'updatedAt'> & { createdAt?: Date }): Promise<TicketDoc> {
    return insertBatched<TicketDoc>(this.model, doc as unknown as Record<string, unknown>);
  }

  byId(communityId: string, id: string) {
    return this.model.findOne(scoped<TicketDoc>(communityId, { _id: new Types.ObjectId(id) })).lean<TicketDoc>();
  }

  byNo(communityId: string, no: string) {
    return this.model.findOne(scoped<TicketDoc>(communityId, { no })).lean<TicketDoc>();
  }

  /**
   * Claims an idempotency key for a new ticket id. Returns the ticket id that owns the key:
   * the given one if we won, or the one an earlier request claimed.
   * The key is scoped to its caller (`kind:id`): the same key from someone else is a different key, so a replay never
   * hands back another person's ticket.
   */
  async claimKey(communityId: string, caller: string, key: string, ticketId: Types.ObjectId): Promise<Types.ObjectId> {
    const _id = `${communityId}:${caller}:${key}`;
    try {
      await this.idem.create({ _id, ticketId });
      return ticketId;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.idem.findById(_id).lean<IdempotencyDoc>();
      return existing!.ticketId;
    }
  }

  /** Applies a change only if the ticket is still in one of `from`; null means someone else moved it first. */
  applyIf(
    communityId: string,
    id: string,
    cond: FilterQuery<TicketDoc>,
    update: {
      set?: Partial<TicketDoc>;
      unset?: string[];
      push?: TimelineEntry;
      inc?: Record<string, number>;
      /** A report joins this primary's linked list. */
      link?: NonNullable<TicketDoc['linked']>[number];
      /** A ladder step done (added once). */
      mark?: string;
      /** A report leaves this primary's linked list (the whole element: FerretDB 1.24 pulls by equality, not by a condition). */
      unlink?: NonNullable<TicketDoc['linked']>[number];
    },
  ) {
    const u: UpdateQuery<TicketDoc> = {};
    if (update.set) u.$set = update.set;
    if (update.unset?.length) u.$unset = Object.fromEntries(update.unset.map((k) => [k, 1]));
    if (update.push || update.link) {
      u.$push = {
        ...(update.push ? { timeline: update.push } : {}),
        ...(update.link ? { linked: update.link } : {}),
      };
    }
    if (update.unlink) {
      const { id, no, household } = update.unlink;
      u.$pull = { linked: { id, no, household } };
    }
    if (update.inc) u.$inc = update.inc;
    if (update.mark) u.$addToSet = { ladder: update.mark };
    return this.model
      .findOneAndUpdate(scoped<TicketDoc>(communityId, { _id: new Types.ObjectId(id), ...cond }), u, { new: true })
      .lean<TicketDoc>();
  }

  /**
   * Open primaries (not themselves duplicates) of one place and category reported since `since`, oldest first: the place index
   * names the candidates and each is read by _id (on the embedded FerretDB a filtered query would scan every ticket).
   */
  async openPrimariesAt(communityId: string, placeKey: string, category: string, since: Date): Promise<TicketDoc[]> {
    const ids = await this.places.recent(communityId, placeKey, category, since);
    const docs = await Promise.all(ids.map((id) => this.byId(communityId, id)));
    return docs.filter(
      (t): t is TicketDoc => !!t && t.placeKey === placeKey && t.category === category && !t.duplicateOf?.id && OPEN_TICKET_STATUSES.includes(t.status),
    );
  }

  /** Records a new primary in the place index. */
  notePrimary(t: Pick<TicketDoc, '_id' | 'communityId' | 'placeKey' | 'category' | 'createdAt'>): Promise<void> {
    if (!t.placeKey) return Promise.resolve();
    return this.places.add(t.communityId, t.placeKey, t.category, String(t._id), t.createdAt);
  }

  /** The fields the service KPIs are computed from, for tickets filed in [from, to) (optionally within some buildings). */
  filedBetween(communityId: string, from: Date, to: Date, buildings: string[] | null) {
    const q: FilterQuery<TicketDoc> = { createdAt: { $gte: from, $lt: to } };
    if (buildings) q['location.building'] = { $in: buildings };
    const select = ['communityId', 'no', 'category', 'status', 'createdAt', 'signDueAt', 'signedAt', 'slaDueAt', 'resolvedAt', 'rating', 'duplicateOf', 'assigneeId', 'assigneeName', 'location', 'title', 'deviceId'];
    return findSorted<TicketStatsRow>(this.model, scoped<TicketDoc>(communityId, q), { sort: { createdAt: 1 }, select });
  }

  /** Every ticket of the community whose timeline has one of these entries (督办, 超时升级, 街道): the street's reads. */
  withTimelineKind(communityId: string, kinds: TimelineEntry['kind'][]) {
    return this.model.find(scoped<TicketDoc>(communityId, { 'timeline.kind': { $in: kinds } })).lean<TicketDoc[]>();
  }

  /** System-wide (all communities): open tickets not yet escalated, to re-arm their SLA deadlines at boot (a duplicate rides on its primary's). */
  awaitingEscalation() {
    return findSorted<Pick<TicketDoc, '_id' | 'communityId' | 'slaDueAt'>>(
      this.model,
      { status: { $in: [...OPEN_TICKET_STATUSES] }, escalatedAt: { $exists: false }, 'duplicateOf.id': { $exists: false } },
      { sort: { _id: 1 }, select: ['communityId', 'slaDueAt'] },
    );
  }

  /** Tickets that came in through the bot from one WeChat user, newest first (我的工单). */
  ofBotReporter(communityId: string, who: { wechatName?: string; wechatId?: string }, limit: number) {
    const or: FilterQuery<TicketDoc>[] = [];
    if (who.wechatId) or.push({ 'reporter.wechatId': who.wechatId });
    if (who.wechatName) or.push({ 'reporter.wechatName': who.wechatName });
    if (!or.length) return Promise.resolve([] as TicketDoc[]);
    return findSorted<TicketDoc>(this.model, scoped<TicketDoc>(communityId, { channel: 'bot', $or: or }), { sort: { _id: -1 }, limit, scalar: REPORTER_PATHS });
  }

  list(communityId: string, f: TicketListFilter) {
    const q: FilterQuery<TicketDoc> = {};
    if (f.statuses?.length) q.status = f.statuses.length === 1 ? f.statuses[0] : { $in: f.statuses };
    if (f.category) q.category = f.category;
    if (f.assigneeId) q.assigneeId = f.assigneeId;
    if (f.reporterResidentId) q['reporter.residentId'] = f.reporterResidentId;
    if (f.buildings) q['location.building'] = { $in: f.buildings };
    if (f.building) q['location.building'] = f.buildings ? { $in: f.buildings.filter((b) => b === f.building) } : f.building;
    if (f.overdue) {
      q.slaDueAt = { $lt: new Date() };
      if (!q.status) q.status = { $in: [...OPEN_TICKET_STATUSES] };
    }
    if (f.revisit) q['revisit.status'] = f.revisit;
    if (f.q) {
      const rx = new RegExp(escapeRegex(f.q));
      q.$or = [{ no: rx }, { title: rx }, { description: rx }];
    }
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    // On the embedded engine PostgreSQL answers the page itself (db/sql-find.ts: FerretDB would sort every match in memory).
    const page = findSorted<TicketDoc>(this.model, scoped<TicketDoc>(communityId, q), { sort: { _id: -1 }, limit: f.limit, scalar: REPORTER_PATHS, maxTimeMS: f.q ? SEARCH_MAX_TIME_MS : undefined });
    // A regex cannot use an index elsewhere: its scan is bounded by time, and a timeout is said in Chinese.
    return f.q ? searchResult(page) : page;
  }
}
