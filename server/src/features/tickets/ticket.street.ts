// What the street (街道) reads of one community's tickets: its KPI rows unscoped by building, and its supervised tickets without residents' contacts.
import { isOpenTicketStatus, type StreetTicketLevel, type TicketDto } from '@linli/contracts';
import type { UploadsApi } from '../uploads/upload.service';
import { ticketDto } from './ticket.dto';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import type { TicketRepository } from './ticket.repository';

/** 督办 covers the leader's 督办 at the 签收 deadline, 超时升级 at the 办结 deadline, and what went on to the street. */
const LEVEL_KINDS: Record<StreetTicketLevel, TimelineEntry['kind'][]> = {
  supervised: ['supervised', 'escalated', 'street'],
  street: ['street'],
};

/** Open first, then newest first. */
function byOpenThenNewest(a: TicketDoc, b: TicketDoc): number {
  const open = Number(isOpenTicketStatus(b.status)) - Number(isOpenTicketStatus(a.status));
  return open || b.createdAt.getTime() - a.createdAt.getTime();
}

export class TicketStreetView {
  constructor(
    private readonly repo: TicketRepository,
    private readonly uploads: UploadsApi,
  ) {}

  /** The KPI rows of the whole community, exactly what its admin's GET /api/stats/service counts. */
  filedBetween(communityId: string, from: Date, to: Date) {
    return this.repo.filedBetween(communityId, from, to, null);
  }

  /** The communities' tickets at a ladder level, open first, the staff view without the reporter's phone number or WeChat id. */
  async atLevel(communityIds: string[], level: StreetTicketLevel, limit: number): Promise<{ total: number; items: TicketDto[] }> {
    // One query per community: its top-level equality is what the embedded engine pushes down to an index.
    const docs = (await Promise.all(communityIds.map((c) => this.repo.withTimelineKind(c, LEVEL_KINDS[level])))).flat().sort(byOpenThenNewest);
    const items = await Promise.all(
      docs.slice(0, limit).map(async (t) => {
        const d = await ticketDto(t, 'staff', this.uploads);
        return { ...d, reporter: { ...d.reporter, phone: undefined, wechatId: undefined } };
      }),
    );
    return { total: docs.length, items };
  }
}
