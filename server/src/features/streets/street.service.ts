// The street (街道) level: which communities a street account reads, and its KPIs and supervised tickets over them.
import type { Connection } from 'mongoose';
import { isStreetAccount, type Principal, type ServiceStatsQuery, type StreetDto, type StreetTicketQuery, type StreetTicketsDto } from '@linli/contracts';
import { AppError, forbidden } from '../../core/errors';
import type { CommunitiesApi } from '../communities/community.service';
import type { ServiceStatsService } from '../service-stats/service-stats.service';
import type { TicketsApi } from '../tickets/ticket.service';
import { StreetRepository } from './street.repository';

export interface StreetDeps {
  communities: Pick<CommunitiesApi, 'get'>;
  tickets: Pick<TicketsApi, 'street'>;
  stats: Pick<ServiceStatsService, 'overCommunities'>;
}

export class StreetService {
  private readonly repo: StreetRepository;
  constructor(
    conn: Connection,
    private readonly d: StreetDeps,
  ) {
    this.repo = new StreetRepository(conn);
  }

  /** Setup and the demo seed (see ensureStreet). */
  ensure(input: { id: string; name: string; communityIds: string[] }): Promise<StreetDto> {
    return ensureStreet(this.repo, this.d.communities, input);
  }

  /** The caller's street; anyone but a street account whose home community is in it is refused (an admin passes the role check, not this). */
  async of(p: Principal): Promise<StreetDto> {
    if (p.kind !== 'staff' || !isStreetAccount(p) || !p.streetId) throw forbidden('仅限街道账号');
    const street = await this.repo.get(p.streetId);
    if (!street || !street.communityIds.includes(p.communityId)) throw forbidden('街道账号所属街道已不存在，请联系运维人员');
    return this.dto(street.communityIds, street._id, street.name);
  }

  async stats(p: Principal, q: ServiceStatsQuery) {
    const street = await this.of(p);
    return { street: { id: street.id, name: street.name }, ...(await this.d.stats.overCommunities(street.communities, q)) };
  }

  async tickets(p: Principal, q: StreetTicketQuery): Promise<StreetTicketsDto> {
    const street = await this.of(p);
    const names = new Map(street.communities.map((c) => [c.id, c.name]));
    const r = await this.d.tickets.street.atLevel(street.communities.map((c) => c.id), q.level, q.limit);
    return { level: q.level, total: r.total, items: r.items.map((t) => ({ ...t, communityName: names.get(t.communityId) ?? t.communityId })) };
  }

  private dto(communityIds: string[], id: string, name: string): Promise<StreetDto> {
    return streetDto(this.d.communities, communityIds, id, name);
  }
}

async function streetDto(communities: Pick<CommunitiesApi, 'get'>, communityIds: string[], id: string, name: string): Promise<StreetDto> {
  const named = await Promise.all(communityIds.map(async (c) => ({ id: c, name: (await communities.get(c).catch(() => null))?.name ?? c })));
  return { id, name, communities: named };
}

/**
 * Creates a street or adds communities to it (never removes one). Every community must exist already: a typo must not
 * make a street of nothing. Used by the service and by `npm run setup`, which has no tickets or KPIs to hand.
 */
export async function ensureStreet(
  repo: StreetRepository | Connection,
  communities: Pick<CommunitiesApi, 'get'>,
  input: { id: string; name: string; communityIds: string[] },
): Promise<StreetDto> {
  const r = repo instanceof StreetRepository ? repo : new StreetRepository(repo);
  if (!/^[a-z0-9-]{2,40}$/.test(input.id)) throw new AppError('VALIDATION', '街道编号只能包含小写字母、数字和 -');
  if (!input.name.trim() || input.name.length > 40) throw new AppError('VALIDATION', '街道名称为 1-40 个字');
  if (!input.communityIds.length) throw new AppError('VALIDATION', '街道至少包含一个社区');
  for (const c of input.communityIds) await communities.get(c);
  const doc = await r.ensure(input.id, input.name, input.communityIds);
  return streetDto(communities, doc.communityIds, doc._id, doc.name);
}
