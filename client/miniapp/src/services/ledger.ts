// Property-fee ledger (财务公开) for residents: monthly statements and the published entries behind them.
import type { LedgerCategoryTotal, LedgerEntryDto, LedgerStatementDto, Page } from '@linli/contracts';
import { api } from './api';

export const listStatements = () => api.get<{ items: LedgerStatementDto[] }>('/ledger/statements?limit=24');

export const monthEntries = (month: string, cursor?: string | null) =>
  api.get<Page<LedgerEntryDto>>(`/ledger/entries?month=${month}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

/** Share of each category in a total, as whole percents for bar widths (largest first). */
export function shares(byCategory: LedgerCategoryTotal[]): Array<LedgerCategoryTotal & { percent: number }> {
  const total = byCategory.reduce((s, c) => s + Math.max(0, c.amount), 0);
  return byCategory
    .filter((c) => c.amount > 0)
    .sort((a, b) => b.amount - a.amount)
    .map((c) => ({ ...c, percent: total ? Math.max(1, Math.round((c.amount * 100) / total)) : 0 }));
}
