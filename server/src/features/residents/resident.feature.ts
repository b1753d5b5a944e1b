// The residents face: the registry and its households; other features resolve people, audiences and door plates through ResidentsApi.
import type { FeatureCore, LinliFace } from '../feature-core';
import { residentRoutes } from './resident.routes';
import { ResidentService } from './resident.service';

export function residentsFeature(core: Pick<FeatureCore, 'conn' | 'config' | 'rateLimits'>): LinliFace<ResidentService> {
  const residents = new ResidentService(core.conn, { bindSecret: core.config.JWT_SECRET });
  return { name: 'residents', api: residents, routes: residentRoutes(residents, core.rateLimits) };
}
