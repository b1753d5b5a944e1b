// An FAQ auto-reply rule: keywords and/or a safe pattern → answer, with a priority and an on/off switch.
import { Schema, type Connection, type Model } from 'mongoose';
import type { FaqRuleDto, FaqUnansweredDto } from '@linli/contracts';
import type { Stored } from '../../db/stored';

/** The rule as staff see it, plus who wrote and last changed it. */
export type FaqRuleDoc = Stored<FaqRuleDto, 'createdAt' | 'updatedAt'> & {
  createdBy: string;
  updatedBy: string;
};

const FaqRuleSchema = new Schema<FaqRuleDoc>(
  {
    communityId: { type: String, required: true },
    title: String,
    keywords: { type: [String], default: [] },
    pattern: String,
    answer: { type: String, required: true },
    priority: { type: Number, default: 0 },
    enabled: { type: Boolean, default: true },
    createdBy: String,
    updatedBy: String,
  },
  { timestamps: true, versionKey: false },
);
FaqRuleSchema.index({ communityId: 1, _id: -1 });
FaqRuleSchema.index({ communityId: 1, enabled: 1 });

export function faqRuleModel(conn: Connection): Model<FaqRuleDoc> {
  return (conn.models.FaqRule as Model<FaqRuleDoc>) ?? conn.model<FaqRuleDoc>('FaqRule', FaqRuleSchema, 'faq_rules');
}

/** A question no rule answered, counted per normalised text so staff see what to write rules for. */
export type FaqUnansweredDoc = Stored<FaqUnansweredDto, 'firstAskedAt' | 'lastAskedAt'> & {
  communityId: string;
  /** The question folded (width, case, spacing, punctuation): one count per key. */
  key: string;
};

const FaqUnansweredSchema = new Schema<FaqUnansweredDoc>(
  {
    communityId: { type: String, required: true },
    key: { type: String, required: true },
    text: { type: String, required: true },
    count: { type: Number, default: 0 },
    firstAskedAt: Date,
    lastAskedAt: Date,
  },
  { versionKey: false },
);
FaqUnansweredSchema.index({ communityId: 1, key: 1 }, { unique: true });
FaqUnansweredSchema.index({ communityId: 1, count: -1 });

export function faqUnansweredModel(conn: Connection): Model<FaqUnansweredDoc> {
  return (conn.models.FaqUnanswered as Model<FaqUnansweredDoc>) ??
    conn.model<FaqUnansweredDoc>('FaqUnanswered', FaqUnansweredSchema, 'faq_unanswered');
}

/**
 * A community's rule-set version, raised by every rule change: each server node compares it with the version its
 * compiled matcher was built from, so an edit on one node is answered by every node's next question.
 */
export interface FaqVersionDoc {
  /** The community id. */
  _id: string;
  communityId: string;
  v: number;
}

const FaqVersionSchema = new Schema<FaqVersionDoc>({ _id: String, communityId: { type: String, required: true }, v: { type: Number, required: true } }, { versionKey: false });

export function faqVersionModel(conn: Connection): Model<FaqVersionDoc> {
  return (conn.models.FaqVersion as Model<FaqVersionDoc>) ?? conn.model<FaqVersionDoc>('FaqVersion', FaqVersionSchema, 'faq_versions');
}
