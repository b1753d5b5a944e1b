// "平安" → the sender's daily check-in (平安打卡) through the care API, by the sender's contact id (the server checks in only the resident bound to it, never by display name).
import type { CheckinDto } from '@linli/contracts';
import { ApiError, isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';

export async function handleCheckin(ctx: BotContext, who: { wechatName: string; wechatId: string }, reply: Conversation): Promise<void> {
  try {
    const c = await ctx.api.post<CheckinDto>('/api/care/checkins', { wechatId: who.wechatId, wechatName: who.wechatName });
    await ctx.say(reply, c.first ? `${c.name}，今天的平安打卡已记录，祝您身体健康！` : `${c.name}，您今天已经打过卡啦，祝您平安！`);
  } catch (err) {
    if (isRetryable(err)) return ctx.say(reply, '服务器暂时连不上，请稍后再发「平安」');
    // 403: a family member's WeChat cannot check her in (the server says so).
    if (err instanceof ApiError && err.status === 403) return ctx.say(reply, err.message);
    if (err instanceof ApiError && (err.status === 404 || err.status === 422))
      return ctx.say(reply, '暂时没能为您打卡：没有找到您的居民登记，请联系网格员绑定微信');
    throw err;
  }
}
