// The ticket list as an Excel workbook (GET /api/tickets.xlsx): one row per ticket in the staff view, times in Shanghai, labels in Chinese.
import { shanghaiDateTime, TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, type TicketChannel, type TicketDto } from '@linli/contracts';
import { tableWorkbook, type XlsxCell } from '../../core/xlsx';

/** The most rows one export carries: a community's tickets for years; the title says when the list was cut. */
export const TICKET_EXPORT_MAX = 5000;

const CHANNEL_LABELS: Record<TicketChannel, string> = { app: '小程序', bot: '群聊机器人', desk: '会客厅登记' };

export const TICKET_HEADER = ['编号', '状态', '分类', '标题', '楼栋', '单元', '房号', '报事人', '电话', '渠道', '处理人', '紧急程度', '办结时限', '超时', '登记时间', '办结时间'];

export function ticketRow(t: TicketDto): XlsxCell[] {
  return [
    t.no,
    TICKET_STATUS_LABELS[t.status],
    t.category,
    t.title,
    t.location?.building ?? '',
    t.location?.unit ?? '',
    t.location?.room ?? '',
    t.reporter.name,
    t.reporter.phone ?? '',
    CHANNEL_LABELS[t.channel],
    t.assigneeName ?? '',
    TICKET_PRIORITY_LABELS[t.priority],
    shanghaiDateTime(t.slaDueAt),
    t.overdue ? '是' : '否',
    shanghaiDateTime(t.createdAt),
    t.resolvedAt ? shanghaiDateTime(t.resolvedAt) : '',
  ];
}

export function ticketsWorkbook(items: TicketDto[], truncated: boolean): Promise<Buffer> {
  const title = `诉求工单（导出 ${shanghaiDateTime(new Date())}，共 ${items.length} 条${truncated ? `，仅前 ${TICKET_EXPORT_MAX} 条，请缩小筛选范围` : ''}）`;
  return tableWorkbook('诉求工单', title, TICKET_HEADER, items.map(ticketRow));
}
