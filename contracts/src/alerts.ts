// Devices and alerts: device kinds, event types, severities, the alert transition table and the payloads at the edges.
import { z } from 'zod';
import { IdCursor, ObjectIdString, text } from './common';
import type { TicketCategory } from './tickets';

// ---- devices ------------------------------------------------------------------------------

export const DEVICE_KINDS = ['camera', 'trash_bin', 'smoke', 'water_leak', 'wristband', 'door_sensor', 'speaker'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DEVICE_KIND_LABELS: Record<DeviceKind, string> = {
  camera: '智能摄像头（视频分析）',
  trash_bin: '垃圾桶满溢传感器',
  smoke: '烟感报警器',
  water_leak: '水浸传感器',
  wristband: '智能手环',
  door_sensor: '门磁传感器',
  speaker: '智能广播音柱',
};

/** What a device reports. `heartbeat` is a sign of life (a wristband heartbeat counts as the wearer's check-in), never an alert. */
export const DEVICE_EVENT_TYPES = [
  'trash_overflow',
  'fire_lane_blocked',
  'smoke',
  'water_leak',
  'sos',
  'fall',
  'heart_rate',
  'device_offline',
  'heartbeat',
] as const;
export const DeviceEventType = z.enum(DEVICE_EVENT_TYPES);
export type DeviceEventType = z.infer<typeof DeviceEventType>;

/** Which events each kind of device may send; anything else is rejected (and counted). */
export const DEVICE_KIND_EVENTS: Record<DeviceKind, readonly DeviceEventType[]> = {
  camera: ['fire_lane_blocked', 'device_offline', 'heartbeat'],
  trash_bin: ['trash_overflow', 'device_offline', 'heartbeat'],
  smoke: ['smoke', 'device_offline', 'heartbeat'],
  water_leak: ['water_leak', 'device_offline', 'heartbeat'],
  wristband: ['sos', 'fall', 'heart_rate', 'device_offline', 'heartbeat'],
  door_sensor: ['device_offline', 'heartbeat'],
  // Speakers report their state and acknowledgements on their own status topic (broadcast.ts), not as events.
  speaker: ['device_offline', 'heartbeat'],
};

/** The buildings a speaker covers; none = it plays only estate-wide broadcasts (e.g. at the main gate). */
const SpeakerZones = z.array(text(20)).max(50).refine((b) => new Set(b).size === b.length, '覆盖楼栋重复');

export const DeviceLocation = z
  .object({
    building: text(20).optional(),
    /** Free text: "北门消防通道", "3号楼东侧垃圾站". */
    text: text(60).optional(),
  })
  .strict();
export type DeviceLocation = z.infer<typeof DeviceLocation>;

export const DeviceCreate = z
  .object({
    kind: DeviceKind,
    name: text(40),
    location: DeviceLocation.default({}),
    /** For a wristband: the resident wearing it. */
    wearerResidentId: ObjectIdString.optional(),
    /** For a speaker: the buildings it covers (its broadcast zones). */
    zones: SpeakerZones.optional(),
  })
  .strict()
  .refine((d) => d.kind !== 'wristband' || d.wearerResidentId, { message: '手环需要指定佩戴的居民', path: ['wearerResidentId'] })
  .refine((d) => d.kind === 'wristband' || !d.wearerResidentId, { message: '只有手环可以指定佩戴人', path: ['wearerResidentId'] })
  .refine((d) => d.kind === 'speaker' || !d.zones, { message: '只有广播音柱可以设置覆盖楼栋', path: ['zones'] });
export type DeviceCreate = z.infer<typeof DeviceCreate>;

export const DevicePatch = z
  .object({ name: text(40).optional(), location: DeviceLocation.optional(), wearerResidentId: ObjectIdString.optional(), zones: SpeakerZones.optional() })
  .strict();
export type DevicePatch = z.infer<typeof DevicePatch>;

export const DeviceQuery = z
  .object({
    kind: DeviceKind.optional(),
    wearer: ObjectIdString.optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DeviceQuery = z.infer<typeof DeviceQuery>;

export interface DeviceDto {
  id: string;
  communityId: string;
  kind: DeviceKind;
  name: string;
  location: DeviceLocation;
  wearerResidentId?: string;
  wearerName?: string;
  /** Speakers: the buildings covered. */
  zones?: string[];
  enabled: boolean;
  keyRotatedAt: string;
  lastSeenAt?: string;
  createdAt: string;
}

/** The secret is returned exactly once (create, rotate); the server keeps only its hash. */
export interface DeviceKeyDto {
  id: string;
  key: string;
  device: DeviceDto;
}

// ---- device events (both ingestion paths) --------------------------------------------------

export const EventId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, '无效的事件编号');

const EventData = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number().finite(), z.boolean()]))
  .refine((d) => Object.keys(d).length <= 20, { message: '事件数据字段过多' });

const eventFields = {
  eventId: EventId,
  type: DeviceEventType,
  /** When the device saw it (ISO 8601); must be within the server's replay window. */
  at: z.string().datetime({ offset: true }),
  data: EventData.default({}),
};

