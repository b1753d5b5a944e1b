// The communities face: a community's settings (name, ticket prefix, buildings, SLA hours), read by tickets and the wish list.
import type { FeatureCore, LinliFace } from '../feature-core';
import { communityRoutes } from './community.routes';
import { CommunityService } from './community.service';

export function communitiesFeature(core: Pick<FeatureCore, 'conn'>): LinliFace<CommunityService> {
  const communities = new CommunityService(core.conn);
  return { name: 'communities', api: communities, routes: communityRoutes(communities) };
}
