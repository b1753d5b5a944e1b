// Who may open a care profile's health data — the server's rule (care role or admin; the responsible grid worker) — for labelling the list honestly.
import type { CareProfileDto, StaffDto } from '@linli/contracts';

type Viewer = Pick<StaffDto, 'id' | 'roles' | 'buildings'>;

/** The list never carries health data (each read is audited); this says whether opening the profile will show it. */
export function mayOpenHealth(viewer: Viewer | null, p: Pick<CareProfileDto, 'gridWorkerId' | 'building'>): boolean {
  if (!viewer) return false;
  if (viewer.roles.includes('admin') || viewer.roles.includes('care')) return true;
  if (!viewer.roles.includes('grid')) return false;
  if (p.gridWorkerId) return p.gridWorkerId === viewer.id;
  return !!p.building && viewer.buildings.includes(p.building);
}
