// "收到" / "1" in a private chat answers the alert message the bot sent that person: the server takes the alert as them (or counts the elder's check-in).
import { isAckReply, type BotAlertReplyResult } from '@linli/contracts';
import { isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';

/** True when the words were an answer to an alert message and were handled; false lets the other features have them. */
export async function handleAlertReply(ctx: BotContext, body: string, who: { wechatId: string }, reply: Conversation): Promise<boolean> {
  if (!isAckReply(body)) return false;
  let r: BotAlertReplyResult;
  try {
    r = await ctx.api.post<BotAlertReplyResult>('/api/notifications/bot-reply', { wechatId: who.wechatId, text: body });
  } catch (err) {
    if (!isRetryable(err)) throw err;
    // Never silent on what may be someone taking an emergency: tell them to use the phone as well.
    await ctx.say(reply, '服务器暂时连不上，您的「收到」可能没有登记上。请稍后再回复，紧急情况请直接拨打社区电话。');
    return true;
  }
  if (r.outcome === 'none') return false;
  await ctx.say(reply, r.reply);
  return true;
}
