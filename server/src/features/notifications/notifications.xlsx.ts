// An alert's notification ledger as an Excel workbook (GET /api/alerts/:id/deliveries.xlsx): one row per recipient and channel, as the JSON shows it (phones masked).
import { ALERT_NOTIFY_CHANNEL_LABELS, ESCALATION_LEVEL_LABELS, NOTIFY_DELIVERY_STATUS_LABELS, shanghaiDateTime, type NotifyDeliveryDto } from '@linli/contracts';
import { tableWorkbook, type XlsxCell } from '../../core/xlsx';

export const DELIVERY_HEADER = ['通知层级', '接收人', '关系', '电话', '渠道', '状态', '尝试次数', '原因', '服务商编号', '送达时间', '创建时间'];

const RECIPIENT_LABELS = { staff: '工作人员', contact: '紧急联系人', resident: '老人本人' } as const;

export function deliveryRow(d: NotifyDeliveryDto): XlsxCell[] {
  return [
    d.level === 'ack' ? '确认回执' : ESCALATION_LEVEL_LABELS[d.level],
    d.recipient.name,
    d.recipient.relation ?? RECIPIENT_LABELS[d.recipient.kind],
    d.recipient.phone ?? '',
    ALERT_NOTIFY_CHANNEL_LABELS[d.channel],
    NOTIFY_DELIVERY_STATUS_LABELS[d.status],
    d.attempts,
    d.reason ?? '',
    d.providerId ?? '',
    d.deliveredAt ? shanghaiDateTime(d.deliveredAt) : '',
    shanghaiDateTime(d.createdAt),
  ];
}

export function deliveriesWorkbook(alertId: string, items: NotifyDeliveryDto[]): Promise<Buffer> {
  return tableWorkbook('通知记录', `告警通知记录 ${alertId}（共 ${items.length} 条）`, DELIVERY_HEADER, items.map(deliveryRow));
}
