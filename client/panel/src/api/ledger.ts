// Typed calls to the property-fee ledger (see contracts/src/ledger.ts).
import type { LedgerEntryCreate, LedgerEntryDto, LedgerStatementDto, LedgerStatus, Page } from '@linli/contracts';
import { download, get, post, qs } from './http';

export const ledgerApi = {
  list: (f: { status?: LedgerStatus; month?: string; cursor?: string; limit?: number }) => get<Page<LedgerEntryDto>>(`/api/ledger/entries${qs({ ...f })}`),
  create: (e: LedgerEntryCreate) => post<LedgerEntryDto>('/api/ledger/entries', e),
  approve: (id: string) => post<LedgerEntryDto>(`/api/ledger/entries/${id}/approve`),
  reject: (id: string, reason: string) => post<LedgerEntryDto>(`/api/ledger/entries/${id}/reject`, { reason }),
  reverse: (id: string, reason: string) => post<LedgerEntryDto>(`/api/ledger/entries/${id}/reverse`, { reason }),
  statements: () => get<{ items: LedgerStatementDto[] }>('/api/ledger/statements'),
  statement: (month: string) => get<LedgerStatementDto>(`/api/ledger/statements/${month}`),
  csv: () => download('/api/ledger/entries.csv', '财务公开账目.csv'),
};
