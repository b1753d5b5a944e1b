// The screens face: admins create and revoke big-screen tokens (read-only, no staff login); the token service asks it who a screen token is.
import crypto from 'node:crypto';
import { z } from 'zod';
import { ObjectIdString, ScreenTokenCreate, type ScreenTokenCreatedDto, type ScreenTokenDto } from '@linli/contracts';
import { notFound } from '../../core/errors';
import { route } from '../../core/feature';
import { SCREEN_TOKEN_PREFIX } from '../../core/tokens';
import { rooms } from '../../realtime/rooms';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { ScreenTokenDoc } from './screen.model';
import { ScreenTokenRepository } from './screen.repository';

const IdParams = z.object({ id: ObjectIdString }).strict();
const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

const dto = (d: ScreenTokenDoc): ScreenTokenDto => ({
  id: String(d._id),
  name: d.name,
  createdAt: d.createdAt.toISOString(),
  createdByName: d.createdBy?.name ?? '',
  ...(d.revokedAt ? { revokedAt: d.revokedAt.toISOString() } : {}),
});

export function screensFeature(core: Pick<FeatureCore, 'conn' | 'tokens' | 'io'>): LinliFace {
  const repo = new ScreenTokenRepository(core.conn);
  // A screen acts as whole-community read-only staff; http/routes.ts lets it call only routes with a screen view.
  core.tokens.useScreenCheck(async (token) => {
    const d = await repo.byHash(hash(token));
    if (!d || d.revokedAt) return null;
    return { kind: 'staff', id: `screen:${String(d._id)}`, communityId: d.communityId, roles: ['staff'], buildings: [], name: `大屏：${d.name}` };
  });
  return {
    name: 'screens',
    api: {},
    routes: [
      route({
        method: 'get', path: '/api/screen-tokens', auth: ['admin'],
        summary: 'Big-screen tokens of the community (never the tokens themselves)',
        handler: async ({ principal: p }) => ({ items: (await repo.list(p.communityId)).map(dto) }),
      }),
      route({
        method: 'post', path: '/api/screen-tokens', auth: ['admin'], body: ScreenTokenCreate, status: 201,
        summary: 'Create a read-only big-screen token; the answer carries the token and the address to open, shown only this once',
        async handler({ principal: p, body }): Promise<ScreenTokenCreatedDto> {
          const token = SCREEN_TOKEN_PREFIX + crypto.randomBytes(24).toString('base64url');
          const d = await repo.insert({ communityId: p.communityId, name: body.name, tokenHash: hash(token), createdBy: { id: p.id, name: p.name } });
          return { screen: dto(d), token, url: `/panel/screen?t=${token}` };
        },
      }),
      route({
        method: 'post', path: '/api/screen-tokens/:id/revoke', auth: ['admin'], params: IdParams, errors: ['NOT_FOUND'],
        summary: 'Revoke a big-screen token: its next request answers 401 and its live sockets end',
        async handler({ principal: p, params }) {
          const d = await repo.revoke(p.communityId, params.id, new Date());
          if (!d) throw notFound('大屏令牌');
          core.io.in(rooms.screenDevice(p.communityId, `screen:${params.id}`)).disconnectSockets(true);
          return dto(d);
        },
      }),
    ],
  };
}
