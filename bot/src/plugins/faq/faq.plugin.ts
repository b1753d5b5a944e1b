// Questions the community has a standard answer for (自动回复), through POST /api/faq/match — or, for a question no rule answers, the nearest topics (您是不是想问…); silent when FAQ is not deployed.
import { isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';

/**
 * Answers and returns true when an FAQ rule fits the question; with `suggest` (she asked for information and was
 * addressed), a question no rule fits gets the nearest topics instead of a ticket. Sending one of them back gets its
 * answer; no numbers to pick, since a private "1" already answers the bot's alert and 回访 questions.
 */
export async function answerFaq(ctx: BotContext, text: string, reply: Conversation, o: { suggest?: boolean } = {}): Promise<boolean> {
  try {
    const { match, suggestions } = await ctx.api.faqAsk(text.slice(0, 2000));
    if (match) {
      await ctx.say(reply, match.answer);
      return true;
    }
    if (!o.suggest || !suggestions.length) return false;
    const topics = suggestions.map((x) => `· ${x.question}`).join('\n');
    await ctx.say(reply, `您是不是想问：\n${topics}\n发送其中一句，我来回答；如果是要反映问题，请直接说明，例如：3号楼电梯坏了。`);
    return true;
  } catch (err) {
    if (isRetryable(err)) return false;
    ctx.log.warn('faq match failed', { err: (err as Error).message });
    return false;
  }
}
