// Broadcast route table: speakers with their online state, preview, publish, one-tap confirm, cancel, the ledger per broadcast, and the admin's auto-announce setting.
import { z } from 'zod';
import { BroadcastCreate, BroadcastPreview, BroadcastQuery, BroadcastSettings, ObjectIdString, type StaffPrincipal, type StaffRole } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { RateLimits } from '../../core/rate-limit';
import type { BroadcastService } from './broadcast.service';

const IdParams = z.object({ id: ObjectIdString });
/** Community workers and grid workers (in their own buildings) broadcast; admins always may. */
const BROADCASTERS: readonly StaffRole[] = ['staff', 'grid'];

export function broadcastRoutes(b: BroadcastService, limits: RateLimits): AnyRoute[] {
  const staff = (p: unknown) => p as StaffPrincipal;
  // Each preview is a paid TTS call: a burst of clicks must not become a burst of bills.
  const ttsLimiter = limits.limiter('broadcast.tts', 20, 60_000);
  return [
    route({
      method: 'get', path: '/api/broadcasts/speakers', auth: 'staff',
      summary: 'Speakers with their zones and whether they are online now',
      handler: async ({ principal: p }) => ({ items: await b.speakers(p.communityId) }),
    }),
    route({
      method: 'get', path: '/api/broadcasts/settings', auth: 'staff',
      summary: 'Which public-safety alert types announce themselves without a tap',
      handler: ({ principal: p }) => b.getSettings(p.communityId),
    }),
    route({
      method: 'put', path: '/api/broadcasts/settings', auth: ['admin'], body: BroadcastSettings,
      summary: 'Choose the alert types that announce themselves (admin)',
      handler: ({ principal: p, body }) => b.putSettings(p.communityId, body.autoAlertTypes),
    }),
    route({
      method: 'post', path: '/api/broadcasts/preview', auth: BROADCASTERS, body: BroadcastPreview, status: 201, errors: ['RATE_LIMITED', 'UNAVAILABLE'],
      summary: 'Synthesize the text (Tencent Cloud TTS) so staff hear it before publishing; publish with the returned audioId',
      async handler({ principal: p, body }) {
        await ttsLimiter.take(p.id, '试听太频繁，请稍后再试');
        return b.preview(staff(p), body.text);
      },
    }),
    route({
      method: 'post', path: '/api/broadcasts', auth: BROADCASTERS, body: BroadcastCreate, status: 201, errors: ['RATE_LIMITED', 'UNAVAILABLE'],
      summary: 'Publish a broadcast: text (synthesized once) or recorded audio, to zones, now or at given times, repeated',
      async handler({ principal: p, body }) {
        if (!body.audioId) await ttsLimiter.take(p.id, '广播太频繁，请稍后再试');
        return b.dto(await b.create(staff(p), body), true);
      },
    }),
    route({
      method: 'get', path: '/api/broadcasts', auth: 'staff', query: BroadcastQuery,
      summary: 'Recent broadcasts, newest first (pending = alert announcements waiting for a tap)',
      handler: async ({ principal: p, query }) => ({ items: await Promise.all((await b.list(p.communityId, query)).map((x) => b.dto(x))) }),
    }),
    route({
      method: 'get', path: '/api/broadcasts/:id', auth: 'staff', params: IdParams, errors: ['NOT_FOUND'],
      summary: "One broadcast with every speaker's outcome per play (the delivery ledger)",
      handler: async ({ principal: p, params }) => b.dto(await b.get(p.communityId, params.id), true),
    }),
    route({
      method: 'post', path: '/api/broadcasts/:id/confirm', auth: BROADCASTERS, params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: "Play a pending alert announcement now (the one tap)",
      handler: async ({ principal: p, params }) => b.dto(await b.confirm(staff(p), params.id), true),
    }),
    route({
      method: 'post', path: '/api/broadcasts/:id/cancel', auth: BROADCASTERS, params: IdParams, errors: ['NOT_FOUND', 'CONFLICT'],
      summary: 'Cancel the plays still to come',
      handler: async ({ principal: p, params }) => b.dto(await b.cancel(staff(p), params.id), true),
    }),
  ];
}
