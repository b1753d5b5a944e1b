// Answers "查询 BM-000123" and "我的工单" with the status and the last public update.
import { TICKET_STATUS_LABELS, type TicketDto } from '@linli/contracts';
import { isRetryable } from '../../api';
import type { BotContext, Conversation } from '../../context';
import type { QueryCommand } from './query.parser';

const fmtTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(iso))
    .replace(/\//g, '-');

/** The last thing that happened that a resident may see (internal notes never leave the server's staff views). */
export function lastPublicUpdate(t: TicketDto): string {
  const e = [...t.timeline].reverse().find((x) => !x.internal);
  if (!e) return '';
  const what: Record<string, string> = {
    created: '已登记',
    accepted: '已受理',
    assigned: `已派单${e.assigneeName ? `给${e.assigneeName}` : ''}`,
    started: '开始处理',
    resolved: '已办结',
    closed: '已关闭',
    reopened: '已重新打开',
    cancelled: '已撤销',
    comment: `社区回复：${e.note ?? ''}`,
    urged: '已催办',
    rated: '已评价',
    escalated: '已提醒社区负责人加快处理',
    transcribed: '语音已转写',
  };
  const note = e.kind !== 'comment' && e.note && !e.internal ? `（${e.note}）` : '';
  return `${fmtTime(e.at)} ${what[e.kind] ?? e.kind}${note}`;
}

export function describeTicket(t: TicketDto): string {
  const last = lastPublicUpdate(t);
  return `工单 ${t.no}「${t.title}」当前状态：${TICKET_STATUS_LABELS[t.status]}${last ? `。最近进展：${last}` : ''}`;
}

export async function handleQuery(ctx: BotContext, cmd: QueryCommand, who: { wechatName: string; wechatId?: string }, reply: Conversation): Promise<void> {
  try {
    if (cmd.kind === 'ticket') {
      const t = await ctx.api.ticketByNo(cmd.no);
      await ctx.say(reply, t ? describeTicket(t) : `没有找到工单 ${cmd.no}，请核对工单号`);
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
