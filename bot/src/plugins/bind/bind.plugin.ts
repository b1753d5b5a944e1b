// 「绑定 123456」 → the server binds the sender's stable contact id (never the display name) to the resident the code was made for.
import type { BindCodeRedeemed } from '@linli/contracts';
import { ApiError, isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';
import { maskName, type BindCommand } from './bind.parser';

export async function handleBind(ctx: BotContext, cmd: BindCommand, who: { wechatId: string; wechatName: string }, reply: Conversation): Promise<void> {
  if (cmd.kind === 'malformed') return ctx.say(reply, '绑定码是 6 位数字，请发送「绑定 123456」（数字换成网格员给您的绑定码）');
  try {
    const r = await ctx.api.post<BindCodeRedeemed>('/api/bot/bindings', {
      code: cmd.code,
      contactId: who.wechatId,
      ...(who.wechatName.trim() ? { contactName: Array.from(who.wechatName.trim()).slice(0, 60).join('') } : {}),
    });
    // In a group only a masked name: the others there need not learn who she is in the registry.
    const name = reply.roomId || reply.roomTopic ? maskName(r.residentName) : r.residentName;
    if (!r.changed) return ctx.say(reply, `您的微信已经绑定了居民${name}，不用再绑定啦`);
    if (r.relation === 'family')
      return ctx.say(reply, `绑定成功！您已作为${name}的家属绑定微信，可以替她（他）反映问题、查询工单进度。打卡请老人本人发「平安」。`);
    return ctx.say(reply, `绑定成功！您的微信已绑定居民${name}。以后每天发「平安」就能打卡，发「我的工单」可以查看进度。`);
  } catch (err) {
    if (isRetryable(err) && !(err instanceof ApiError && err.status === 429)) return ctx.say(reply, '服务器暂时连不上，请稍后再发一次绑定码');
    if (err instanceof ApiError && [404, 409, 422, 429].includes(err.status)) return ctx.say(reply, err.message);
    throw err;
  }
}
