// Ledger entries (with their audit trail embedded, so each change is one atomic update) and monthly statements.
import { Schema, type Connection, type Model } from 'mongoose';
import type { LedgerAuditDto, LedgerEntryDto, LedgerStatementDto } from '@linli/contracts';
import type { Stored } from '../../db/stored';

export type LedgerActor = LedgerAuditDto['actor'];

export type LedgerAuditEntry = Omit<LedgerAuditDto, 'at'> & { at: Date };

/**
 * An entry as stored: the DTO's fields, with voucher upload ids instead of their signed views, and the staff-only
 * fields (author, audit trail) always present. The amount is integer fen and never changes once written.
 */
export type LedgerEntryDoc = Stored<Omit<LedgerEntryDto, 'vouchers' | 'createdBy' | 'audit'>, 'publishedAt' | 'createdAt'> & {
  vouchers: string[];
  createdBy: LedgerActor;
  audit: LedgerAuditEntry[];
  updatedAt: Date;
};

const ActorSchema = new Schema<LedgerActor>({ id: { type: String, required: true }, name: { type: String, required: true } }, { _id: false });

const AuditSchema = new Schema<LedgerAuditEntry>(
  { action: { type: String, required: true }, at: { type: Date, required: true }, actor: { type: ActorSchema, required: true }, note: String },
  { _id: false },
);

const LedgerEntrySchema = new Schema<LedgerEntryDoc>(
  {
    communityId: { type: String, required: true },
    kind: { type: String, required: true },
    category: { type: String, required: true },
    amount: { type: Number, required: true },
    date: { type: String, required: true },
    month: { type: String, required: true },
    counterparty: String,
    description: { type: String, required: true },
    vouchers: { type: [String], default: [] },
    status: { type: String, required: true },
    reversesId: String,
    reversedById: String,
    pendingReversalId: String,
    createdBy: { type: ActorSchema, required: true },
    approvedBy: ActorSchema,
    rejectReason: String,
    publishedAt: Date,
    audit: { type: [AuditSchema], default: [] },
  },
  { timestamps: true, versionKey: false, minimize: true },
);
LedgerEntrySchema.index({ communityId: 1, _id: -1 });
LedgerEntrySchema.index({ communityId: 1, status: 1, _id: -1 });
LedgerEntrySchema.index({ communityId: 1, status: 1, month: 1 });

/** A statement as stored: the DTO's figures (always final once stored), inserted once per community and month. */
export type LedgerStatementDoc = Omit<LedgerStatementDto, 'generatedAt' | 'final'> & {
  /** `<communityId>:<YYYY-MM>`: one statement per community and month, inserted once. */
  _id: string;
  generatedAt: Date;
  /** Set when residents were notified (claimed once, so a retried timer does not notify twice). */
  notifiedAt?: Date;
};

const TotalsSchema = new Schema(
  { total: { type: Number, required: true }, byCategory: { type: [{ _id: false, category: String, amount: Number, count: Number }], default: [] } },
  { _id: false },
);

const LedgerStatementSchema = new Schema<LedgerStatementDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    month: { type: String, required: true },
    openingBalance: { type: Number, required: true },
    income: { type: TotalsSchema, required: true },
    expense: { type: TotalsSchema, required: true },
    closingBalance: { type: Number, required: true },
    entryCount: { type: Number, required: true },
    generatedAt: { type: Date, required: true },
    notifiedAt: Date,
  },
  { versionKey: false },
);
LedgerStatementSchema.index({ communityId: 1, month: -1 });

export function ledgerEntryModel(conn: Connection): Model<LedgerEntryDoc> {
  return (conn.models.LedgerEntry as Model<LedgerEntryDoc>) ?? conn.model<LedgerEntryDoc>('LedgerEntry', LedgerEntrySchema, 'ledger_entries');
}

export function ledgerStatementModel(conn: Connection): Model<LedgerStatementDoc> {
  return (
    (conn.models.LedgerStatement as Model<LedgerStatementDoc>) ??
    conn.model<LedgerStatementDoc>('LedgerStatement', LedgerStatementSchema, 'ledger_statements')
  );
}
