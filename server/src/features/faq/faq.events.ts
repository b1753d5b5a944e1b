// FAQ subscribers: unanswered questions are counted off the request path, so asking never waits on the log.
import type { Bus } from '../events';
import type { FaqService } from './faq.service';

export function faqEvents(bus: Bus, faq: FaqService): void {
  bus.on('faq.unanswered', ({ communityId, text, at }) => faq.recordUnanswered(communityId, text, at));
}
