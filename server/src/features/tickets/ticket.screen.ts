// What a big screen in the public service hall may show of a ticket: number, category, building, status and times; the reporter's name masked, no words, phones or rooms.
import type { TicketDto } from '@linli/contracts';
import { maskPii } from '../../logger';

/** 王秀兰 → 王**: neighbours in the hall see that someone reported, not who. */
export function maskScreenName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '居民';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 2));
}

export function screenTicket(t: TicketDto): TicketDto {
  return {
    id: t.id,
    no: t.no,
    communityId: t.communityId,
    category: t.category,
    title: maskPii(t.title),
    description: '',
    ...(t.location ? { location: { building: t.location.building } } : {}),
    attachments: [],
    channel: t.channel,
    reporter: { name: maskScreenName(t.reporter.name) },
    status: t.status,
    slaDueAt: t.slaDueAt,
    overdue: t.overdue,
    ...(t.resolvedAt ? { resolvedAt: t.resolvedAt } : {}),
    urgeCount: t.urgeCount,
    timeline: [],
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    followerCount: t.followerCount,
    households: t.households,
    priority: t.priority,
    ...(t.duplicateOf ? { duplicateOf: t.duplicateOf } : {}),
  };
}

/** The screen view of a ticket list answer ({items, nextCursor}). */
export function screenTicketPage(body: unknown): unknown {
  const page = body as { items: TicketDto[]; nextCursor?: string | null };
  return { ...page, items: page.items.map(screenTicket) };
}
