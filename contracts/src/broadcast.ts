// Smart broadcast (智慧广播): speaker zones, the play command and status messages on MQTT, broadcast requests, quiet hours and the DTOs the panel reads.
import { z } from 'zod';
import { ObjectIdString, text } from './common';
import { PUBLIC_SAFETY_TYPES, type AlertType } from './alerts';

// ---- speakers on the wire ---------------------------------------------------------------------

/** The server tells a speaker to play here (QoS 1, never retained). */
export const speakerPlayTopic = (communityId: string, deviceId: string) => `linli/${communityId}/speakers/${deviceId}/play`;
/** The speaker's own topic: its retained online/offline state (offline is its last will) and its acknowledgements. */
export const speakerStatusTopic = (communityId: string, deviceId: string) => `linli/${communityId}/speakers/${deviceId}/status`;

/** One play command: a signed, expiring URL to the audio, what it says, how often, and from when. */
export interface SpeakerPlayCommand {
  /** The ledger row this play belongs to; the speaker echoes it in its acknowledgements. */
  commandId: string;
  url: string;
  mime: string;
  /** When the URL stops working (ISO): fetch at once, play later. */
  urlExpiresAt: string;
  text: string;
  /** Times to play the audio back to back. */
  repeat: number;
  /** Start no earlier than this (ISO); absent = now. The server queues per speaker, so starts never overlap. */
  at?: string;
  /** Urgent: stop whatever is playing and play this now. */
  urgent: boolean;
}

/** What a speaker publishes on its status topic. */
export const SpeakerStatusMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('online') }).strict(),
  z.object({ type: z.literal('offline') }).strict(),
  z
    .object({
      type: z.literal('ack'),
      commandId: z.string().min(1).max(200),
      /** received: command taken (audio fetched); played: finished playing; failed: could not fetch or play. */
      status: z.enum(['received', 'played', 'failed']),
      reason: z.string().max(200).optional(),
    })
    .strict(),
]);
export type SpeakerStatusMessage = z.infer<typeof SpeakerStatusMessage>;

// ---- zones and rules -------------------------------------------------------------------------

/** Where a broadcast plays: the whole estate, or the speakers covering these buildings. */
export const BroadcastZones = z
  .object({
    all: z.boolean().optional(),
    buildings: z.array(text(20)).min(1, '请至少选择一栋楼').max(100).optional(),
  })
  .strict()
  .refine((x) => x.all === true || (x.buildings?.length ?? 0) > 0, { message: '请选择广播区域' });
export type BroadcastZones = z.infer<typeof BroadcastZones>;

/** Quiet hours (Shanghai time): non-urgent broadcasts due inside them wait until they end. */
export const BROADCAST_QUIET_HOURS = { from: '22:00', to: '07:00' } as const;

export const BROADCAST_MAX_TEXT = 500;
export const BROADCAST_MAX_TIMES = 10;
/** Plays may be planned this far ahead. */
export const BROADCAST_MAX_AHEAD_DAYS = 60;

export const BroadcastCreate = z
  .object({
    /** What is said (read by TTS); optional only for a recorded 喊话 (audioId given). */
    text: text(BROADCAST_MAX_TEXT).optional(),
    /** Audio already made: a preview's TTS upload, or a staff recording (喊话). */
    audioId: ObjectIdString.optional(),
    zones: BroadcastZones,
    repeat: z.number().int().min(1, '至少播放 1 遍').max(5, '最多重复 5 遍').default(1),
    urgent: z.boolean().default(false),
    /** Play times (ISO); absent = now. E.g. 8:00 and 18:00 on the two days before a water cut. */
    times: z
      .array(z.string().datetime({ offset: true, message: '时间格式不正确' }))
      .min(1)
      .max(BROADCAST_MAX_TIMES, `最多 ${BROADCAST_MAX_TIMES} 个播放时间`)
      .refine((t) => t.every((x) => Date.parse(x) <= Date.now() + BROADCAST_MAX_AHEAD_DAYS * 86_400_000), `播放时间最多提前 ${BROADCAST_MAX_AHEAD_DAYS} 天安排`)
      .optional(),
  })
  .strict()
  .refine((b) => b.text || b.audioId, { message: '请填写广播内容或录制喊话', path: ['text'] });
export type BroadcastCreate = z.infer<typeof BroadcastCreate>;

export const BroadcastPreview = z.object({ text: text(BROADCAST_MAX_TEXT) }).strict();
export type BroadcastPreview = z.infer<typeof BroadcastPreview>;

