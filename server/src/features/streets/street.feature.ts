// The streets face: a street (街道) lists its communities; its read-only accounts see their KPIs and supervised tickets.
import type { FeatureCore, LinliFace } from '../feature-core';
import { streetRoutes } from './street.routes';
import { StreetService, type StreetDeps } from './street.service';

export function streetsFeature(core: Pick<FeatureCore, 'conn'>, needs: StreetDeps): LinliFace<StreetService> {
  const streets = new StreetService(core.conn, needs);
  return { name: 'streets', api: streets, routes: streetRoutes(streets) };
}
