// The events the alerts feature emits (the board's changes, who must be told, and device signs of life from ingestion), merged into the domain event map.
import type { AlertDto, AlertNotifyChannel, EmergencyContact, EscalationLevel } from '@linli/contracts';
import type { AlertDoc } from './alert.model';

export interface AlertEvents {
  /** Every new alert (staff sockets). */
  'alert.opened': { alert: AlertDoc };
  /** Any change: repeated (dedupe count), escalated, ack, resolve, ticket. */
  'alert.updated': { alert: AlertDoc; change: string };
  /** Public-safety alerts ONLY (fire lane, smoke, water leak, trash overflow), public view: the group bot's feed. Personal alerts never appear here. */
  'alert.raised': { alert: AlertDto };
  /**
   * Who must be told at a step of the escalation policy: staff (with their phones), the resident's emergency contacts when
   * the step includes them, and the phone channels the step uses (the panel hears every step through its socket).
   */
  'alert.notify': {
    alert: AlertDoc;
    level: EscalationLevel;
    channels: AlertNotifyChannel[];
    staff: { id: string; name: string; phone?: string }[];
    contacts: EmergencyContact[];
    /** The step tells the elder's family (her emergency contacts by phone, and family bound to her in WeChat by the bot). */
    family?: boolean;
    /** A step that asks the elder herself first (a missed check-in): her own phone. */
    self?: { residentId: string; name: string; phone?: string };
  };
  /** A wristband's sign of life (heartbeat or a normal heart-rate reading): counts as the wearer's daily check-in. */
  'device.heartbeat': { communityId: string; deviceId: string; residentId: string; at: Date };
}