const heartRateNeedsValue = (e: { type: string; data: Record<string, unknown> }) =>
  e.type !== 'heart_rate' || (typeof e.data.value === 'number' && e.data.value >= 0 && e.data.value <= 300);
const heartRateMessage = { message: '心率事件需要 data.value（0-300）', path: ['data', 'value'] };

/** `POST /api/alerts/ingest` with `Authorization: Bearer <device key>`. */
export const DeviceEvent = z
  .object({ deviceId: ObjectIdString, ...eventFields })
  .strict()
  .refine(heartRateNeedsValue, heartRateMessage);
export type DeviceEvent = z.infer<typeof DeviceEvent>;

/**
 * MQTT `linli/<communityId>/devices/<deviceId>/events`: the device id comes from the topic. The broker authenticated the device
 * (its own account; an ACL lets it publish only to its own topic), so no secret rides in the payload. `key` is only for a
 * development broker without accounts; when sent it must be right.
 */
export const MqttDeviceEvent = z
  .object({ deviceId: ObjectIdString.optional(), key: z.string().min(10).max(200).optional(), ...eventFields })
  .strict()
  .refine(heartRateNeedsValue, heartRateMessage);
export type MqttDeviceEvent = z.infer<typeof MqttDeviceEvent>;

export const mqttEventTopic = (communityId: string, deviceId: string) => `linli/${communityId}/devices/${deviceId}/events`;

export const INGEST_OUTCOMES = ['raised', 'deduplicated', 'recorded'] as const;
export type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

/** Why an event was turned away; each is counted per path in `GET /api/alerts/stats`. */
export const INGEST_REJECTIONS = ['malformed', 'unknown_device', 'bad_key', 'disabled', 'type_not_allowed', 'stale', 'replay', 'failed'] as const;
export type IngestRejection = (typeof INGEST_REJECTIONS)[number];

export interface IngestResult {
  outcome: IngestOutcome;
  alertId?: string;
  count?: number;
}

export interface IngestStatsDto {
  communityId: string;
  accepted: Record<'http' | 'mqtt', Record<IngestOutcome, number>>;
  rejected: Record<'http' | 'mqtt', Record<IngestRejection, number>>;
  mqtt: { url?: string; connected: boolean; reconnects: number };
}

// ---- alerts -------------------------------------------------------------------------------

export const ALERT_TYPES = [
  'trash_overflow',
  'fire_lane_blocked',
  'smoke',
  'water_leak',
  'sos',
  'fall',
  'heart_rate',
  'device_offline',
  'no_checkin',
] as const;
export const AlertType = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof AlertType>;

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  trash_overflow: '垃圾桶满溢',
  fire_lane_blocked: '消防通道占用',
  smoke: '烟雾报警',
  water_leak: '水浸报警',
  sos: '一键呼救',
  fall: '跌倒报警',
  heart_rate: '心率异常',
  device_offline: '设备离线',
  no_checkin: '未平安打卡',
};

/** public: goes to staff and the community group (bot); personal: staff responsible + emergency contacts, never the group; device: staff only. */
export const ALERT_AUDIENCES = ['public', 'personal', 'device'] as const;
export type AlertAudience = (typeof ALERT_AUDIENCES)[number];

export const PUBLIC_SAFETY_TYPES: readonly AlertType[] = ['fire_lane_blocked', 'smoke', 'water_leak', 'trash_overflow'];
export const PERSONAL_TYPES: readonly AlertType[] = ['sos', 'fall', 'heart_rate', 'no_checkin'];

export function alertAudience(type: AlertType): AlertAudience {
  if (PUBLIC_SAFETY_TYPES.includes(type)) return 'public';
  if (PERSONAL_TYPES.includes(type)) return 'personal';
  return 'device';
}

export const ALERT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const AlertSeverity = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const ALERT_SEVERITY_LABELS: Record<AlertSeverity, string> = { critical: '紧急', high: '高', medium: '中', low: '低' };

export const ALERT_TYPE_SEVERITY: Record<AlertType, AlertSeverity> = {
  sos: 'critical',
  fall: 'critical',
  smoke: 'critical',
  heart_rate: 'high',
  fire_lane_blocked: 'high',
  water_leak: 'high',
  no_checkin: 'medium',
  trash_overflow: 'low',
  device_offline: 'low',
};

/** Not acknowledged within this long → escalate one level (seconds; e.g. sos is critical: 3 minutes). */
export const ESCALATION_LIMIT_SECONDS: Record<AlertSeverity, number> = { critical: 180, high: 600, medium: 1800, low: 3600 };

/**
 * Who is notified at a step: the elder herself (asked first whether she is well, for a missed check-in), the responsible
 * grid worker, the community's duty staff, everyone.
 */
