// Questions the community has a standard answer for (自动回复), through POST /api/faq/match; silent when FAQ is not deployed.
import { isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';

/** Answers and returns true when an FAQ rule fits the question. */
export async function answerFaq(ctx: BotContext, text: string, reply: Conversation): Promise<boolean> {
  try {
    const m = await ctx.api.faqMatch(text.slice(0, 2000));
    if (!m) return false;
    await ctx.say(reply, m.answer);
    return true;
  } catch (err) {
    if (isRetryable(err)) return false;
    ctx.log.warn('faq match failed', { err: (err as Error).message });
    return false;
  }
}
