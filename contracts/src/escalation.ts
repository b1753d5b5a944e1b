// Escalation policies as data: per alert type, ordered steps (who, which channels, the wait before the next step), repeated until acknowledged.
import { z } from 'zod';
import {
  ALERT_TYPE_SEVERITY,
  ALERT_TYPES,
  AlertType,
  ESCALATION_LEVELS,
  ESCALATION_LIMIT_SECONDS,
  alertAudience,
  type EscalationLevel,
} from './alerts';
import { ALERT_NOTIFY_CHANNELS, notifyChannels } from './notifications';

/**
 * One step: who is told (the responsible grid worker, the duty staff, everyone), by which phone channels besides the
 * panel (which always hears), whether the resident's emergency contacts are told at this step, and how long nobody
 * may acknowledge before the next step.
 */
export const EscalationStep = z
  .object({
    level: z.enum(ESCALATION_LEVELS),
    channels: z.array(z.enum(ALERT_NOTIFY_CHANNELS)).max(ALERT_NOTIFY_CHANNELS.length).refine((c) => new Set(c).size === c.length, '通知方式重复'),
    contacts: z.boolean().default(false),
    waitSeconds: z.number().int().min(30, '等待时间至少 30 秒').max(24 * 3600, '等待时间最多 24 小时'),
  })
  .strict();
export type EscalationStep = z.infer<typeof EscalationStep>;

/** The steps in order; after the last, the whole sequence runs again `repeat` more times unless someone acknowledges. */
export const EscalationPolicyInput = z
  .object({
    steps: z.array(EscalationStep).min(1, '至少一个步骤').max(6, '最多 6 个步骤'),
    repeat: z.number().int().min(0).max(5, '最多重复 5 次').default(0),
  })
  .strict();
export type EscalationPolicyInput = z.infer<typeof EscalationPolicyInput>;

export const EscalationPolicyParams = z.object({ type: AlertType }).strict();

export interface EscalationPolicyDto extends EscalationPolicyInput {
  type: AlertType;
  /** true: the built-in default (no community-specific policy stored). */
  isDefault: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

/**
 * The defaults, as the platform behaved before policies were data: grid worker (with the resident's emergency contacts
 * for personal alerts) → duty staff → everyone, each after the severity's limit; SOS and falls repeat the last step twice.
 */
export function defaultEscalationPolicy(type: AlertType): EscalationPolicyInput {
  const wait = ESCALATION_LIMIT_SECONDS[ALERT_TYPE_SEVERITY[type]];
  const channels = notifyChannels(type);
  const personal = alertAudience(type) === 'personal';
  const staffLevels: EscalationLevel[] = ESCALATION_LEVELS.filter((l) => l !== 'self');
  const steps = staffLevels.map((level) => ({ level, channels, contacts: personal && level === 'grid', waitSeconds: wait }));
  // A missed check-in asks the elder herself first ("您今天还好吗？回复1报平安"); family and the grid worker after 15 minutes.
  if (type === 'no_checkin') steps.unshift({ level: 'self', channels: ['bot', 'sms', 'voice'], contacts: false, waitSeconds: 15 * 60 });
  return { steps, repeat: personal && ALERT_TYPE_SEVERITY[type] === 'critical' ? 2 : 0 };
}

export const ESCALATION_POLICY_TYPES = ALERT_TYPES;

/** Where an alert stands in its policy: step index and round (0 = first pass). */
export interface EscalationPosition {
  step: number;
  round: number;
}

/** The step after `at`, or null when the policy (with its repeats) is exhausted. */
export function nextEscalation(policy: EscalationPolicyInput, at: EscalationPosition): EscalationPosition | null {
  if (at.step + 1 < policy.steps.length) return { step: at.step + 1, round: at.round };
  if (at.round < policy.repeat) return { step: 0, round: at.round + 1 };
  return null;
}
