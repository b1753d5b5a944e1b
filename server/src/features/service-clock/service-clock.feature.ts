// The service-clock face: 签收 and 办结 deadlines on a working calendar with Chinese holidays and 调休 (issue 17), used by tickets for deadlines and the 催办/督办 ladder.
import type { CommunitiesApi } from '../communities/community.service';
import type { FeatureCore, LinliFace } from '../feature-core';
import { serviceClockRoutes } from './service-clock.routes';
import { ServiceClockService } from './service-clock.service';

export function serviceClockFeature(core: Pick<FeatureCore, 'conn' | 'config'>, needs: { communities: CommunitiesApi }): LinliFace<ServiceClockService> {
  const clock = new ServiceClockService(core.conn, needs.communities, core.config.SERVICE_CLOCK_SCALE);
  return { name: 'service-clock', api: clock, routes: serviceClockRoutes(clock) };
}
