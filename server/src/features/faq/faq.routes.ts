// FAQ endpoints: staff manage rules under /api/faq/rules; anyone signed in (resident, staff, bot) asks /api/faq/match.
import Router from '@koa/router';
import { FaqMatchRequest, FaqRuleCreate, FaqRulePatch, FaqRuleQuery, FaqRuleTest, FaqUnansweredQuery } from '@linli/contracts';
import { RateLimiter } from '../../core/rate-limit';
import { principalOf, requireAuth, requireStaff } from '../../http/auth';
import { body, idParam, query } from '../../http/validate';
import { faqRuleDto, type FaqService } from './faq.service';

export function faqRoutes(faq: FaqService): Router {
  const r = new Router({ prefix: '/api/faq' });
  const matchLimiter = new RateLimiter(60, 60_000);
  const manage = requireStaff('staff');

  r.use(requireAuth());

  r.post('/match', async (ctx) => {
    const p = principalOf(ctx);
    const { text } = body(ctx, FaqMatchRequest);
    if (p.kind === 'resident') matchLimiter.take(`resident:${p.id}`, '提问太频繁，请稍后再试');
    ctx.body = await faq.match(p.communityId, text, p.kind);
  });

  r.get('/rules', manage, async (ctx) => {
    const { items, nextCursor } = await faq.list(principalOf(ctx), query(ctx, FaqRuleQuery));
    ctx.body = { items: items.map(faqRuleDto), nextCursor };
  });

  r.post('/rules', manage, async (ctx) => {
    const input = body(ctx, FaqRuleCreate);
    ctx.status = 201;
    ctx.body = faqRuleDto(await faq.create(principalOf(ctx), input));
  });

  r.post('/rules/test', manage, async (ctx) => {
    ctx.body = faq.test(body(ctx, FaqRuleTest));
  });

  r.get('/rules/:id', manage, async (ctx) => {
    ctx.body = faqRuleDto(await faq.get(principalOf(ctx), idParam(ctx)));
  });

  r.patch('/rules/:id', manage, async (ctx) => {
    const id = idParam(ctx);
    ctx.body = faqRuleDto(await faq.update(principalOf(ctx), id, body(ctx, FaqRulePatch)));
  });

  r.delete('/rules/:id', manage, async (ctx) => {
    await faq.remove(principalOf(ctx), idParam(ctx));
    ctx.status = 204;
  });

  r.get('/unanswered', manage, async (ctx) => {
    ctx.body = { items: await faq.unanswered(principalOf(ctx), query(ctx, FaqUnansweredQuery).limit) };
  });

  r.delete('/unanswered/:id', manage, async (ctx) => {
    await faq.dismissUnanswered(principalOf(ctx), idParam(ctx));
    ctx.status = 204;
  });

  return r;
}
