// Answers "查询 BM-000123" and "我的工单" with the status and the last public update.
import { TICKET_STATUS_LABELS, TIMELINE_LABELS, shanghaiDateTime, type TicketDto } from '@linli/contracts';
import { isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';
import type { QueryCommand } from './query.parser';

/** "MM-DD HH:mm" on the Shanghai clock. */
const fmtTime = (iso: string) => shanghaiDateTime(iso).slice(5);

/** The last thing that happened that a resident may see (internal notes never leave the server's staff views). */
export function lastPublicUpdate(t: TicketDto): string {
  const e = [...t.timeline].reverse().find((x) => !x.internal);
  if (!e) return '';
  const what =
    e.kind === 'assigned' ? `已派单${e.assigneeName ? `给${e.assigneeName}` : ''}` : e.kind === 'comment' ? `社区回复：${e.note ?? ''}` : TIMELINE_LABELS[e.kind]?.resident;
  const note = e.kind !== 'comment' && e.note && !e.internal ? `（${e.note}）` : '';
  return `${fmtTime(e.at)} ${what ?? e.kind}${note}`;
}

export function describeTicket(t: TicketDto): string {
  const last = lastPublicUpdate(t);
  return `工单 ${t.no}「${t.title}」当前状态：${TICKET_STATUS_LABELS[t.status]}${last ? `。最近进展：${last}` : ''}`;
}

export async function handleQuery(ctx: BotContext, cmd: QueryCommand, who: { wechatName: string; wechatId?: string }, reply: Conversation): Promise<void> {
  try {
    if (cmd.kind === 'ticket') {
      const t = who.wechatId ? await ctx.api.ticketByNo(cmd.no, who.wechatId) : null;
      await ctx.say(reply, t ? describeTicket(t) : `没有找到您的工单 ${cmd.no}。只能查询您本人或家人反映的工单，请核对工单号`);
      return;
    }
    const items = await ctx.api.ticketsOf(who, 5);
    if (!items.length) {
      await ctx.say(reply, '您还没有通过群聊反映过问题。有问题可以直接 @ 我说明，或发语音。');
      return;
    }
    const lines = items.map((t, i) => `${i + 1}. ${t.no} ${t.title} — ${TICKET_STATUS_LABELS[t.status]}`);
    await ctx.say(reply, `您最近的工单：\n${lines.join('\n')}\n发送「查询 工单号」可看详细进展`);
  } catch (err) {
    if (!isRetryable(err)) throw err;
    await ctx.say(reply, '服务器暂时连不上，请稍后再查询');
  }
}
