// Ledger rules: drafting, four-eyes approval, immutability, reversing entries, monthly statements on a persisted timer.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import {
  LEDGER_ENTRY_TRANSITIONS,
  LEDGER_STATUS_LABELS,
  addMonths,
  shanghaiDay,
  shanghaiMonth,
  type LedgerEntryCreate,
  type LedgerEntryQuery,
  type LedgerExportQuery,
  type LedgerReverseCreate,
  type Principal,
} from '@linli/contracts';
import type { Bus } from '../events';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { lockedWrite, withLock } from '../../db/write-lock';
import { hasRole } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { UploadsApi } from '../uploads/upload.service';
import { isMonthOver, statementDueAt } from './ledger.calendar';
import type { LedgerActor, LedgerAuditEntry, LedgerEntryDoc, LedgerStatementDoc } from './ledger.model';
import { LedgerRepository } from './ledger.repository';
import { computeStatement } from './ledger.statement';

export const STATEMENT_TIMER_KIND = 'ledger.statement';
export const statementTimerKey = (communityId: string, month: string) => `ledger-statement:${communityId}:${month}`;
const EXPORT_MAX_ROWS = 50_000;

export interface LedgerDeps {
  bus: Bus;
  scheduler: Scheduler;
  uploads: UploadsApi;
}

/** What other features may read of the ledger: published entries they link to. */
export type LedgerApi = Pick<LedgerService, 'publishedByIds'>;

const actorOf = (p: Principal): LedgerActor => ({ id: p.id, name: p.name });

export class LedgerService {
  private readonly repo: LedgerRepository;
  /** Timer keys known to exist, so creating entries does not re-read the timer every time. */
  private readonly armed = new Set<string>();

  constructor(
    private readonly conn: Connection,
    private readonly d: LedgerDeps,
  ) {
    this.repo = new LedgerRepository(conn);
  }

  /**
   * Closing a month and publishing into it run one at a time per community: in this process (any engine), and across
   * processes through the embedded engine's advisory lock (two server nodes on one database).
   */
  private closing<T>(communityId: string, fn: () => Promise<T>): Promise<T> {
    const key = `ledger-close:${communityId}`;
    return withLock(key, () => lockedWrite(this.conn, 'ledger_statements', { _id: key }, fn));
  }

  private requireFinance(p: Principal, what: string) {
    if (p.kind !== 'staff') throw forbidden('仅限社区工作人员');
    if (!hasRole(p, 'finance')) throw forbidden(`只有财务或管理员可以${what}`);
  }

  /** Entries may only land after the last published statement, so every statement stays exactly reconcilable. */
  private async requireOpenMonth(communityId: string, month: string) {
    const latest = await this.repo.latestStatement(communityId);
    if (latest && latest.month >= month)
      throw new AppError('CONFLICT', `${latest.month.replace('-', '年')}月及以前的账目已结账公示，不能再记入；请以本月日期登记更正`, { closedThrough: latest.month });
  }

  // ---- drafting and approval --------------------------------------------------------------

  async create(p: Principal, input: LedgerEntryCreate): Promise<LedgerEntryDoc> {
    this.requireFinance(p, '登记账目');
    if (input.date > shanghaiDay()) throw new AppError('VALIDATION', '记账日期不能晚于今天', [{ path: 'date', message: '不能晚于今天' }]);
    const month = input.date.slice(0, 7);
    await this.requireOpenMonth(p.communityId, month);
    const vouchers = [...new Set(input.vouchers)];
    await this.d.uploads.requireAttachable(p, vouchers);
    const now = new Date();
    const doc = await this.repo.insert({
      _id: new Types.ObjectId(),
      communityId: p.communityId,
      kind: input.kind,
      category: input.category,
      amount: input.amount,
      date: input.date,
      month,
      ...(input.counterparty ? { counterparty: input.counterparty } : {}),
      description: input.description,
      vouchers,
      status: 'draft',
      createdBy: actorOf(p),
      audit: [{ action: 'created', at: now, actor: actorOf(p) }],
    });
    await this.ensureStatementTimer(p.communityId);
    this.d.bus.emit('ledger.entry.changed', { entry: doc, change: 'created' });
    return doc;
  }

