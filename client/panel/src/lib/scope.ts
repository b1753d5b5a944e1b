// Ticket-level view of the shared building rule, for filtering pushes: signed out means nothing to filter, and a ticket is judged by its location.
import { coversBuilding, type StaffScope, type TicketDto } from '@linli/contracts';

export function inScope(user: StaffScope | null, t: Pick<TicketDto, 'location'>): boolean {
  return !user || coversBuilding(user, t.location?.building);
}
