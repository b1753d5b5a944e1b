// Property-fee ledger (财务公开): categories, entry and statement payloads, shared by server, panel and mini-program.
import { z } from 'zod';
import { IdCursor, ObjectIdString, text } from './common';
import type { AttachmentDto } from './tickets';

export const LEDGER_KINDS = ['income', 'expense'] as const;
export const LedgerKind = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof LedgerKind>;

export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { income: '收入', expense: '支出' };

/** Categories per kind; a category belongs to exactly one kind. */
export const LEDGER_CATEGORIES = {
  income: ['物业费', '停车费', '公共收益', '维修基金', '财政补助', '其他收入'],
  expense: ['保洁', '绿化', '安保', '设施维修', '水电公摊', '人员工资', '改造工程', '办公', '其他支出'],
} as const satisfies Record<LedgerKind, readonly string[]>;
export const LEDGER_CATEGORY_LIST = [...LEDGER_CATEGORIES.income, ...LEDGER_CATEGORIES.expense] as const;
export const LedgerCategory = z.enum(LEDGER_CATEGORY_LIST);
export type LedgerCategory = z.infer<typeof LedgerCategory>;

export const LEDGER_STATUSES = ['draft', 'published', 'rejected'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = { draft: '待审核', published: '已公开', rejected: '已退回' };

/** approve/reject: a second person reviews a draft; reverse: a published entry gets a reversing draft (it is never edited). */
export const LEDGER_ENTRY_ACTIONS = ['approve', 'reject', 'reverse'] as const;
export type LedgerEntryAction = (typeof LEDGER_ENTRY_ACTIONS)[number];

export interface LedgerEntryTransition {
  from: readonly LedgerStatus[];
  /** null: the entry keeps its status (a reversal is a new draft; the original stays published and gains reversedById). */
  to: LedgerStatus | null;
}

/** The one ledger-entry transition table. Server enforces it; the panel shows only legal buttons. */
export const LEDGER_ENTRY_TRANSITIONS: Record<LedgerEntryAction, LedgerEntryTransition> = {
  approve: { from: ['draft'], to: 'published' },
  reject: { from: ['draft'], to: 'rejected' },
  reverse: { from: ['published'], to: null },
};

export function legalLedgerEntryActions(status: LedgerStatus): LedgerEntryAction[] {
  return LEDGER_ENTRY_ACTIONS.filter((a) => LEDGER_ENTRY_TRANSITIONS[a].from.includes(status));
}

/** Largest single entry: 1 亿元 in fen. Keeps every sum far inside the safe-integer range. */
export const LEDGER_MAX_AMOUNT = 10_000_000_000;

/** Accounting date on the Asia/Shanghai calendar, e.g. "2026-03-15". */
export const LedgerDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01';
  }, '日期不存在');

/** A statement month, e.g. "2026-03". */
export const LedgerMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const LedgerEntryCreate = z
  .object({
    kind: LedgerKind,
    category: LedgerCategory,
    /** Integer fen (分), positive; the kind gives the sign. */
    amount: z
      .number({ invalid_type_error: '金额必须是数字' })
      .int('金额以分为单位，必须是整数')
      .positive('金额必须大于 0')
      .max(LEDGER_MAX_AMOUNT, '金额超出上限'),
    date: LedgerDate,
    counterparty: text(60).optional(),
    description: text(500),
    /** Upload ids of vouchers (发票、收据、合同照片). */
    vouchers: z.array(ObjectIdString).max(9, '最多 9 张凭证').default([]),
  })
  .strict()
  .refine((e) => (LEDGER_CATEGORIES[e.kind] as readonly string[]).includes(e.category), {
    message: '类别与收支类型不符',
    path: ['category'],
  });
export type LedgerEntryCreate = z.infer<typeof LedgerEntryCreate>;

export const LedgerReview = z.object({ note: text(200).optional() }).strict();
export type LedgerReview = z.infer<typeof LedgerReview>;

export const LedgerReject = z.object({ reason: text(200) }).strict();
export type LedgerReject = z.infer<typeof LedgerReject>;

export const LedgerReverseCreate = z
  .object({
    reason: text(200),
    /** Date of the reversing entry; defaults to today (Asia/Shanghai). */
    date: LedgerDate.optional(),
  })
  .strict();
export type LedgerReverseCreate = z.infer<typeof LedgerReverseCreate>;

export const LedgerEntryQuery = z
  .object({
    status: z.enum(LEDGER_STATUSES).optional(),
    kind: LedgerKind.optional(),
    category: LedgerCategory.optional(),
    month: LedgerMonth.optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type LedgerEntryQuery = z.infer<typeof LedgerEntryQuery>;

export const LedgerExportQuery = z
  .object({
    from: LedgerMonth.optional(),
    to: LedgerMonth.optional(),
    status: z.enum(LEDGER_STATUSES).optional(),
  })
  .strict();
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;

export const LedgerStatementQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(60).default(24) })
  .strict();

export type LedgerAuditAction = 'created' | 'approved' | 'rejected' | 'reverse-requested' | 'reversed';

export interface LedgerAuditDto {
  action: LedgerAuditAction;
  at: string;
  actor: { id: string; name: string };
  note?: string;
}

/** What residents see: published entries only, no audit trail. Amount is signed only for reversals. */
export interface LedgerEntryDto {
  id: string;
  communityId: string;
  kind: LedgerKind;
  category: LedgerCategory;
  /** Integer fen; negative on a reversing entry (same kind and category as the original). */
  amount: number;
  date: string;
  month: string;
  counterparty?: string;
  description: string;
  vouchers: AttachmentDto[];
  status: LedgerStatus;
  /** This entry reverses (冲销) that one. */
  reversesId?: string;
  /** This entry was reversed by that one. */
  reversedById?: string;
  publishedAt?: string;
  createdAt: string;
  /** Staff view only. */
  createdBy?: { id: string; name: string };
  approvedBy?: { id: string; name: string };
  rejectReason?: string;
  pendingReversalId?: string;
  audit?: LedgerAuditDto[];
}

export interface LedgerCategoryTotal {
  category: LedgerCategory;
  amount: number;
  count: number;
}

export interface LedgerStatementDto {
  communityId: string;
  month: string;
  /** Balance carried in: every published entry dated before the month, income minus expense, in fen. */
  openingBalance: number;
  income: { total: number; byCategory: LedgerCategoryTotal[] };
  expense: { total: number; byCategory: LedgerCategoryTotal[] };
  /** openingBalance + income.total − expense.total, exactly. */
  closingBalance: number;
  entryCount: number;
  generatedAt: string;
  /** false for a live preview of a month not closed yet (staff only). */
  final: boolean;
}

/** Fen → "1,234.56" for display (integer arithmetic, no floating point). */
export function formatFen(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Socket `ledger:updated` (staff room): an entry was drafted, published, rejected or marked reversed. */
export interface LedgerUpdatedEvent {
  change: 'created' | 'published' | 'rejected' | 'reversed';
  entry: LedgerEntryDto;
}
