// Chinese labels for enums that contracts/ does not label itself, and the panel's voice of those it does.
import { TIMELINE_KINDS, TIMELINE_LABELS as SHARED_TIMELINE_LABELS } from '@linli/contracts';
import type { NotifyChannel, StaffRole, TicketChannel, TimelineKind } from '@linli/contracts';

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: '管理员',
  staff: '社区工作人员',
  grid: '网格员',
  care: '关爱专员',
  finance: '财务',
  street: '街道',
};

export const CHANNEL_LABELS: Record<TicketChannel, string> = {
  app: '小程序',
  bot: '群聊机器人',
  desk: '会客厅登记',
};

/** The staff voice of the shared ticket timeline labels. */
export const TIMELINE_LABELS = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, SHARED_TIMELINE_LABELS[k].staff])) as Record<TimelineKind, string>;

export const CHANNEL_NOTIFY_LABELS: Record<NotifyChannel, string> = {
  feed: '小程序公告',
  push: '小程序推送',
  group: '社区微信群',
  sms: '短信',
  subscribe: '订阅消息',
};