export const ESCALATION_LEVELS = ['self', 'grid', 'duty', 'all'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = { self: '老人本人', grid: '网格员', duty: '社区值班人员', all: '全体工作人员' };

/** Ticket category used when staff open a ticket from an alert. */
export const ALERT_TICKET_CATEGORY: Record<AlertType, TicketCategory> = {
  trash_overflow: '环境卫生',
  fire_lane_blocked: '安全隐患',
  smoke: '安全隐患',
  water_leak: '水电',
  sos: '其他',
  fall: '其他',
  heart_rate: '其他',
  device_offline: '公共设施',
  no_checkin: '其他',
};

export const ALERT_STATUSES = ['raised', 'acknowledged', 'resolved'] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatus>;
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = { raised: '待处理', acknowledged: '已确认', resolved: '已解决' };
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['raised', 'acknowledged'];

export const ALERT_ACTIONS = ['ack', 'resolve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];
export const ALERT_ACTION_LABELS: Record<AlertAction, string> = { ack: '确认', resolve: '解决' };

/** The one alert transition table. Server enforces it; the panel shows only legal actions. */
export const ALERT_TRANSITIONS: Record<AlertAction, { from: readonly AlertStatus[]; to: AlertStatus; noteRequired: boolean }> = {
  ack: { from: ['raised'], to: 'acknowledged', noteRequired: false },
  resolve: { from: ['raised', 'acknowledged'], to: 'resolved', noteRequired: true },
};

export function legalAlertActions(status: AlertStatus): AlertAction[] {
  return ALERT_ACTIONS.filter((a) => ALERT_TRANSITIONS[a].from.includes(status));
}

export const AlertAck = z.object({ note: text(500).optional() }).strict();
export type AlertAck = z.infer<typeof AlertAck>;

export const AlertResolve = z.object({ note: text(500) }).strict();
export type AlertResolve = z.infer<typeof AlertResolve>;

export const AlertTicketCreate = z
  .object({ category: z.string().max(20).optional(), note: text(500).optional() })
  .strict();
export type AlertTicketCreate = z.infer<typeof AlertTicketCreate>;

export const AlertQuery = z
  .object({
    status: z.union([AlertStatus, z.literal('open')]).optional(),
    type: AlertType.optional(),
    severity: AlertSeverity.optional(),
    audience: z.enum(ALERT_AUDIENCES).optional(),
    residentId: ObjectIdString.optional(),
    deviceId: ObjectIdString.optional(),
    cursor: IdCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AlertQuery = z.infer<typeof AlertQuery>;

export const ALERT_HISTORY_KINDS = ['raised', 'notified', 'escalated', 'acknowledged', 'resolved', 'ticket_opened'] as const;
export type AlertHistoryKind = (typeof ALERT_HISTORY_KINDS)[number];

export interface AlertRecipientDto {
  /** resident: the elder herself, asked whether she is well. */
  kind: 'staff' | 'contact' | 'resident';
  id?: string;
  name: string;
  relation?: string;
  /** Masked (138****0001): the full number stays with the care profile. */
  phone?: string;
  channel: 'socket' | 'sms';
}

export interface AlertHistoryEntryDto {
  kind: AlertHistoryKind;
  at: string;
  /** contact: an emergency contact who acknowledged through the link or a reply in their SMS. */
  actor: { kind: 'staff' | 'system' | 'contact'; id?: string; name: string };
  note?: string;
  level?: EscalationLevel;
  to?: AlertRecipientDto[];
  ticketId?: string;
  ticketNo?: string;
}

export interface AlertDto {
  id: string;
  communityId: string;
  type: AlertType;
  typeLabel: string;
  audience: AlertAudience;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  location?: { building?: string; text?: string };
  /** Personal alerts: the resident concerned (staff views only). */
  subject?: { residentId: string; name: string; building?: string; unit?: string; room?: string };
  deviceId?: string;
  deviceName?: string;
  /** The event id that raised it (devices), for tracing. */
  sourceEventId?: string;
  /** Last event's readings; omitted for personal alerts in broadcasts (health data). */
  data?: Record<string, string | number | boolean>;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  level: EscalationLevel;
  nextEscalationAt?: string;
  /** Who the next step of the escalation policy tells (absent when no step follows). */
  nextLevel?: EscalationLevel;
  /** Pass through the policy's steps (0 = first; repeats count up). */
  round?: number;
  acknowledgedAt?: string;
  resolvedAt?: string;
  resolution?: string;
  ticketId?: string;
  ticketNo?: string;
  history?: AlertHistoryEntryDto[];
  createdAt: string;
  updatedAt: string;
}

// ---- time to acknowledge ------------------------------------------------------------------

/** `GET /api/alerts/report?month=2026-11`: a month on the Shanghai calendar. */
export const AlertReportQuery = z
  .object({ month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11（2000–2099 年）') })
  .strict();
export type AlertReportQuery = z.infer<typeof AlertReportQuery>;

/** Time to acknowledge, against the telecare anchors (answered within 60 s and within 3 min). */
export interface AlertAckStatsDto {
  total: number;
  acknowledged: number;
  /** Raised and never acknowledged (still open, or resolved by the system without anyone taking it). */
  unacknowledged: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  /** Shares of all alerts in the group (0–1): acknowledged within 60 s, within 3 min. */
  within60s: number | null;
  within180s: number | null;
}

export interface AlertReportDto {
  month: string;
  /** Alerts that need a person (personal, and public/device alerts of high or critical severity). */
  overall: AlertAckStatsDto;
  byType: Array<AlertAckStatsDto & { type: AlertType; typeLabel: string }>;
}
