// A private "1 / 满意", "2 / 不满意" or "3 / 没解决" answers the 回访 question the bot sent that person: the server records it as her rating, or reopens the ticket.
import { parseRevisitReply, type BotRevisitReplyResult } from '@linli/contracts';
import { isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';

/** True when the words were her answer to a 回访 question and were handled; false lets the other features have them. */
export async function handleRevisitReply(ctx: BotContext, body: string, who: { wechatId: string }, reply: Conversation): Promise<boolean> {
  if (!parseRevisitReply(body)) return false;
  let r: BotRevisitReplyResult;
  try {
    r = await ctx.api.post<BotRevisitReplyResult>('/api/tickets/revisit-reply', { wechatId: who.wechatId, text: body });
  } catch (err) {
    if (!isRetryable(err)) throw err;
    await ctx.say(reply, '服务器暂时连不上，您的回访答复没有登记上，请稍后再回复一次。');
    return true;
  }
  if (r.outcome === 'none') return false;
  await ctx.say(reply, r.reply);
  return true;
}
