// Pure statement arithmetic: opening balance, totals by category and closing balance, in integer fen only.
import type { LedgerCategoryTotal, LedgerKind } from '@linli/contracts';
import type { PublishedLine } from './ledger.repository';

export interface StatementFigures {
  openingBalance: number;
  income: { total: number; byCategory: LedgerCategoryTotal[] };
  expense: { total: number; byCategory: LedgerCategoryTotal[] };
  closingBalance: number;
  entryCount: number;
}

function add(a: number, b: number): number {
  const s = a + b;
  // Inputs are integers bounded per entry; a sum outside the safe range would silently lose fen.
  if (!Number.isSafeInteger(s)) throw new Error('ledger sum left the safe-integer range');
  return s;
}

const signed = (l: Pick<PublishedLine, 'kind' | 'amount'>) => (l.kind === 'income' ? l.amount : -l.amount);

/** Figures for `month` from every published line dated up to the end of that month. */
export function computeStatement(lines: PublishedLine[], month: string): StatementFigures {
  let opening = 0;
  let entryCount = 0;
  const sums: Record<LedgerKind, Map<string, { amount: number; count: number }>> = { income: new Map(), expense: new Map() };
  for (const l of lines) {
    if (!Number.isSafeInteger(l.amount)) throw new Error('ledger amount is not an integer');
    if (l.month < month) opening = add(opening, signed(l));
    else if (l.month === month) {
      entryCount++;
      const m = sums[l.kind];
      const cur = m.get(l.category) ?? { amount: 0, count: 0 };
      m.set(l.category, { amount: add(cur.amount, l.amount), count: cur.count + 1 });
    }
  }
  const totals = (kind: LedgerKind) => {
    const byCategory = [...sums[kind].entries()]
      .map(([category, v]) => ({ category, amount: v.amount, count: v.count }) as LedgerCategoryTotal)
      .sort((a, b) => b.amount - a.amount || a.category.localeCompare(b.category));
    return { total: byCategory.reduce((s, c) => add(s, c.amount), 0), byCategory };
  };
  const income = totals('income');
  const expense = totals('expense');
  return { openingBalance: opening, income, expense, closingBalance: add(add(opening, income.total), -expense.total), entryCount };
}