export interface BroadcastPreviewDto {
  audioId: string;
  url: string;
  mime: string;
  durationMs: number;
}

/** Which public-safety alert types announce themselves without a staff tap (admin setting); the others wait for one-tap confirmation. */
export const BroadcastSettings = z
  .object({
    autoAlertTypes: z
      .array(z.enum(PUBLIC_SAFETY_TYPES as unknown as [AlertType, ...AlertType[]]))
      .max(PUBLIC_SAFETY_TYPES.length)
      .refine((t) => new Set(t).size === t.length, '类型重复'),
  })
  .strict();
export type BroadcastSettings = z.infer<typeof BroadcastSettings>;

/** `GET /api/broadcasts/settings`: the admin's choice plus what the server runs with. */
export interface BroadcastSettingsDto extends BroadcastSettings {
  quietHours: string;
  /** Whether text can be spoken (a synthesizer is configured); otherwise only recordings. */
  tts: boolean;
}

export const BroadcastQuery = z
  .object({
    status: z.enum(['pending', 'scheduled', 'done', 'cancelled']).optional(),
    /** The broadcast a notice with the 智慧广播 channel made. */
    noticeId: ObjectIdString.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();
export type BroadcastQuery = z.infer<typeof BroadcastQuery>;

// ---- what the panel reads ----------------------------------------------------------------------

/** pending: an alert's announcement waiting for a staff tap; scheduled: has plays to come; done; cancelled. */
export const BROADCAST_STATUSES = ['pending', 'scheduled', 'done', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];
export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, string> = { pending: '待确认', scheduled: '待播放', done: '已播放', cancelled: '已取消' };

export type BroadcastSource = 'staff' | 'notice' | 'alert' | 'live';
export const BROADCAST_SOURCE_LABELS: Record<BroadcastSource, string> = { staff: '文字广播', notice: '通知', alert: '告警', live: '现场喊话' };

/** One planned play time: waiting, held back by quiet hours, sent to the speakers, or cancelled. */
export type BroadcastPlayStatus = 'waiting' | 'held' | 'sent' | 'cancelled';
export const BROADCAST_PLAY_STATUS_LABELS: Record<BroadcastPlayStatus, string> = { waiting: '等待播放', held: '静音时段顺延', sent: '已下发', cancelled: '已取消' };

/** A speaker's row in the delivery ledger: queued, sent (command delivered to the broker), played (acknowledged), failed, offline. */
export const SPEAKER_DELIVERY_STATUSES = ['queued', 'sent', 'played', 'failed', 'offline'] as const;
export type SpeakerDeliveryStatus = (typeof SPEAKER_DELIVERY_STATUSES)[number];
export const SPEAKER_DELIVERY_STATUS_LABELS: Record<SpeakerDeliveryStatus, string> = {
  queued: '排队中',
  sent: '已下发',
  played: '已播放',
  failed: '失败',
  offline: '离线',
};

export interface SpeakerDeliveryDto {
  id: string;
  play: number;
  speaker: { id: string; name: string };
  status: SpeakerDeliveryStatus;
  reason?: string;
  /** Queued start of this speaker's play (per-speaker queue). */
  startAt?: string;
  history: { status: SpeakerDeliveryStatus; at: string; note?: string }[];
  updatedAt: string;
}

export interface BroadcastDto {
  id: string;
  source: BroadcastSource;
  status: BroadcastStatus;
  text: string;
  zones: BroadcastZones;
  zoneLabel: string;
  urgent: boolean;
  repeat: number;
  audio: { id: string; url: string; mime: string; durationMs?: number };
  plays: { at: string; status: BroadcastPlayStatus; heldUntil?: string }[];
  noticeId?: string;
  alertId?: string;
  /** Why it was given up (e.g. no speech synthesizer configured for a notice's text). */
  failure?: string;
  createdBy?: { id?: string; name: string };
  createdAt: string;
  /** Detail view: every speaker's outcome per play. */
  deliveries?: SpeakerDeliveryDto[];
}

export interface SpeakerDto {
  id: string;
  name: string;
  zones: string[];
  zoneLabel: string;
  enabled: boolean;
  online: boolean;
  lastSeenAt?: string;
}

export const zoneLabel = (x: { all?: boolean; buildings?: string[] }) => (x.all ? '全小区' : (x.buildings ?? []).join('、'));
