// Turns the desk registration form into a ticket request (channel 'desk', reporter named by staff).
import type { ResidentDto, TicketCategory, TicketCreate } from '@linli/contracts';

export interface DeskFormValues {
  residentId?: string;
  name: string;
  phone?: string;
  category: TicketCategory;
  title?: string;
  description: string;
  building?: string;
  unit?: string;
  room?: string;
}

const blank = (s?: string) => (s && s.trim() ? s.trim() : undefined);

export function deskTicket(v: DeskFormValues): TicketCreate {
  const building = blank(v.building);
  return {
    channel: 'desk',
    category: v.category,
    description: v.description.trim(),
    title: blank(v.title),
    attachments: [],
    location: building ? { building, unit: blank(v.unit), room: blank(v.room) } : undefined,
    reporter: { name: v.name.trim(), phone: blank(v.phone), residentId: blank(v.residentId) },
  };
}

/** Picking a registered resident fills name, phone and address. */
export function fromResident(r: ResidentDto): Partial<DeskFormValues> {
  return { residentId: r.id, name: r.name, phone: r.phone, building: r.building, unit: r.unit, room: r.room };
}
