// The street (街道) level: one record listing its communities, and what its read-only accounts read over them.
import { z } from 'zod';
import type { TicketDto } from './tickets';

export interface StreetDto {
  id: string;
  name: string;
  communities: Array<{ id: string; name: string }>;
}

/** 督办: every ticket the ladder supervised (督办 at a deadline, 超时升级, or raised to the street); 街道: raised to the street. */
export const STREET_TICKET_LEVELS = ['supervised', 'street'] as const;
export type StreetTicketLevel = (typeof STREET_TICKET_LEVELS)[number];
export const STREET_TICKET_LEVEL_LABELS: Record<StreetTicketLevel, string> = { supervised: '督办工单', street: '上报街道' };

export const StreetTicketQuery = z
  .object({
    level: z.enum(STREET_TICKET_LEVELS, { message: '级别只能是 supervised（督办）或 street（上报街道）' }).default('supervised'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export type StreetTicketQuery = z.infer<typeof StreetTicketQuery>;

/** A ticket as the street sees it: the staff view without the reporter's phone number or WeChat id, with its community's name. */
export type StreetTicketDto = TicketDto & { communityName: string };

/** Open tickets first, newest first within each half; `total` counts every match before the limit. */
export interface StreetTicketsDto {
  level: StreetTicketLevel;
  total: number;
  items: StreetTicketDto[];
}
