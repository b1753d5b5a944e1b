// FAQ auto-reply (自动回复): rules (keywords and/or a safe pattern → answer) and the match call used by the bot and the help page.
import { z } from 'zod';
import { IdCursor, text } from './common';

/**
 * The safe pattern language (no regex; compiled by the server into a linear-time matcher):
 *   `医保 缴费`          AND — every term must appear (a space or `&` separates terms)
 *   `医保|医疗保险`      OR  — `|` binds looser than AND
 *   `(医保|社保) 缴费`   grouping with parentheses
 *   `停车 -收费`         NOT — a term prefixed with `-` or `!` must not appear
 *   `物业*费`            wildcard — the parts appear in this order with anything between
 *   `"a|b"`              quotes make special characters literal
 * Full-width characters (（）｜＆！＊) are accepted; matching ignores case and full/half width.
 */
export const FAQ_PATTERN_LIMITS = { maxLength: 300, maxTerms: 32, maxDepth: 6, maxTermLength: 40 } as const;

export const FaqKeyword = z.string().trim().min(1, '关键词不能为空').max(FAQ_PATTERN_LIMITS.maxTermLength, '关键词不能超过 40 个字');

const ruleFields = {
  title: text(60).optional(),
  keywords: z.array(FaqKeyword).max(50, '关键词最多 50 个').optional(),
  pattern: z.string().trim().min(1, '匹配模式不能为空').max(FAQ_PATTERN_LIMITS.maxLength, '匹配模式不能超过 300 个字符').optional(),
  answer: text(2000),
  priority: z.number().int('优先级须为整数').min(0, '优先级为 0-1000').max(1000, '优先级为 0-1000'),
  enabled: z.boolean(),
};

export const FaqRuleCreate = z
  .object({ ...ruleFields, priority: ruleFields.priority.default(0), enabled: ruleFields.enabled.default(true) })
  .strict()
  .refine((r) => (r.keywords?.length ?? 0) > 0 || !!r.pattern, { message: '请填写关键词或匹配模式', path: ['keywords'] });
export type FaqRuleCreate = z.infer<typeof FaqRuleCreate>;

/** `null` clears keywords or pattern; the server checks that the rule keeps at least one of them. */
export const FaqRulePatch = z
  .object({
    title: ruleFields.title.nullable(),
    keywords: ruleFields.keywords.nullable(),
    pattern: ruleFields.pattern.nullable(),
    answer: ruleFields.answer.optional(),
    priority: ruleFields.priority.optional(),
    enabled: ruleFields.enabled.optional(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的内容' });
export type FaqRulePatch = z.infer<typeof FaqRulePatch>;

export const FaqRuleQuery = z
  .object({
    enabled: z.enum(['1', '0']).optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type FaqRuleQuery = z.infer<typeof FaqRuleQuery>;

export const FAQ_MATCH_MAX_CHARS = 2000;
export const FaqMatchRequest = z
  .object({ text: z.string().trim().min(1, '请输入问题').max(FAQ_MATCH_MAX_CHARS, `问题不能超过 ${FAQ_MATCH_MAX_CHARS} 个字`) })
  .strict();
export type FaqMatchRequest = z.infer<typeof FaqMatchRequest>;

/** Staff preview: would this (unsaved) rule answer this question? */
export const FaqRuleTest = z
  .object({
    keywords: ruleFields.keywords,
    pattern: ruleFields.pattern,
    text: FaqMatchRequest.shape.text,
  })
  .strict()
  .refine((r) => (r.keywords?.length ?? 0) > 0 || !!r.pattern, { message: '请填写关键词或匹配模式', path: ['keywords'] });
export type FaqRuleTest = z.infer<typeof FaqRuleTest>;

export interface FaqRuleDto {
  id: string;
  communityId: string;
  title?: string;
  keywords: string[];
  pattern?: string;
  answer: string;
  priority: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FaqMatch {
  ruleId: string;
  title?: string;
  answer: string;
  /** How much of the question the rule explained: total length of the distinct terms that matched. */
  score: number;
}

/** A rule near an unanswered question (您是不是想问…): its topic, and its answer for a client that shows it on a tap. */
export interface FaqSuggestion {
  ruleId: string;
  question: string;
  answer: string;
}

export interface FaqMatchResult {
  match: FaqMatch | null;
  /** When nothing matched: up to three rules near the question, best first (empty when something matched). */
  suggestions: FaqSuggestion[];
}

/** Questions no rule answered (from residents and the bot), most asked first: what staff should write rules for. */
export const FaqUnansweredQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
export type FaqUnansweredQuery = z.infer<typeof FaqUnansweredQuery>;

export interface FaqUnansweredDto {
  id: string;
  /** The question as last asked, phone and ID numbers masked. */
  text: string;
  count: number;
  firstAskedAt: string;
  lastAskedAt: string;
}
