// An FAQ auto-reply rule: keywords and/or a safe pattern → answer, with a priority and an on/off switch.
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface FaqRuleDoc {
  _id: Types.ObjectId;
  communityId: string;
  title?: string;
  keywords: string[];
  pattern?: string;
  answer: string;
  priority: number;
  enabled: boolean;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

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
export interface FaqUnansweredDoc {
  _id: Types.ObjectId;
  communityId: string;
  key: string;
  text: string;
  count: number;
  firstAskedAt: Date;
  lastAskedAt: Date;
}

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
