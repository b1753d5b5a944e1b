// The only place Socket.io room names are built.
export const rooms = {
  staff: (cid: string) => `c:${cid}:staff`,
  residents: (cid: string) => `c:${cid}:residents`,
  resident: (cid: string, residentId: string) => `c:${cid}:r:${residentId}`,
  household: (cid: string, householdId: string) => `c:${cid}:h:${householdId}`,
  building: (cid: string, building: string) => `c:${cid}:b:${building}`,
  bot: (cid: string) => `c:${cid}:bot`,
  /** Public screens (big screen in the service hall) in read-only mode. */
  screen: (cid: string) => `c:${cid}:screen`,
};