  async approve(p: Principal, id: string, note?: string): Promise<LedgerEntryDoc> {
    this.requireFinance(p, '审核账目');
    const e = await this.repo.byId(p.communityId, id);
    if (!e) throw notFound('账目');
    if (!LEDGER_ENTRY_TRANSITIONS.approve.from.includes(e.status)) throw this.notDraft(e, '审核');
    // Four eyes: the person who drafted an entry can never be the one who publishes it.
    if (e.createdBy.id === p.id) throw forbidden('不能审核自己登记的账目，需由另一位工作人员审核');
    let original: LedgerEntryDoc | null = null;
    if (e.reversesId) {
      original = await this.repo.byId(p.communityId, e.reversesId);
      if (!original || !LEDGER_ENTRY_TRANSITIONS.reverse.from.includes(original.status) || original.reversedById || original.pendingReversalId !== id)
        throw new AppError('CONFLICT', '原账目状态已变化，不能完成冲销');
    }
    const now = new Date();
    const audit: LedgerAuditEntry = { action: 'approved', at: now, actor: actorOf(p), ...(note ? { note } : {}) };
    // Serialised with statement generation for the month, so a statement never misses an entry published "at midnight".
    const published = await this.closing(p.communityId, async () => {
      await this.requireOpenMonth(p.communityId, e.month);
      return this.repo.applyIf(p.communityId, id, { status: e.status }, { set: { status: 'published', approvedBy: actorOf(p), publishedAt: now }, audit });
    });
    if (!published) {
      const current = await this.repo.byId(p.communityId, id);
      throw this.notDraft(current ?? e, '审核', true);
    }
    if (original) {
      const marked = await this.repo.applyIf(
        p.communityId,
        String(original._id),
        { status: original.status, reversedById: { $exists: false } },
        { set: { reversedById: id }, unset: ['pendingReversalId'], audit: { action: 'reversed', at: now, actor: actorOf(p), note: `冲销账目 ${id}` } },
      );
      if (marked) this.d.bus.emit('ledger.entry.changed', { entry: marked, change: 'reversed' });
    }
    this.d.bus.emit('ledger.entry.changed', { entry: published, change: 'published' });
    return published;
  }

  async reject(p: Principal, id: string, reason: string): Promise<LedgerEntryDoc> {
    this.requireFinance(p, '退回账目');
    const e = await this.repo.byId(p.communityId, id);
    if (!e) throw notFound('账目');
    if (!LEDGER_ENTRY_TRANSITIONS.reject.from.includes(e.status)) throw this.notDraft(e, '退回');
    const now = new Date();
    const rejected = await this.repo.applyIf(
      p.communityId,
      id,
      { status: e.status },
      { set: { status: 'rejected', rejectReason: reason }, audit: { action: 'rejected', at: now, actor: actorOf(p), note: reason } },
    );
    if (!rejected) throw this.notDraft((await this.repo.byId(p.communityId, id)) ?? e, '退回', true);
    if (e.reversesId) {
      // The original may be reversed again later.
      await this.repo.applyIf(
        p.communityId,
        e.reversesId,
        { pendingReversalId: id },
        { unset: ['pendingReversalId'], audit: { action: 'rejected', at: now, actor: actorOf(p), note: `冲销申请被退回：${reason}` } },
      );
    }
    this.d.bus.emit('ledger.entry.changed', { entry: rejected, change: 'rejected' });
    return rejected;
  }

