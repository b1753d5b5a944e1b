// Which tickets a staff member is responsible for: admins and community staff see all, grid workers their buildings (as the server scopes lists).
import type { StaffDto, TicketDto } from '@linli/contracts';

export function inScope(user: Pick<StaffDto, 'roles' | 'buildings'> | null, t: Pick<TicketDto, 'location'>): boolean {
  if (!user || user.roles.includes('admin') || user.roles.includes('staff')) return true;
  return !!t.location?.building && user.buildings.includes(t.location.building);
}
