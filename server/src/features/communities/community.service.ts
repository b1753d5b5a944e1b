// Community settings lookups with a small cache (settings change rarely; tickets read them on every create).
import type { Connection } from 'mongoose';
import { DEFAULT_SLA_HOURS, type TicketCategory } from '@linli/contracts';
import { notFound } from '../../core/errors';
import { CommunityRepository } from './community.repository';
import type { CommunityDoc } from './community.model';

// Other features name communities by this type, imported from here: the model file stays private to this feature.
export type { CommunityDoc } from './community.model';

/** What other features may read of a community's settings. */
export type CommunitiesApi = Pick<CommunityService, 'get' | 'slaHours'>;

export class CommunityService {
  private readonly repo: CommunityRepository;
  private readonly cache = new Map<string, { at: number; doc: CommunityDoc }>();
  constructor(conn: Connection) {
    this.repo = new CommunityRepository(conn);
  }

  async get(id: string): Promise<CommunityDoc> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < 30_000) return hit.doc;
    const doc = await this.repo.get(id);
    if (!doc) throw notFound('社区');
    this.cache.set(id, { at: Date.now(), doc });
    return doc;
  }

  ensure(doc: { _id: string; name: string; ticketPrefix: string; slaHours?: Record<string, number>; buildings?: string[] }) {
    this.cache.delete(doc._id);
    return this.repo.ensure({ slaHours: {}, buildings: [], ...doc });
  }

  async setSlaHours(id: string, slaHours: Partial<Record<TicketCategory, number>>): Promise<CommunityDoc> {
    const current = await this.get(id);
    const updated = await this.repo.setSlaHours(id, { ...current.slaHours, ...slaHours });
    this.cache.delete(id);
    return updated!;
  }

  async slaHours(communityId: string, category: TicketCategory): Promise<number> {
    const c = await this.get(communityId);
    return c.slaHours?.[category] ?? DEFAULT_SLA_HOURS[category];
  }
}
