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
  /** For each literal id, the terms whose first part it is (where every scan starts them waiting). */
  private readonly firstPart: number[][] = [];
  /** For each term, the rules in which it occurs positively: only those can match when it is found. */
  private readonly rulesOfTerm: number[][] = [];
  readonly skipped: Array<{ id: string; error: string }> = [];

  constructor(rules: readonly MatchableRule[]) {
    const literalIds = new Map<string, number>();
    const termIds = new Map<string, number>();
    const literal = (s: string) => {
      let id = literalIds.get(s);
      if (id === undefined) {
        id = literalIds.size;
        literalIds.set(s, id);
        this.firstPart.push([]);
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
        this.rulesOfTerm.push([]);
        this.firstPart[lits[0]!]!.push(id);
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
        const index = this.rules.length;
        this.rules.push({ rule, keywords, pattern, termIndex, positiveTerms });
        // parsePattern rejects patterns that hold with no term present, so a matching rule always has a
        // positive term (or keyword) present: indexing rules by those terms loses no match.
        for (const t of new Set([...keywords, ...positiveTerms])) this.rulesOfTerm[t]!.push(index);
      } catch (err) {
        this.skipped.push({ id: rule.id, error: (err as Error).message });
      }
    }
    this.automaton = new Automaton([...literalIds.keys()]);
  }

  /**
   * Which terms occur in the (normalised) text. One automaton pass. A term with wildcards waits on
   * the literal of its next part; an occurrence that starts after the previous part ended moves it on
   * to the following part (the earliest such occurrence never loses a match, so nothing backtracks).
   * A waiter is looked at only when its own literal occurs, and is skipped at most (literal length)
   * times for overlapping occurrences, so the work is O(text + occurrences + total rule size).
   */
  found(text: string, stats?: ScanStats): { done: Uint8Array; hits: number[] } {
    const progress = new Uint16Array(this.terms.length);
    const cursor = new Int32Array(this.terms.length);
    const done = new Uint8Array(this.terms.length);
    const hits: number[] = [];
    const waiters: Array<number[] | undefined> = new Array(this.firstPart.length);
    const listOf = (lit: number) => (waiters[lit] ??= this.firstPart[lit]!.slice());
    const lengths = this.automaton.lengths;
    let work = 0;
    this.automaton.scan(
      text,
      (lit, end) => {
        const list = listOf(lit);
        if (!list.length) return;
        const start = end - lengths[lit]!;
        let keep = 0;
        let moved: number[] | undefined;
        for (let j = 0; j < list.length; j++) {
          const t = list[j]!;
          work++;
          if (start < cursor[t]!) {
            list[keep++] = t; // overlaps the previous part: wait for a later occurrence
            continue;
          }
          const k = progress[t]! + 1;
          progress[t] = k;
          cursor[t] = end;
          const parts = this.terms[t]!.parts;
          if (k === parts.length) {
            done[t] = 1;
            hits.push(t);
          } else (moved ??= []).push(t);
        }
        list.length = keep;
        // Appended after the loop: the next part may be this same literal, which this occurrence cannot satisfy.
        if (moved) for (const t of moved) listOf(this.terms[t]!.parts[progress[t]!]!).push(t);
      },
      stats,
    );
    if (stats) stats.steps += work;
    return { done, hits };
  }

  /** Every rule that matches, best first: priority, then score, then the order rules were given. */
  matchAll(question: string, stats?: ScanStats): MatchOutcome[] {
    const text = normalizeText(question);
    if (!text || !this.rules.length) return [];
    const { done, hits } = this.found(text, stats);
    const candidates = new Set<number>();
    for (const t of hits) for (const r of this.rulesOfTerm[t]!) candidates.add(r);
    const out: Array<MatchOutcome & { order: number }> = [];
    for (const order of candidates) {
      const c = this.rules[order]!;
      const kwHit = c.keywords.filter((t) => done[t]);
      if (c.keywords.length && !kwHit.length) continue;
      if (c.pattern && !evaluate(c.pattern, (t) => done[c.termIndex.get(t)!] === 1)) continue;
      const scored = new Set([...kwHit, ...c.positiveTerms.filter((t) => done[t])]);
      let score = 0;
      for (const t of scored) score += this.terms[t]!.length;
      const { id, title, answer, priority } = c.rule;
      out.push({ ruleId: id, ...(title ? { title } : {}), answer, priority, score, order });
    }
    out.sort((a, b) => b.priority - a.priority || b.score - a.score || a.order - b.order);
    return out.map(({ order: _order, ...m }) => m);
  }

  match(question: string, stats?: ScanStats): MatchOutcome | null {
    return this.matchAll(question, stats)[0] ?? null;
  }
}
