// The only place Socket.io room names are built, and which staff rooms a principal joins (scoped like the HTTP reads).
import { buildingScope, type StaffPrincipal, type StaffRole } from '@linli/contracts';

export const rooms = {
  /** Every staff member of the community: only for what every staff role may read over HTTP (notices, board, ledger, wish list, public alerts). */
  staff: (cid: string) => `c:${cid}:staff`,
  /** Staff whose reads cover the whole community (admin, 社区工作者). */
  staffAll: (cid: string) => `c:${cid}:staff:all`,
  /** Staff whose reads are limited to buildings (grid workers): one room per building they cover. */
  staffBuilding: (cid: string, building: string) => `c:${cid}:staff:b:${building}`,
  /** One staff member (what is assigned to them). */
  staffMember: (cid: string, staffId: string) => `c:${cid}:staff:u:${staffId}`,
  /** Staff holding a role (e.g. care reads every personal alert). */
  staffRole: (cid: string, role: StaffRole) => `c:${cid}:staff:role:${role}`,
  residents: (cid: string) => `c:${cid}:residents`,
  resident: (cid: string, residentId: string) => `c:${cid}:r:${residentId}`,
  household: (cid: string, householdId: string) => `c:${cid}:h:${householdId}`,
  building: (cid: string, building: string) => `c:${cid}:b:${building}`,
  bot: (cid: string) => `c:${cid}:bot`,
  /** Big screens signed in with a screen token: masked views only (staff do not join it; they hear the staff rooms). */
  screen: (cid: string) => `c:${cid}:screen`,
  /** One screen token's sockets, so revoking it disconnects them. */
  screenDevice: (cid: string, principalId: string) => `c:${cid}:screen:${principalId}`,
};

/** The rooms a staff socket joins: the community's, its scope's (all, or one per building), its own and its roles'. */
export function staffRooms(p: StaffPrincipal): string[] {
  // A street account reads over HTTP only: its home community's staff rooms carry residents' details it may not see.
  if (p.roles.includes('street')) return [];
  const cid = p.communityId;
  const scope = buildingScope(p);
  return [
    rooms.staff(cid),
    rooms.staffMember(cid, p.id),
    ...p.roles.map((r) => rooms.staffRole(cid, r)),
    ...(scope === null ? [rooms.staffAll(cid)] : scope.map((b) => rooms.staffBuilding(cid, b))),
  ];
}

/** The staff rooms that may read something located in `building` (policy's coversBuilding), plus any named staff members. */
export function staffCovering(cid: string, building: string | undefined | null, members: Array<string | undefined | null> = []): string[] {
  return [
    rooms.staffAll(cid),
    ...(building ? [rooms.staffBuilding(cid, building)] : []),
    ...members.filter((m): m is string => Boolean(m)).map((m) => rooms.staffMember(cid, m)),
  ];
}
