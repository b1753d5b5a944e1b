// The FAQ feature's face: auto-reply rules staff keep, matched for residents and the group bot; unanswered questions logged off the request path.
import { on } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import { faqRoutes } from './faq.routes';
import { FaqService } from './faq.service';

export function faqFeature(core: FeatureCore): LinliFace<FaqService> {
  const faq = new FaqService(core.conn, core.bus);
  return {
    name: 'faq',
    api: faq,
    routes: faqRoutes(faq, core.rateLimits),
    emits: ['faq.unanswered'],
    // Counted off the request path, so asking never waits on the log.
    subscriptions: [on<DomainEvents, 'faq.unanswered'>('faq.unanswered', ({ communityId, text, at }) => faq.recordUnanswered(communityId, text, at))],
  };
}
