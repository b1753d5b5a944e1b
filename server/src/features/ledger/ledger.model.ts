// Ledger entries (with their audit trail embedded, so each change is one atomic update) and monthly statements.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { LedgerAuditAction, LedgerCategory, LedgerCategoryTotal, LedgerKind, LedgerStatus } from '@linli/contracts';

export interface LedgerActor {
  id: string;
  name: string;
}

export interface LedgerAuditEntry {
  action: LedgerAuditAction;
  at: Date;
  actor: LedgerActor;
  note?: string;
}

export interface LedgerEntryDoc {
  _id: Types.ObjectId;
  communityId: string;
  kind: LedgerKind;
  category: LedgerCategory;
  /** Integer fen; negative only on reversing entries. Never changes once written. */
  amount: number;
  date: string;
  month: string;
  counterparty?: string;
  description: string;
  vouchers: string[];
  status: LedgerStatus;
  reversesId?: string;
  reversedById?: string;
  pendingReversalId?: string;
  createdBy: LedgerActor;
  approvedBy?: LedgerActor;
  rejectReason?: string;
  publishedAt?: Date;
  audit: LedgerAuditEntry[];
  createdAt: Date;
  updatedAt: Date;
}

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

export interface LedgerStatementDoc {
  /** `<communityId>:<YYYY-MM>`: one statement per community and month, inserted once. */
  _id: string;
  communityId: string;
  month: string;
  openingBalance: number;
  income: { total: number; byCategory: LedgerCategoryTotal[] };
  expense: { total: number; byCategory: LedgerCategoryTotal[] };
  closingBalance: number;
  entryCount: number;
  generatedAt: Date;
  /** Set when residents were notified (claimed once, so a retried timer does not notify twice). */
  notifiedAt?: Date;
}

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