  /** Drafts a reversing entry (same kind and category, negated amount) that needs another person's approval. */
  async reverse(p: Principal, id: string, input: LedgerReverseCreate): Promise<LedgerEntryDoc> {
    this.requireFinance(p, '冲销账目');
    const orig = await this.repo.byId(p.communityId, id);
    if (!orig) throw notFound('账目');
    if (!LEDGER_ENTRY_TRANSITIONS.reverse.from.includes(orig.status))
      throw new AppError('CONFLICT', '只有已公开的账目需要冲销；草稿可直接退回', { status: orig.status });
    if (orig.reversesId) throw new AppError('CONFLICT', '冲销账目本身不能再被冲销，请登记一笔新的账目');
    if (orig.reversedById) throw new AppError('CONFLICT', '该账目已被冲销');
    if (orig.pendingReversalId) throw new AppError('CONFLICT', '该账目已有待审核的冲销申请');
    const date = input.date ?? shanghaiDay();
    if (date > shanghaiDay()) throw new AppError('VALIDATION', '记账日期不能晚于今天', [{ path: 'date', message: '不能晚于今天' }]);
    if (date < orig.date) throw new AppError('VALIDATION', '冲销日期不能早于原账目日期', [{ path: 'date', message: '不能早于原账目日期' }]);
    const month = date.slice(0, 7);
    await this.requireOpenMonth(p.communityId, month);

    const reversalId = new Types.ObjectId();
    const now = new Date();
    const claimed = await this.repo.applyIf(
      p.communityId,
      id,
      { status: orig.status, reversedById: { $exists: false }, pendingReversalId: { $exists: false } },
      { set: { pendingReversalId: String(reversalId) }, audit: { action: 'reverse-requested', at: now, actor: actorOf(p), note: input.reason } },
    );
    if (!claimed) throw new AppError('CONFLICT', '该账目已有冲销申请或已被冲销');
    try {
      const doc = await this.repo.insert({
        _id: reversalId,
        communityId: p.communityId,
        kind: orig.kind,
        category: orig.category,
        amount: -orig.amount,
        date,
        month,
        ...(orig.counterparty ? { counterparty: orig.counterparty } : {}),
        description: `冲销：${orig.description}（原因：${input.reason}）`.slice(0, 600),
        vouchers: [],
        status: 'draft',
        reversesId: id,
        createdBy: actorOf(p),
        audit: [{ action: 'created', at: now, actor: actorOf(p), note: input.reason }],
      });
      await this.ensureStatementTimer(p.communityId);
      this.d.bus.emit('ledger.entry.changed', { entry: doc, change: 'created' });
      return doc;
    } catch (err) {
      await this.repo.applyIf(
        p.communityId,
        id,
        { pendingReversalId: String(reversalId) },
        { unset: ['pendingReversalId'], audit: { action: 'rejected', at: new Date(), actor: { id: 'system', name: '系统' }, note: '冲销申请未能保存' } },
      );
      throw err;
    }
  }

  private notDraft(e: LedgerEntryDoc, verb: string, raced = false): AppError {
    return new AppError(
      'CONFLICT',
      `${raced ? '账目刚被他人处理，' : ''}该账目${LEDGER_STATUS_LABELS[e.status]}，不能${verb}${e.status === 'published' ? '（已公开的账目不可修改，如有错误请冲销）' : ''}`,
      { status: e.status },
    );
  }

  // ---- reading ------------------------------------------------------------------------------

  async get(p: Principal, id: string): Promise<LedgerEntryDoc> {
    const e = await this.repo.byId(p.communityId, id);
    if (!e || (p.kind !== 'staff' && e.status !== 'published')) throw notFound('账目');
    return e;
  }

  /** Published entries by id (for links from other features); drafts never leak. */
  async publishedByIds(communityId: string, ids: string[]): Promise<LedgerEntryDoc[]> {
    if (!ids.length) return [];
    const found = await this.repo.many(communityId, ids);
    const byId = new Map(found.filter((e) => e.status === 'published').map((e) => [String(e._id), e]));
    return ids.map((i) => byId.get(i)).filter((e): e is LedgerEntryDoc => !!e);
  }

  async list(p: Principal, q: LedgerEntryQuery) {
    if (p.kind !== 'staff' && q.status && q.status !== 'published') throw forbidden('居民只能查看已公开的账目');
    const items = await this.repo.list(p.communityId, {
      status: p.kind === 'staff' ? q.status : 'published',
      kind: q.kind,
      category: q.category,
      month: q.month,
      beforeId: decodeCursor(q.cursor),
      limit: q.limit,
    });
    return { items, nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null };
  }

  async exportRows(p: Principal, q: LedgerExportQuery): Promise<LedgerEntryDoc[]> {
    if (p.kind !== 'staff') throw forbidden('仅限社区工作人员');
    if (q.from && q.to && q.from > q.to) throw new AppError('VALIDATION', '起始月份不能晚于结束月份');
    const rows = await this.repo.export(p.communityId, { status: q.status, fromMonth: q.from, toMonth: q.to }, EXPORT_MAX_ROWS + 1);
    if (rows.length > EXPORT_MAX_ROWS) throw new AppError('TOO_LARGE', `导出超过 ${EXPORT_MAX_ROWS} 条，请缩小月份范围`);
    return rows;
  }

  // ---- statements ---------------------------------------------------------------------------

