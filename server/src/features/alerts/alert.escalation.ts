// Where an alert stands in its escalation policy, for the service (timers) and the DTO (what comes next).
import { defaultEscalationPolicy, nextEscalation, type EscalationLevel, type EscalationPolicyInput, type EscalationPosition } from '@linli/contracts';
import type { AlertDoc } from './alert.model';

/** The policy an alert runs on and where it stands (older alerts: the default policy, position from their level). */
export function escalationOf(a: Pick<AlertDoc, 'type' | 'level' | 'escalation' | 'step' | 'round'>): { policy: EscalationPolicyInput; at: EscalationPosition } {
  const policy = a.escalation ?? defaultEscalationPolicy(a.type);
  const step = a.step ?? Math.max(0, policy.steps.findIndex((s) => s.level === a.level));
  return { policy, at: { step, round: a.round ?? 0 } };
}

/** Who the next step tells, if one follows. */
export function nextLevelOf(a: Pick<AlertDoc, 'type' | 'level' | 'escalation' | 'step' | 'round'>): EscalationLevel | undefined {
  const { policy, at } = escalationOf(a);
  const next = nextEscalation(policy, at);
  return next ? policy.steps[next.step]!.level : undefined;
}
