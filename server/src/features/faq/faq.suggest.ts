// 您是不是想问…: when no rule answers a question, the rules whose topic is nearest, by a MiniSearch index over Chinese bigrams.
import MiniSearch from 'minisearch';
import { normalizeText } from './faq.text';

export interface SuggestableRule {
  id: string;
  title?: string;
  keywords: string[];
  pattern?: string;
  answer: string;
}

export interface FaqSuggestionHit {
  ruleId: string;
  question: string;
  answer: string;
}

export const MAX_SUGGESTIONS = 3;
// Bigrams that say nothing about the topic (how residents open any question).
const FILLER = new Set(['社区', '小区', '请问', '怎么', '什么', '哪里', '可以', '我们', '一下', '是不', '不是', '多少', '我家', '我想', '知道', '想问']);
// Anything a suggestion must reach, relative to the best one: weak tails are noise.
const RELATIVE_FLOOR = 0.35;

/**
 * Chinese has no spaces: each run of Han characters becomes its overlapping bigrams (a lone character stays itself);
 * runs of letters and digits are words. Normalised first (width, case), like the matcher.
 */
export function bigramTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).match(/\p{Script=Han}+|[a-z0-9]+/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run) || run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out.filter((t) => !FILLER.has(t));
}

/** The topic a suggestion names: the rule's title, else its first keywords. */
const questionOf = (r: SuggestableRule) => r.title ?? r.keywords.slice(0, 3).join('、');

// The pattern language's operators are not words.
const patternWords = (p?: string) => (p ?? '').replace(/[()|&!*"\-（）｜＆！＊]/g, ' ');

export class FaqSuggester {
  private readonly index: MiniSearch<{ id: string; title: string; keywords: string; pattern: string; answer: string }>;
  private readonly rules = new Map<string, SuggestableRule>();

  constructor(rules: SuggestableRule[]) {
    this.index = new MiniSearch({
      fields: ['title', 'keywords', 'pattern', 'answer'],
      tokenize: bigramTokens,
      // Tokens are already normalised bigrams.
      processTerm: (t) => t,
      searchOptions: { boost: { title: 3, keywords: 2, pattern: 2, answer: 0.5 }, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    const usable = rules.filter((r) => questionOf(r));
    for (const r of usable) this.rules.set(r.id, r);
    this.index.addAll(usable.map((r) => ({ id: r.id, title: r.title ?? '', keywords: r.keywords.join(' '), pattern: patternWords(r.pattern), answer: r.answer })));
  }

  /** Up to three rules near the question, best first; none if nothing is near. */
  suggest(text: string): FaqSuggestionHit[] {
    const hits = this.index.search(text);
    const best = hits[0]?.score ?? 0;
    return hits
      .filter((h) => h.score >= best * RELATIVE_FLOOR)
      .slice(0, MAX_SUGGESTIONS)
      .map((h) => this.rules.get(String(h.id))!)
      .map((r) => ({ ruleId: r.id, question: questionOf(r), answer: r.answer }));
  }

  /** The rule whose topic is exactly this text (a resident sending back a suggestion as it was shown), if any. */
  byQuestion(text: string): FaqSuggestionHit | null {
    const t = normalizeText(text).replace(/[?？。!！\s]+$/u, '');
    for (const r of this.rules.values()) if (normalizeText(questionOf(r)) === t) return { ruleId: r.id, question: questionOf(r), answer: r.answer };
    return null;
  }
}
