// Compiles a community's FAQ rules into one Aho–Corasick automaton and picks the best answer for a question.
import { Automaton, type ScanStats } from './faq.automaton';
import { evaluate, parsePattern, termsOf, type PatternNode, type Term } from './faq.pattern';
import { normalizeText } from './faq.text';

export interface MatchableRule {
  id: string;
  title?: string;
  keywords: string[];
  pattern?: string;
  answer: string;
  priority: number;
}

export interface MatchOutcome {
  ruleId: string;
  title?: string;
  answer: string;
  score: number;
  priority: number;
}

interface CompiledTerm {
  /** Literal ids of the parts, in order. */
  parts: number[];
  /** Normalised text of the term, to count each distinct word once in the score. */
  key: string;
  length: number;
}

interface CompiledRule {
  rule: MatchableRule;
  keywords: number[];
  pattern?: PatternNode;
  /** Pattern terms by object identity, so evaluation can look up whether each was found. */
  termIndex: Map<Term, number>;
  positiveTerms: number[];
}

export class FaqMatcher {
  private readonly automaton: Automaton;
  private readonly terms: CompiledTerm[] = [];
  private readonly rules: CompiledRule[] = [];
  /** For each literal id, the (term, part index) pairs that wait for it. */
  private readonly waiting: Array<Array<[number, number]>> = [];
  readonly skipped: Array<{ id: string; error: string }> = [];

  constructor(rules: readonly MatchableRule[]) {
    const literalIds = new Map<string, number>();
    const termIds = new Map<string, number>();
    const literal = (s: string) => {
      let id = literalIds.get(s);
      if (id === undefined) {
        id = literalIds.size;
        literalIds.set(s, id);
        this.waiting.push([]);
      }
      return id;
    };
    const term = (parts: string[]) => {
      const key = JSON.stringify(parts);
      let id = termIds.get(key);
      if (id === undefined) {
        id = this.terms.length;
        termIds.set(key, id);
        const lits = parts.map(literal);
        this.terms.push({ parts: lits, key, length: parts.reduce((n, p) => n + p.length, 0) });
        lits.forEach((lit, k) => this.waiting[lit]!.push([id!, k]));
      }
      return id;
    };

    for (const rule of rules) {
      try {
        const keywords = [...new Set(rule.keywords.map(normalizeText).filter(Boolean))].map((k) => term([k]));
        const pattern = rule.pattern ? parsePattern(rule.pattern) : undefined;
        const termIndex = new Map<Term, number>();
        const positiveTerms: number[] = [];
        for (const { term: t, positive } of pattern ? termsOf(pattern) : []) {
          const id = term(t.parts);
          termIndex.set(t, id);
          if (positive) positiveTerms.push(id);
        }
        if (!keywords.length && !pattern) continue;
        this.rules.push({ rule, keywords, pattern, termIndex, positiveTerms });
      } catch (err) {
        this.skipped.push({ id: rule.id, error: (err as Error).message });
      }
    }
    this.automaton = new Automaton([...literalIds.keys()]);
  }

  /**
   * Which terms occur in the (normalised) text. One automaton pass; a term with wildcards advances
   * greedily: its next part counts only when it starts after the previous part ended, and taking
   * the earliest such occurrence never loses a match, so no backtracking is needed.
   */
  found(text: string, stats?: ScanStats): Uint8Array {
    const progress = new Uint32Array(this.terms.length);
    const cursor = new Float64Array(this.terms.length);
    const done = new Uint8Array(this.terms.length);
    const lengths = this.automaton.lengths;
    this.automaton.scan(
      text,
      (lit, end) => {
        const start = end - lengths[lit]!;
        for (const [t, k] of this.waiting[lit]!) {
          if (done[t] || progress[t] !== k || start < cursor[t]!) continue;
          progress[t] = k + 1;
          cursor[t] = end;
          if (k + 1 === this.terms[t]!.parts.length) done[t] = 1;
        }
      },
      stats,
    );
    return done;
  }

  /** Every rule that matches, best first: priority, then score, then the order rules were given. */
  matchAll(question: string, stats?: ScanStats): MatchOutcome[] {
    const text = normalizeText(question);
    if (!text || !this.rules.length) return [];
    const done = this.found(text, stats);
    const out: Array<MatchOutcome & { order: number }> = [];
    this.rules.forEach((c, order) => {
      const kwHit = c.keywords.filter((t) => done[t]);
      if (c.keywords.length && !kwHit.length) return;
      if (c.pattern && !evaluate(c.pattern, (t) => done[c.termIndex.get(t)!] === 1)) return;
      const scored = new Set([...kwHit, ...c.positiveTerms.filter((t) => done[t])]);
      let score = 0;
      for (const t of scored) score += this.terms[t]!.length;
      const { id, title, answer, priority } = c.rule;
      out.push({ ruleId: id, ...(title ? { title } : {}), answer, priority, score, order });
    });
    out.sort((a, b) => b.priority - a.priority || b.score - a.score || a.order - b.order);
    return out.map(({ order: _order, ...m }) => m);
  }

  match(question: string, stats?: ScanStats): MatchOutcome | null {
    return this.matchAll(question, stats)[0] ?? null;
  }
}
