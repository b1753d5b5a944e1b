// FAQ rules: staff CRUD with pattern validation, and matching a question against the community's compiled rule set.
import type { Connection } from 'mongoose';
import type { FaqMatchResult, FaqRuleCreate, FaqUnansweredDto, FaqRuleDto, FaqRulePatch, FaqRuleQuery, FaqRuleTest, Principal } from '@linli/contracts';
import type { Bus } from '../events';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { AppError, notFound } from '../../core/errors';
import { maskPii } from '../../logger';
import { FaqMatcher } from './faq.matcher';
import { FaqSuggester } from './faq.suggest';
import type { FaqRuleDoc } from './faq.model';
import { PatternError, parsePattern } from './faq.pattern';
import { FaqRepository } from './faq.repository';
import { VersionReads } from './faq.version-reads';
import { compactText, normalizeText } from './faq.text';

const MAX_RULES = 1000;

export function faqRuleDto(r: FaqRuleDoc): FaqRuleDto {
  return {
    id: String(r._id),
    communityId: r.communityId,
    ...(r.title ? { title: r.title } : {}),
    keywords: r.keywords ?? [],
    ...(r.pattern ? { pattern: r.pattern } : {}),
    answer: r.answer,
    priority: r.priority ?? 0,
    enabled: r.enabled !== false,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Validates the matching part of a rule: keywords that are empty after normalisation, and the pattern syntax. */
function checkCondition(keywords: string[] | undefined, pattern: string | undefined): string[] {
  const kws = [...new Set((keywords ?? []).map((k) => k.trim()))];
  kws.forEach((k, i) => {
    if (!normalizeText(k)) throw new AppError('VALIDATION', '关键词不能为空', [{ path: `keywords.${i}`, message: '关键词不能为空' }]);
  });
  if (pattern) {
    try {
      parsePattern(pattern);
    } catch (err) {
      if (err instanceof PatternError) throw new AppError('VALIDATION', err.message, [{ path: 'pattern', message: err.message }]);
      throw err;
    }
  }
  if (!kws.length && !pattern) throw new AppError('VALIDATION', '请填写关键词或匹配模式', [{ path: 'keywords', message: '必填' }]);
  return kws;
}

const asMatchable = (r: FaqRuleDoc) => ({
  id: String(r._id),
  title: r.title,
  keywords: r.keywords ?? [],
  pattern: r.pattern,
  answer: r.answer,
  priority: r.priority ?? 0,
});

export class FaqService {
  private readonly repo: FaqRepository;
  private readonly versions: VersionReads;
  /** Per community: the compiled rules and the rule-set version they were built from (see compiled()). */
  private readonly cache = new Map<string, { compiled: Promise<{ matcher: FaqMatcher; suggester: FaqSuggester }>; version: number }>();

  constructor(
    conn: Connection,
    private readonly bus: Bus,
  ) {
    this.repo = new FaqRepository(conn);
    this.versions = new VersionReads((communityId) => this.repo.version(communityId));
  }

  async create(p: Principal, input: FaqRuleCreate): Promise<FaqRuleDoc> {
    const keywords = checkCondition(input.keywords, input.pattern);
    if ((await this.repo.count(p.communityId)) >= MAX_RULES) throw new AppError('CONFLICT', `自动回复规则最多 ${MAX_RULES} 条`);
    const doc = await this.repo.insert({
      communityId: p.communityId,
      ...(input.title ? { title: input.title } : {}),
      keywords,
      ...(input.pattern ? { pattern: input.pattern } : {}),
      answer: input.answer,
      priority: input.priority,
      enabled: input.enabled,
      createdBy: p.id,
      updatedBy: p.id,
    });
    await this.changed(p.communityId);
    return doc;
  }

  async get(p: Principal, id: string): Promise<FaqRuleDoc> {
    const r = await this.repo.byId(p.communityId, id);
    if (!r) throw notFound('自动回复规则');
    return r;
  }

  async update(p: Principal, id: string, patch: FaqRulePatch): Promise<FaqRuleDoc> {
    const current = await this.get(p, id);
    const keywords = patch.keywords === null ? [] : (patch.keywords ?? current.keywords);
    const pattern = patch.pattern === null ? undefined : (patch.pattern ?? current.pattern);
    const checked = checkCondition(keywords, pattern);
    const set: Partial<FaqRuleDoc> = { updatedBy: p.id, keywords: checked };
    const unset: string[] = [];
    if (pattern) set.pattern = pattern;
    else unset.push('pattern');
    if (patch.title === null) unset.push('title');
    else if (patch.title !== undefined) set.title = patch.title;
    if (patch.answer !== undefined) set.answer = patch.answer;
    if (patch.priority !== undefined) set.priority = patch.priority;
    if (patch.enabled !== undefined) set.enabled = patch.enabled;
    const updated = await this.repo.update(p.communityId, id, set, unset);
    if (!updated) throw notFound('自动回复规则');
    await this.changed(p.communityId);
    return updated;
  }

  async remove(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.remove(p.communityId, id))) throw notFound('自动回复规则');
    await this.changed(p.communityId);
  }

  async list(p: Principal, q: FaqRuleQuery) {
    const items = await this.repo.list(p.communityId, {
      enabled: q.enabled === undefined ? undefined : q.enabled === '1',
      beforeId: decodeCursor(q.cursor),
      limit: q.limit,
    });
    return { items, nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null };
  }

  /**
   * The best enabled rule for a question, or null (announced as `faq.unanswered` when a resident or the bot asked)
   * with up to three rules near it (您是不是想问…). A suggestion's topic sent back as it was shown answers at once.
   */
  async match(communityId: string, text: string, asker: Principal['kind'] = 'staff'): Promise<FaqMatchResult> {
    const { matcher, suggester } = await this.compiled(communityId);
    const best = matcher.match(text);
    if (best) return { match: { ruleId: best.ruleId, ...(best.title ? { title: best.title } : {}), answer: best.answer, score: best.score }, suggestions: [] };
    const picked = suggester.byQuestion(text);
    if (picked) return { match: { ruleId: picked.ruleId, title: picked.question, answer: picked.answer, score: picked.question.length }, suggestions: [] };
    if (asker !== 'staff') this.bus.emit('faq.unanswered', { communityId, text, asker, at: new Date() });
    return { match: null, suggestions: suggester.suggest(text) };
  }

  /** Records an unanswered question (called by the faq.unanswered subscriber, off the request path). */
  recordUnanswered(communityId: string, text: string, at: Date): Promise<void> {
    // Spacing and punctuation do not make a different question.
    const key = compactText(text).slice(0, 120);
    return key ? this.repo.recordUnanswered(communityId, key, maskPii(text.trim()).slice(0, 200), at) : Promise.resolve();
  }

  async unanswered(p: Principal, limit: number): Promise<FaqUnansweredDto[]> {
    const items = await this.repo.topUnanswered(p.communityId, limit);
    return items.map((u) => ({
      id: String(u._id),
      text: u.text,
      count: u.count,
      firstAskedAt: (u.firstAskedAt ?? u.lastAskedAt).toISOString(),
      lastAskedAt: u.lastAskedAt.toISOString(),
    }));
  }

  async dismissUnanswered(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.dismissUnanswered(p.communityId, id))) throw notFound('未解答问题');
  }

  /** Staff preview of an unsaved rule against a question. */
  test(input: FaqRuleTest): { matched: boolean; score: number } {
    const keywords = checkCondition(input.keywords, input.pattern);
    const m = new FaqMatcher([{ id: 'preview', keywords, pattern: input.pattern, answer: '', priority: 0 }]).match(input.text);
    return { matched: !!m, score: m?.score ?? 0 };
  }

  /**
   * After a rule change: the version goes up before the change is answered, so a question asked afterwards on any server
   * node finds its compiled rules out of date and rebuilds them.
   */
  private async changed(communityId: string): Promise<void> {
    this.cache.delete(communityId);
    await this.repo.bumpVersion(communityId);
  }

  /**
   * One compiled matcher and suggestion index per community, rebuilt when the stored rule-set version differs from the
   * one it was built from (one read by _id, shared by the questions that arrive together: VersionReads); concurrent callers
   * after a change share one rebuild. The version
   * is read before the rules, so rules loaded during a change are at least as new as the version they are filed under.
   */
  private async compiled(communityId: string): Promise<{ matcher: FaqMatcher; suggester: FaqSuggester }> {
    const version = await this.versions.fresh(communityId);
    const hit = this.cache.get(communityId);
    if (hit && hit.version === version) return hit.compiled;
    const compiled = this.repo.enabled(communityId).then((rules) => {
      const matchable = rules.map(asMatchable);
      return { matcher: new FaqMatcher(matchable), suggester: new FaqSuggester(matchable) };
    });
    const entry = { compiled, version };
    this.cache.set(communityId, entry);
    // A failed load must not stick: the next question tries again.
    compiled.catch(() => this.cache.get(communityId) === entry && this.cache.delete(communityId));
    return compiled;
  }
}
