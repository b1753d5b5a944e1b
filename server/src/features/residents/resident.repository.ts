// Residents and households persistence, every query scoped to one community.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { Types } from 'mongoose';
import { SEARCH_MAX_TIME_MS, searchResult } from '../../core/concurrency';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { findOneLean, findSorted, sqlCount, sqlFields, sqlFind } from '../../db/sql-find';
import { householdModel, residentModel, type HouseholdDoc, type ResidentDoc, type WechatContactDoc } from './resident.model';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class ResidentRepository {
  private readonly model: Model<ResidentDoc>;
  private readonly households: Model<HouseholdDoc>;
  constructor(conn: Connection) {
    this.model = residentModel(conn);
    this.households = householdModel(conn);
  }

  /** The household at a door plate, created on first use (unique index makes concurrent creates converge). */
  async household(communityId: string, building: string, unit: string, room: string): Promise<HouseholdDoc> {
    const filter = scoped<HouseholdDoc>(communityId, { building, unit, room });
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.households
          .findOneAndUpdate(filter, { $setOnInsert: { communityId, building, unit, room } }, { upsert: true, new: true })
          .lean<HouseholdDoc>())!;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  async create(doc: Omit<ResidentDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<ResidentDoc> {
    return (await this.model.create(doc)).toObject();
  }

  // One-resident reads run on every SOS (the wearer, her contacts) and ticket: an indexed, prepared PostgreSQL lookup on
  // the embedded engine (db/sql-find.ts), mongoose elsewhere.
  byId(communityId: string, id: string) {
    return findOneLean<ResidentDoc>(this.model, scoped<ResidentDoc>(communityId, { _id: new Types.ObjectId(id) }));
  }

  byOpenid(communityId: string, openid: string) {
    return findOneLean<ResidentDoc>(this.model, scoped<ResidentDoc>(communityId, { openid }));
  }

  /** The resident a bound WeChat contact id stands for (the bot's only way to name someone); two results mean an ambiguous binding. */
  async byWechatId(communityId: string, wechatId: string): Promise<ResidentDoc[]> {
    const found = await this.model.find(scoped<ResidentDoc>(communityId, { wechatIds: wechatId, verified: true })).limit(2).lean<ResidentDoc[]>();
    if (found.length) return found;
    // Bound before the contact list existed (only `wechatId` set).
    return this.model.find(scoped<ResidentDoc>(communityId, { wechatId, verified: true })).limit(2).lean<ResidentDoc[]>();
  }

  /** Replaces her bound contacts; `wechatId` mirrors the self contact (or goes). */
  setContacts(communityId: string, id: Types.ObjectId, contacts: WechatContactDoc[]) {
    const self = contacts.find((c) => c.relation === 'self');
    const set: Partial<ResidentDoc> = { wechatContacts: contacts, wechatIds: contacts.map((c) => c.contactId) };
    return this.model
      .findOneAndUpdate(scoped<ResidentDoc>(communityId, { _id: id }), self ? { $set: { ...set, wechatId: self.contactId } } : { $set: set, $unset: { wechatId: 1 } }, { new: true })
      .lean<ResidentDoc>();
  }

  update(communityId: string, id: string, set: Partial<ResidentDoc>) {
    return this.model
      .findOneAndUpdate(scoped<ResidentDoc>(communityId, { _id: new Types.ObjectId(id) }), { $set: set }, { new: true })
      .lean<ResidentDoc>();
  }

  /**
   * `scope` limits the list to what the caller may see; `phoneExact` (masked viewers) matches a phone number only
   * when the whole number is typed, so a search cannot be used to read a number digit by digit.
   */
  list(
    communityId: string,
    q: { q?: string; building?: string; tag?: string; afterId?: string; limit: number },
    opts: { scope?: FilterQuery<ResidentDoc> | null; phoneExact?: boolean } = {},
  ) {
    const f: FilterQuery<ResidentDoc> = { verified: true };
    if (opts.scope) f.$and = [opts.scope];
    if (q.building) f.building = q.building;
    if (q.tag) f.tags = q.tag;
    if (q.q) {
      const rx = new RegExp(escapeRegex(q.q));
      const phone = opts.phoneExact ? (/^1\d{10}$/.test(q.q) ? q.q : null) : rx;
      f.$or = [{ name: rx }, ...(phone ? [{ phone }] : []), { room: rx }, { wechatName: rx }];
    }
    if (q.afterId) f._id = { $lt: new Types.ObjectId(q.afterId) };
    const find = this.model.find(scoped(communityId, f)).sort({ _id: -1 }).limit(q.limit);
    // A keyword is a regex over four fields (no index): bounded in time like the ticket search.
    return q.q ? searchResult(find.maxTimeMS(SEARCH_MAX_TIME_MS).lean<ResidentDoc[]>()) : find.lean<ResidentDoc[]>();
  }

  /**
   * A notice's audience: every resident matching it. On the embedded engine PostgreSQL answers it directly (FerretDB decodes
   * every matching document in its own memory: 2.5–7 s for 20,000 residents, before the push can go out); shapes SQL cannot
   * keep exactly go through mongoose as before.
   */
  async audience(communityId: string, filter: FilterQuery<ResidentDoc>, projection?: Record<string, 0 | 1>): Promise<ResidentDoc[]> {
    const f = scoped(communityId, filter);
    const { rest, tagged } = splitTags(f);
    const select = projection ? Object.keys(projection).filter((k) => projection[k] === 1) : undefined;
    const rows = await sqlFind(this.model, rest, { sort: {}, ...(select?.length ? { select: tagged ? [...select, 'tags'] : select } : {}) });
    if (rows) return (tagged ? rows.filter((r) => tagged(r.tags)) : rows) as unknown as ResidentDoc[];
    return this.model.find(f, projection).lean<ResidentDoc[]>();
  }

  /**
   * Only the ids and notification channels of a notice's audience: what its push needs, read before the receipts' full read.
   * On the embedded engine PostgreSQL returns just those values per row (~20 bytes instead of the whole document: at 20,000
   * residents the full read took 255–512 ms at load 6, nearly all of the time before the push).
   */
  async audienceChannels(communityId: string, filter: FilterQuery<ResidentDoc>): Promise<Array<{ id: string; channels?: ResidentDoc['channels'] }>> {
    const f = scoped(communityId, filter);
    const { rest, tagged } = splitTags(f);
    const rows = await sqlFields(this.model, rest, tagged ? ['channels', 'tags'] : ['channels']);
    const out = rows
      ? rows.filter((r) => !tagged || tagged(r.tags)).map((r) => ({ id: String(r._id), channels: r.channels }))
      : (await this.model.find(f, { channels: 1 }).lean<Pick<ResidentDoc, '_id' | 'channels'>[]>()).map((d) => ({ id: String(d._id), channels: d.channels as unknown }));
    return out.map((r) => ({ id: r.id, ...(Array.isArray(r.channels) ? { channels: r.channels as ResidentDoc['channels'] } : {}) }));
  }

  /** How many residents an audience reaches (the notice preview): counted by PostgreSQL where it can (FerretDB counts in memory). */
  async countAudience(communityId: string, filter: FilterQuery<ResidentDoc>): Promise<number> {
    const f = scoped(communityId, filter);
    const { rest, tagged } = splitTags(f);
    if (!tagged) return (await sqlCount(this.model, rest)) ?? this.model.countDocuments(f);
    const rows = await sqlFields(this.model, rest, ['tags']);
    return rows ? rows.filter((r) => tagged(r.tags)).length : this.model.countDocuments(f);
  }

  /** Streams residents matching a filter (audience resolution works over the whole registry). */
  async find(communityId: string, filter: FilterQuery<ResidentDoc>, projection?: Record<string, 0 | 1>): Promise<ResidentDoc[]> {
    const select = projection && Object.values(projection).every((v) => v === 1) ? Object.keys(projection) : undefined;
    if (!projection || select) return findSorted<ResidentDoc>(this.model, scoped(communityId, filter), { sort: {}, ...(select ? { select } : {}) });
    return this.model.find(scoped(communityId, filter), projection).lean<ResidentDoc[]>();
  }

  async deleteMany(communityId: string, ids: Types.ObjectId[]) {
    if (ids.length) await this.model.deleteMany(scoped<ResidentDoc>(communityId, { _id: { $in: ids } }));
  }

  count(communityId: string, filter: FilterQuery<ResidentDoc>) {
    return this.model.countDocuments(scoped(communityId, filter));
  }
}

/**
 * sql-find keeps scalar fields only: an audience by tags (an array; any of the listed tags) is read without that condition
 * and checked on the tags read along. Any other shape of `tags` stays in the filter (and goes through mongoose).
 */
function splitTags(f: FilterQuery<ResidentDoc>): { rest: FilterQuery<ResidentDoc>; tagged?: (tags: unknown) => boolean } {
  const { tags, ...rest } = f as Record<string, unknown>;
  const list = tags && typeof tags === 'object' && Object.keys(tags).length === 1 && Array.isArray((tags as { $in?: unknown }).$in) ? ((tags as { $in: unknown[] }).$in) : undefined;
  if (!list) return { rest: f };
  const want = new Set(list.map(String));
  return { rest: rest as FilterQuery<ResidentDoc>, tagged: (t) => (Array.isArray(t) ? t.some((x) => want.has(String(x))) : t !== undefined && t !== null && want.has(String(t))) };
}
