// Shapes ledger documents for the viewer: residents get published facts; staff also get reviewers and the audit trail.
import type { LedgerEntryDto, LedgerStatementDto } from '@linli/contracts';
import type { UploadsApi } from '../uploads/upload.service';
import type { LedgerEntryDoc, LedgerStatementDoc } from './ledger.model';

export async function ledgerEntryDto(e: LedgerEntryDoc, view: 'staff' | 'resident', uploads: UploadsApi): Promise<LedgerEntryDto> {
  const dto: LedgerEntryDto = {
    id: String(e._id),
    communityId: e.communityId,
    kind: e.kind,
    category: e.category,
    amount: e.amount,
    date: e.date,
    month: e.month,
    ...(e.counterparty ? { counterparty: e.counterparty } : {}),
    description: e.description,
    vouchers: await uploads.attachments(e.communityId, e.vouchers ?? []),
    status: e.status,
    ...(e.reversesId ? { reversesId: e.reversesId } : {}),
    ...(e.reversedById ? { reversedById: e.reversedById } : {}),
    ...(e.publishedAt ? { publishedAt: e.publishedAt.toISOString() } : {}),
    createdAt: e.createdAt.toISOString(),
  };
  if (view === 'staff') {
    dto.createdBy = e.createdBy;
    if (e.approvedBy) dto.approvedBy = e.approvedBy;
    if (e.rejectReason) dto.rejectReason = e.rejectReason;
    if (e.pendingReversalId) dto.pendingReversalId = e.pendingReversalId;
    dto.audit = (e.audit ?? []).map((a) => ({ action: a.action, at: a.at.toISOString(), actor: a.actor, ...(a.note ? { note: a.note } : {}) }));
  }
  return dto;
}

export function ledgerStatementDto(s: LedgerStatementDoc, final: boolean): LedgerStatementDto {
  return {
    communityId: s.communityId,
    month: s.month,
    openingBalance: s.openingBalance,
    income: { total: s.income.total, byCategory: s.income.byCategory.map((c) => ({ category: c.category, amount: c.amount, count: c.count })) },
    expense: { total: s.expense.total, byCategory: s.expense.byCategory.map((c) => ({ category: c.category, amount: c.amount, count: c.count })) },
    closingBalance: s.closingBalance,
    entryCount: s.entryCount,
    generatedAt: s.generatedAt.toISOString(),
    final,
  };
}

/** Fen as a plain decimal for spreadsheets ("-1234.05"), by integer arithmetic. */
export function fenToYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One CSV field: quoted, quotes doubled, and text that a spreadsheet would run as a formula neutralised. */
export function csvField(v: string, isText = true): string {
  let s = v;
  if (isText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const KIND_LABEL = { income: '收入', expense: '支出' } as const;
const STATUS_LABEL = { draft: '待审核', published: '已公开', rejected: '已退回' } as const;

export function ledgerCsv(rows: LedgerEntryDoc[]): string {
  const header = ['编号', '记账日期', '收支', '类别', '金额（元）', '金额（分）', '对方单位', '摘要', '状态', '冲销原账目', '被冲销于', '登记人', '审核人', '公开时间'];
  const lines = [header.map((h) => csvField(h)).join(',')];
  for (const e of rows) {
    lines.push(
      [
        csvField(String(e._id)),
        csvField(e.date),
        csvField(KIND_LABEL[e.kind]),
        csvField(e.category),
        csvField(fenToYuan(e.amount), false),
        csvField(String(e.amount), false),
        csvField(e.counterparty ?? ''),
        csvField(e.description),
        csvField(STATUS_LABEL[e.status]),
        csvField(e.reversesId ?? ''),
        csvField(e.reversedById ?? ''),
        csvField(e.createdBy.name),
        csvField(e.approvedBy?.name ?? ''),
        csvField(e.publishedAt ? e.publishedAt.toISOString() : ''),
      ].join(','),
    );
  }
  // UTF-8 BOM so Excel on Windows opens the Chinese text correctly; CRLF per RFC 4180.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
