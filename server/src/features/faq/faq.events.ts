// The events the FAQ feature emits, merged into the domain event map.

export interface FaqEvents {
  /** A resident or the bot asked the FAQ something no rule answers. */
  'faq.unanswered': { communityId: string; text: string; asker: 'resident' | 'bot'; at: Date };
}
