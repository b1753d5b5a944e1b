// The events the notifications feature emits: a person answered a message (the elder replied "1" to "您今天还好吗？").
export interface NotificationEvents {
  /** The elder herself answered that she is well: a check-in (the care feature records it and closes the no_checkin alert). */
  'resident.answered': { communityId: string; residentId: string; alertId: string; via: 'sms' | 'bot'; text: string };
}