  listStatements(p: Principal, limit: number) {
    return this.repo.listStatements(p.communityId, limit);
  }

  /** The final statement of a month; staff may also preview a month that is not closed yet. */
  async statement(p: Principal, month: string): Promise<{ statement: LedgerStatementDoc; final: boolean }> {
    const stored = await this.repo.statement(p.communityId, month);
    if (stored) return { statement: stored, final: true };
    if (p.kind !== 'staff') throw new AppError('NOT_FOUND', '该月账单尚未生成（每月 1 日自动生成上月账单）');
    if (month > shanghaiMonth()) throw new AppError('VALIDATION', '不能预览未来月份的账单');
    return { statement: await this.figures(p.communityId, month), final: false };
  }

  private async figures(communityId: string, month: string): Promise<LedgerStatementDoc> {
    const lines = await this.repo.publishedThrough(communityId, month);
    return { _id: `${communityId}:${month}`, communityId, month, generatedAt: new Date(), ...computeStatement(lines, month) };
  }

  /** Generates a closed month's statement once (idempotent); the caller learns whether this call created it. */
  async generateStatement(communityId: string, month: string): Promise<{ statement: LedgerStatementDoc; created: boolean }> {
    if (!isMonthOver(month)) throw new AppError('CONFLICT', '本月尚未结束，不能生成账单');
    return this.closing(communityId, async () => {
      const existing = await this.repo.statement(communityId, month);
      if (existing) return { statement: existing, created: false };
      const doc = await this.figures(communityId, month);
      const created = await this.repo.insertStatement(doc);
      return { statement: created ? doc : (await this.repo.statement(communityId, month))!, created };
    });
  }

  /** Staff trigger for a month the timer missed (e.g. ledger started mid-way); notifies like the timer does. */
  async generateNow(p: Principal, month: string) {
    this.requireFinance(p, '生成账单');
    const r = await this.generateStatement(p.communityId, month);
    await this.announce(p.communityId, month);
    return r;
  }

  private async announce(communityId: string, month: string) {
    const claimed = await this.repo.claimNotification(communityId, month);
    if (claimed) this.d.bus.emit('ledger.statement.published', { statement: claimed });
  }

  /**
   * At boot: every community with a ledger has its current month's statement timer (the chain re-arms itself after that).
   * Persisted, and stored only when that key is absent, so a boot never moves a timer already there (whatever its state).
   */
  async statementJobsAtBoot(): Promise<Array<TimerJob & { persist: true }>> {
    const month = shanghaiMonth();
    return (await this.repo.communitiesWithEntries()).map((communityId) => ({
      ...this.statementJob(communityId, month, statementDueAt(month)),
      persist: true as const,
    }));
  }

  /** Arms the timer that closes `month` (default: the current Shanghai month) unless it exists already. */
  async ensureStatementTimer(communityId: string, month = shanghaiMonth()): Promise<void> {
    const key = statementTimerKey(communityId, month);
    if (this.armed.has(key)) return;
    if (!(await this.d.scheduler.get(key))) await this.scheduleStatement(communityId, month, statementDueAt(month));
    this.armed.add(key);
  }

  /** Persists the statement timer for `month` at `fireAt` (normally the 1st of the next month, 00:00 Shanghai). */
  scheduleStatement(communityId: string, month: string, fireAt: Date) {
    return this.d.scheduler.schedule(this.statementJob(communityId, month, fireAt));
  }

  private statementJob(communityId: string, month: string, fireAt: Date): TimerJob {
    return { key: statementTimerKey(communityId, month), communityId, kind: STATEMENT_TIMER_KIND, fireAt, payload: { month } };
  }

  /** The statement timer: closes its month (idempotent), announces it once, and arms the next month. */
  async onStatementDue(job: TimerJob): Promise<void> {
    const month = String(job.payload.month);
    if (!isMonthOver(month)) {
      // Fired early (clock change or a hand-scheduled timer): re-arm for the real due time under the same key.
      await this.scheduleStatement(job.communityId, month, statementDueAt(month));
      return;
    }
    await this.generateStatement(job.communityId, month);
    await this.announce(job.communityId, month);
    const next = addMonths(month, 1);
    const nextKey = statementTimerKey(job.communityId, next);
    if (!(await this.d.scheduler.get(nextKey))) await this.scheduleStatement(job.communityId, next, statementDueAt(next));
  }
}
