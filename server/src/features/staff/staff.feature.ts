// The staff face: accounts with roles and buildings; others use it to name assignees and to choose whom to tell.
import type { FeatureCore, LinliFace } from '../feature-core';
import { staffRoutes } from './staff.routes';
import { StaffService } from './staff.service';

export function staffFeature(core: Pick<FeatureCore, 'conn'>): LinliFace<StaffService> {
  const staff = new StaffService(core.conn);
  return { name: 'staff', api: staff, routes: staffRoutes(staff) };
}
