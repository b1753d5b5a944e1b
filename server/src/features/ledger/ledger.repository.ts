// Ledger persistence: inserts, status-checked updates (the only way an entry changes), keyset listing, statements.
import type { Connection, FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import type { LedgerCategory, LedgerKind, LedgerStatus } from '@linli/contracts';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { findSorted } from '../../db/sql-find';
import {
  ledgerEntryModel,
  ledgerStatementModel,
  type LedgerAuditEntry,
  type LedgerEntryDoc,
  type LedgerStatementDoc,
} from './ledger.model';

export interface LedgerListFilter {
  status?: LedgerStatus;
  kind?: LedgerKind;
  category?: LedgerCategory;
  month?: string;
  fromMonth?: string;
  toMonth?: string;
  beforeId?: string;
  limit: number;
}

export type PublishedLine = Pick<LedgerEntryDoc, 'kind' | 'category' | 'amount' | 'month'>;

export class LedgerRepository {
  readonly entries: Model<LedgerEntryDoc>;
  readonly statements: Model<LedgerStatementDoc>;
  constructor(conn: Connection) {
    this.entries = ledgerEntryModel(conn);
    this.statements = ledgerStatementModel(conn);
  }

  async insert(doc: Omit<LedgerEntryDoc, 'createdAt' | 'updatedAt'>): Promise<LedgerEntryDoc> {
    return (await this.entries.create(doc)).toObject();
  }

  /**
   * By bare _id, community checked on the result: FerretDB 1.24 pushes down only a filter that is exactly `{ _id }`
   * (measured at 430 entries: 5 ms, versus 38 ms once communityId joins the filter and it scans the collection).
   */
  async byId(communityId: string, id: string): Promise<LedgerEntryDoc | null> {
    const e = await this.entries.findById(new Types.ObjectId(id)).lean<LedgerEntryDoc>();
    return e && e.communityId === communityId ? e : null;
  }

  many(communityId: string, ids: string[]) {
    const oids = ids.filter((i) => /^[0-9a-f]{24}$/.test(i)).map((i) => new Types.ObjectId(i));
    return this.entries.find(scoped<LedgerEntryDoc>(communityId, { _id: { $in: oids } })).lean<LedgerEntryDoc[]>();
  }

  /**
   * Applies a change only while `cond` still holds (e.g. status still draft); null when someone else got there first.
   * Callers only ever set status/approval/link fields: amount, kind, category, date and text are written once at insert.
   */
  applyIf(
    communityId: string,
    id: string,
    cond: FilterQuery<LedgerEntryDoc>,
    update: { set?: Partial<LedgerEntryDoc>; unset?: Array<keyof LedgerEntryDoc>; audit: LedgerAuditEntry },
  ) {
    const u: UpdateQuery<LedgerEntryDoc> = { $push: { audit: update.audit } };
    if (update.set) u.$set = update.set;
    if (update.unset?.length) u.$unset = Object.fromEntries(update.unset.map((k) => [k, 1]));
    return this.entries
      .findOneAndUpdate(scoped<LedgerEntryDoc>(communityId, { _id: new Types.ObjectId(id), ...cond }), u, { new: true })
      .lean<LedgerEntryDoc>();
  }

  private filter(f: Omit<LedgerListFilter, 'limit'>): FilterQuery<LedgerEntryDoc> {
    const q: FilterQuery<LedgerEntryDoc> = {};
    if (f.status) q.status = f.status;
    if (f.kind) q.kind = f.kind;
    if (f.category) q.category = f.category;
    if (f.month) q.month = f.month;
    else if (f.fromMonth || f.toMonth) q.month = { ...(f.fromMonth ? { $gte: f.fromMonth } : {}), ...(f.toMonth ? { $lte: f.toMonth } : {}) };
    if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
    return q;
  }

  list(communityId: string, f: LedgerListFilter) {
    // Years of entries: PostgreSQL answers the page on the embedded engine (db/sql-find.ts).
    return findSorted<LedgerEntryDoc>(this.entries, scoped(communityId, this.filter(f)), { sort: { _id: -1 }, limit: f.limit });
  }

  /** For CSV export: oldest first by accounting date, bounded. */
  export(communityId: string, f: Omit<LedgerListFilter, 'limit' | 'beforeId'>, max: number) {
    return findSorted<LedgerEntryDoc>(this.entries, scoped(communityId, this.filter(f)), { sort: { date: 1, _id: 1 }, limit: max });
  }

  /** Every published entry dated up to and including `month` (the inputs of a statement), only the fields it sums. */
  publishedThrough(communityId: string, month: string) {
    return this.entries
      .find(scoped<LedgerEntryDoc>(communityId, { status: 'published', month: { $lte: month } }), { kind: 1, category: 1, amount: 1, month: 1, _id: 0 })
      .lean<PublishedLine[]>();
  }

  communitiesWithEntries(): Promise<string[]> {
    return this.entries.distinct('communityId');
  }

  // ---- statements -----------------------------------------------------------------------

  statement(communityId: string, month: string) {
    return this.statements.findOne({ _id: `${communityId}:${month}`, communityId }).lean<LedgerStatementDoc>();
  }

  latestStatement(communityId: string) {
    return this.statements.findOne(scoped<LedgerStatementDoc>(communityId)).sort({ month: -1 }).lean<LedgerStatementDoc>();
  }

  listStatements(communityId: string, limit: number) {
    return this.statements.find(scoped<LedgerStatementDoc>(communityId)).sort({ month: -1 }).limit(limit).lean<LedgerStatementDoc[]>();
  }

  /** Inserts a month's statement once; false when it already existed. */
  async insertStatement(doc: LedgerStatementDoc): Promise<boolean> {
    try {
      await this.statements.create(doc);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Claims the right to notify residents about a statement (at most once). */
  claimNotification(communityId: string, month: string) {
    return this.statements
      .findOneAndUpdate({ _id: `${communityId}:${month}`, communityId, notifiedAt: { $exists: false } }, { $set: { notifiedAt: new Date() } }, { new: true })
      .lean<LedgerStatementDoc>();
  }
}
