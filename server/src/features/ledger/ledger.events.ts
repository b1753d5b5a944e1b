// The events the ledger feature emits, merged into the domain event map.
import type { LedgerEntryDoc, LedgerStatementDoc } from './ledger.model';

export interface LedgerEvents {
  /** Ledger (issue 8): an entry was drafted, published, rejected or marked reversed. */
  'ledger.entry.changed': { entry: LedgerEntryDoc; change: 'created' | 'published' | 'rejected' | 'reversed' };
  /** Ledger (issue 8): a monthly statement was generated; residents are told (a system notice and the group bot). */
  'ledger.statement.published': { statement: LedgerStatementDoc };
}
