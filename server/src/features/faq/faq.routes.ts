// FAQ route table: staff manage rules under /api/faq/rules; anyone signed in (resident, staff, bot) asks /api/faq/match.
import { z } from 'zod';
import { FaqMatchRequest, FaqRuleCreate, FaqRulePatch, FaqRuleQuery, FaqRuleTest, FaqUnansweredQuery, ObjectIdString } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { RateLimits } from '../../core/rate-limit';
import { faqRuleDto, type FaqService } from './faq.service';

const IdParams = z.object({ id: ObjectIdString });
/** Managing rules and reading the unanswered log is for staff holding the 'staff' role. */
const MANAGE = ['staff'] as const;

export function faqRoutes(faq: FaqService, limits: RateLimits): AnyRoute[] {
  const matchLimiter = limits.limiter('faq.match', 60, 60_000);

  return [
    route({
      method: 'post', path: '/api/faq/match', auth: 'signed-in', body: FaqMatchRequest, errors: ['RATE_LIMITED'],
      summary: 'The best auto-reply for a question, or null (logged as unanswered when a resident or the bot asked)',
      async handler({ principal: p, body }) {
        if (p.kind === 'resident') await matchLimiter.take(`resident:${p.id}`, '提问太频繁，请稍后再试');
        return faq.match(p.communityId, body.text, p.kind);
      },
    }),
    route({
      method: 'get', path: '/api/faq/rules', auth: MANAGE, query: FaqRuleQuery,
      summary: "The community's auto-reply rules (keyset cursor)",
      async handler({ principal: p, query }) {
        const { items, nextCursor } = await faq.list(p, query);
        return { items: items.map(faqRuleDto), nextCursor };
      },
    }),
    route({
      method: 'post', path: '/api/faq/rules', auth: MANAGE, body: FaqRuleCreate, status: 201, errors: ['CONFLICT'],
      summary: 'Add an auto-reply rule (keywords and/or a match pattern)',
      async handler({ principal: p, body }) {
        return faqRuleDto(await faq.create(p, body));
      },
    }),
    route({
      method: 'post', path: '/api/faq/rules/test', auth: MANAGE, body: FaqRuleTest,
      summary: 'Try an unsaved rule against a question',
      handler({ body }) {
        return faq.test(body);
      },
    }),
    route({
      method: 'get', path: '/api/faq/rules/:id', auth: MANAGE, params: IdParams, errors: ['NOT_FOUND'],
      summary: 'One auto-reply rule',
      async handler({ principal: p, params }) {
        return faqRuleDto(await faq.get(p, params.id));
      },
    }),
    route({
      method: 'patch', path: '/api/faq/rules/:id', auth: MANAGE, params: IdParams, body: FaqRulePatch, errors: ['NOT_FOUND'],
      summary: 'Change an auto-reply rule',
      async handler({ principal: p, params, body }) {
        return faqRuleDto(await faq.update(p, params.id, body));
      },
    }),
    route({
      method: 'delete', path: '/api/faq/rules/:id', auth: MANAGE, params: IdParams, status: 204, errors: ['NOT_FOUND'],
      summary: 'Delete an auto-reply rule',
      async handler({ principal: p, params }) {
        await faq.remove(p, params.id);
      },
    }),
    route({
      method: 'get', path: '/api/faq/unanswered', auth: MANAGE, query: FaqUnansweredQuery,
      summary: 'Questions no rule answered, most asked first',
      async handler({ principal: p, query }) {
        return { items: await faq.unanswered(p, query.limit) };
      },
    }),
    route({
      method: 'delete', path: '/api/faq/unanswered/:id', auth: MANAGE, params: IdParams, status: 204, errors: ['NOT_FOUND'],
      summary: 'Dismiss an unanswered question from the log',
      async handler({ principal: p, params }) {
        await faq.dismissUnanswered(p, params.id);
      },
    }),
  ];
}
