// Chinese labels for enums that contracts/ does not label itself.
import type { NotifyChannel, StaffRole, TicketChannel, TimelineKind } from '@linli/contracts';

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: '管理员',
  staff: '社区工作人员',
  grid: '网格员',
  care: '关爱专员',
  finance: '财务',
};

export const CHANNEL_LABELS: Record<TicketChannel, string> = {
  app: '小程序',
  bot: '群聊机器人',
  desk: '会客厅登记',
};

export const TIMELINE_LABELS: Record<TimelineKind, string> = {
  created: '提交工单',
  accepted: '受理',
  assigned: '派单',
  started: '开始处理',
  resolved: '办结',
  closed: '关闭',
  reopened: '重新打开',
  cancelled: '撤销',
  comment: '回复',
  urged: '催单',
  rated: '评价',
  escalated: '超时升级',
  transcribed: '语音转写',
};

export const CHANNEL_NOTIFY_LABELS: Record<NotifyChannel, string> = {
  feed: '小程序公告',
  push: '小程序推送',
  group: '社区微信群',
  sms: '短信',
  subscribe: '订阅消息',
};
