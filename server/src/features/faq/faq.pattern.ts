// The FAQ "safe pattern" language: a tiny boolean glob (AND / OR / NOT / parentheses / `*`) parsed by hand — never a regex.
import { FAQ_PATTERN_LIMITS } from '@linli/contracts';
import { normalizeText } from './faq.text';

/** A term is a run of literal parts that must appear in this order (parts split by `*`). */
export interface Term {
  parts: string[];
}

export type PatternNode =
  | { t: 'term'; term: Term }
  | { t: 'and'; c: PatternNode[] }
  | { t: 'or'; c: PatternNode[] }
  | { t: 'not'; c: PatternNode };

export class PatternError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(position === undefined ? message : `匹配模式第 ${position + 1} 个字符处：${message}`);
  }
}

type Token =
  | { k: 'term'; term: Term; at: number }
  | { k: '(' | ')' | '|' | '&' | 'not' | 'space'; at: number };

const SPECIAL = new Set(['(', ')', '|', '&', '"', ' ']);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ') {
      out.push({ k: 'space', at: i });
      i++;
    } else if (ch === '(' || ch === ')' || ch === '|' || ch === '&') {
      out.push({ k: ch, at: i });
      i++;
    } else if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new PatternError('引号没有闭合', i);
      const lit = src.slice(i + 1, end);
      if (!lit.trim()) throw new PatternError('引号内不能为空', i);
      out.push({ k: 'term', term: { parts: [lit] }, at: i });
      i = end + 1;
    } else if ((ch === '-' || ch === '!') && (out.length === 0 || out[out.length - 1]!.k !== 'term' || src[i - 1] === ' ')) {
      // `-` / `!` negate only at the start of a condition; inside a word (wi-fi) they are literal.
      out.push({ k: 'not', at: i });
      i++;
    } else {
      const start = i;
      while (i < src.length && !SPECIAL.has(src[i]!)) i++;
      const raw = src.slice(start, i);
      const parts = raw.split('*').filter((p) => p.length > 0);
      if (!parts.length) throw new PatternError('通配符「*」需要和文字一起使用', start);
      out.push({ k: 'term', term: { parts }, at: start });
    }
  }
  return out;
}

/**
 * Parses a pattern (normalised first: full-width brackets and bars work) into a tree.
 * Grammar: or := and ('|' and)* ; and := unary (('&' | ' ')? unary)* ; unary := ('-'|'!')* atom ;
 * atom := '(' or ')' | term. Bounded by FAQ_PATTERN_LIMITS so a stored pattern stays small.
 */
export function parsePattern(input: string): PatternNode {
  const src = normalizeText(input);
  if (!src) throw new PatternError('匹配模式不能为空');
  if (src.length > FAQ_PATTERN_LIMITS.maxLength) throw new PatternError(`匹配模式不能超过 ${FAQ_PATTERN_LIMITS.maxLength} 个字符`);
  // Spaces around operators are cosmetic; only spaces between two conditions mean AND.
  const tokens = tokenize(src).filter((t, idx, all) => {
    if (t.k !== 'space') return true;
    const prev = all[idx - 1];
    const next = all[idx + 1];
    return !!prev && !!next && (prev.k === 'term' || prev.k === ')') && (next.k === 'term' || next.k === '(' || next.k === 'not');
  });
  let pos = 0;
  let terms = 0;
  const peek = () => tokens[pos];
  const at = () => tokens[pos]?.at ?? src.length;

  const parseOr = (depth: number): PatternNode => {
    const c = [parseAnd(depth)];
    while (peek()?.k === '|') {
      pos++;
      c.push(parseAnd(depth));
    }
    return c.length === 1 ? c[0]! : { t: 'or', c };
  };
  const parseAnd = (depth: number): PatternNode => {
    const c = [parseUnary(depth)];
    for (;;) {
      const t = peek();
      if (!t || t.k === '|' || t.k === ')') break;
      if (t.k === '&' || t.k === 'space') pos++;
      c.push(parseUnary(depth));
    }
    return c.length === 1 ? c[0]! : { t: 'and', c };
  };
  const parseUnary = (depth: number): PatternNode => {
    const t = peek();
    if (t?.k === 'not') {
      pos++;
      if (depth >= FAQ_PATTERN_LIMITS.maxDepth) throw new PatternError('嵌套层数太多', t.at);
      return { t: 'not', c: parseUnary(depth + 1) };
    }
    return parseAtom(depth);
  };
  const parseAtom = (depth: number): PatternNode => {
    const t = peek();
    if (!t) throw new PatternError('缺少条件', src.length);
    if (t.k === 'term') {
      pos++;
      if (++terms > FAQ_PATTERN_LIMITS.maxTerms) throw new PatternError(`条件太多（最多 ${FAQ_PATTERN_LIMITS.maxTerms} 个）`, t.at);
      const long = t.term.parts.find((p) => p.length > FAQ_PATTERN_LIMITS.maxTermLength);
      if (long) throw new PatternError(`单个词不能超过 ${FAQ_PATTERN_LIMITS.maxTermLength} 个字`, t.at);
      return { t: 'term', term: t.term };
    }
    if (t.k === '(') {
      if (depth >= FAQ_PATTERN_LIMITS.maxDepth) throw new PatternError('嵌套层数太多', t.at);
      pos++;
      if (peek()?.k === ')') throw new PatternError('括号内不能为空', t.at);
      const inner = parseOr(depth + 1);
      if (peek()?.k !== ')') throw new PatternError('缺少右括号「)」', at());
      pos++;
      return inner;
    }
    if (t.k === ')') throw new PatternError('多余的右括号「)」', t.at);
    if (t.k === '|') throw new PatternError('「|」两边都需要条件', t.at);
    if (t.k === '&') throw new PatternError('「&」两边都需要条件', t.at);
    throw new PatternError('缺少条件', t.at);
  };

  const tree = parseOr(0);
  if (pos < tokens.length) {
    const t = tokens[pos]!;
    throw new PatternError(t.k === ')' ? '多余的右括号「)」' : '无法识别的内容', t.at);
  }
  // A pattern that holds when nothing matches (e.g. "-广告") would answer every question.
  if (evaluate(tree, () => false)) throw new PatternError('模式必须包含至少一个必须出现的词');
  return tree;
}

/** Evaluates the tree given which terms were found; linear in the size of the tree. */
export function evaluate(node: PatternNode, has: (term: Term) => boolean): boolean {
  switch (node.t) {
    case 'term':
      return has(node.term);
    case 'and':
      return node.c.every((c) => evaluate(c, has));
    case 'or':
      return node.c.some((c) => evaluate(c, has));
    case 'not':
      return !evaluate(node.c, has);
  }
}

/** Terms with their polarity (false under an odd number of NOTs): only positive terms count toward the score. */
export function termsOf(node: PatternNode, positive = true, out: Array<{ term: Term; positive: boolean }> = []) {
  if (node.t === 'term') out.push({ term: node.term, positive });
  else if (node.t === 'not') termsOf(node.c, !positive, out);
  else for (const c of node.c) termsOf(c, positive, out);
  return out;
}
