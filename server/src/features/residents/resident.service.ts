// Residents registry: staff create and edit; a WeChat or dev login with a registered openid becomes that resident.
import { Types, type Connection } from 'mongoose';
import type { NoticeAudience, NotifyChannel, ResidentAuditQuery, ResidentCreate, ResidentDto, ResidentPatch, StaffPrincipal } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { accessOf, requireRead, requireWrite, scopeFilter, viewFor } from './resident.access';
import { audienceFilter } from './resident.audience';
import { ResidentAudit } from './resident.audit';
import { BindCodes } from './resident.bind-code';
import { contactsOf, WechatBindings } from './resident.bindings';
import { GroupMembers } from './resident.group-members';
import { ResidentRepository } from './resident.repository';
import type { HouseholdDoc, ResidentDoc } from './resident.model';

/** The most residents one Excel export carries (a community has a few thousand); the title says when it was cut. */
export const RESIDENT_EXPORT_MAX = 5000;

// Other features name residents by these types, imported from here: the model file stays private to this feature.
export type { HouseholdDoc, ResidentDoc } from './resident.model';

const DEFAULT_CHANNELS: NotifyChannel[] = ['feed', 'push', 'group'];

export function residentDto(r: ResidentDoc): ResidentDto {
  return {
    id: String(r._id),
    communityId: r.communityId,
    householdId: r.householdId ? String(r.householdId) : '',
    name: r.name,
    phone: r.phone,
    birthYear: r.birthYear ?? 0,
    building: r.building ?? '',
    unit: r.unit ?? '',
    room: r.room ?? '',
    tags: r.tags ?? [],
    openid: r.openid,
    wechatName: r.wechatName,
    ...(r.wechatId ? { wechatId: r.wechatId } : {}),
    ...(contactsOf(r).length
      ? {
          wechatContacts: contactsOf(r).map((c) => ({
            id: c.id,
            relation: c.relation,
            ...(c.name ? { name: c.name } : {}),
            boundAt: c.boundAt.toISOString(),
            via: c.via,
            contactId: c.contactId,
          })),
        }
      : {}),
    channels: r.channels ?? DEFAULT_CHANNELS,
  };
}

/** What other features may ask of the registry (never its repository). */
export type ResidentsApi = Pick<
  ResidentService,
  'get' | 'byId' | 'byIds' | 'byOpenid' | 'household' | 'matching' | 'matchingChannels' | 'count' | 'inAudience' | 'byWechatId' | 'contactOf' | 'wechatContactsOf'
>;

/** Fields only an admin may set or change: the WeChat bindings (their own flows set them otherwise). */
const BINDING_FIELDS = ['openid', 'wechatId', 'wechatName'] as const;

/** Fields a caller may ask `matching` for (1 = include). */
export type ResidentFields = Partial<Record<keyof ResidentDoc, 1>>;

export class ResidentService {
  private readonly repo: ResidentRepository;
  private readonly audit: ResidentAudit;
  /** 绑定 codes and bound WeChat contacts (issue 14). */
  readonly bindings: WechatBindings;
  /** Community group members as the bot reports them (who still needs a bind code). */
  readonly groupMembers: GroupMembers;
  /** `bindSecret` keys the hashes bind codes are stored as. */
  constructor(conn: Connection, opts: { bindSecret: string }) {
    this.repo = new ResidentRepository(conn);
    this.audit = new ResidentAudit(conn);
    this.bindings = new WechatBindings(this.repo, this.audit, new BindCodes(conn, opts.bindSecret));
    this.groupMembers = new GroupMembers(conn, this.repo);
  }

  // ---- the registry as staff use it (scoped by role and building, issue 12) ----------------------

  async listAs(p: StaffPrincipal, q: { q?: string; building?: string; tag?: string; cursor?: string; limit: number }) {
    const a = accessOf(p);
    const items = await this.repo.list(p.communityId, { ...q, afterId: decodeCursor(q.cursor) }, { scope: scopeFilter(a), phoneExact: !a.phonesInClear });
    return {
      items: items.map((r) => viewFor(a, residentDto(r))),
      nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null,
    };
  }

  /**
   * The registry as the caller may read it, every page (at most RESIDENT_EXPORT_MAX), for the Excel export: the same scope,
   * search and view as listAs. Numbers that leave in clear (admins) are audited as reveals first, like 显示号码; others stay masked.
   */
  async exportAs(p: StaffPrincipal, q: { q?: string; building?: string; tag?: string }): Promise<{ items: ResidentDto[]; truncated: boolean }> {
    const a = accessOf(p);
    const docs: ResidentDoc[] = [];
    let afterId: string | undefined;
    let more = true;
    while (more && docs.length < RESIDENT_EXPORT_MAX) {
      const page = await this.repo.list(p.communityId, { ...q, afterId, limit: 200 }, { scope: scopeFilter(a), phoneExact: !a.phonesInClear });
      docs.push(...page);
      more = page.length === 200;
      afterId = page.length ? String(page[page.length - 1]!._id) : undefined;
    }
    const out = docs.slice(0, RESIDENT_EXPORT_MAX);
    if (a.phonesInClear) for (const r of out) if (r.phone) await this.audit.record(p, 'phone.reveal', r);
    return { items: out.map((r) => viewFor(a, residentDto(r))), truncated: more || docs.length > RESIDENT_EXPORT_MAX };
  }

  async getAs(p: StaffPrincipal, id: string): Promise<ResidentDto> {
    const a = accessOf(p);
    return viewFor(a, residentDto(requireRead(a, await this.repo.byId(p.communityId, id))));
  }

  async createAs(p: StaffPrincipal, input: ResidentCreate): Promise<ResidentDto> {
    const a = accessOf(p);
    requireWrite(a, input.building);
    const bound = BINDING_FIELDS.filter((f) => input[f] !== undefined);
    if (bound.length && !a.bindings) throw forbidden('微信绑定只能由居民本人绑定或管理员设置');
    const created = await this.create(p.communityId, input);
    if (bound.length) await this.audit.record(p, 'binding.change', { _id: new Types.ObjectId(created.id), name: created.name }, bound);
    return viewFor(a, created);
  }

  async updateAs(p: StaffPrincipal, id: string, patch: ResidentPatch): Promise<ResidentDto> {
    const a = accessOf(p);
    const current = requireRead(a, await this.repo.byId(p.communityId, id));
    requireWrite(a, current.building);
    if (patch.building !== undefined) requireWrite(a, patch.building);
    const changed = BINDING_FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== current[f]);
    if (changed.length && !a.bindings) throw forbidden('微信绑定只能由居民本人绑定或管理员修改');
    const updated = await this.update(p.communityId, id, patch);
    if (changed.length) await this.audit.record(p, 'binding.change', current, changed);
    return viewFor(a, updated);
  }

  /** One resident's phone number in clear, for someone who may read that resident; audited before it is returned. */
  async revealPhone(p: StaffPrincipal, id: string): Promise<{ phone: string | null }> {
    const a = accessOf(p);
    const r = requireRead(a, await this.repo.byId(p.communityId, id));
    if (!r.phone) return { phone: null };
    await this.audit.record(p, 'phone.reveal', r);
    return { phone: r.phone };
  }

  async auditLog(p: StaffPrincipal, q: ResidentAuditQuery) {
    const items = await this.audit.list(p.communityId, { residentId: q.residentId, beforeId: decodeCursor(q.cursor), limit: q.limit });
    return { items, nextCursor: items.length === q.limit ? encodeCursor(items[items.length - 1]!.id) : null };
  }

  /** The one verified resident bound to a WeChat contact id, or null (none, or an ambiguous binding). */
  async byWechatId(communityId: string, wechatId: string): Promise<ResidentDoc | null> {
    const found = await this.repo.byWechatId(communityId, wechatId);
    return found.length === 1 ? found[0]! : null;
  }

  /** The WeChat contacts bound to her (herself, family acting for her): whom the bot may message privately about her. */
  async wechatContactsOf(communityId: string, residentId: string): Promise<Array<{ contactId: string; relation: 'self' | 'family'; name?: string }>> {
    const r = await this.byId(communityId, residentId);
    return r ? contactsOf(r).map((c) => ({ contactId: c.contactId, relation: c.relation, ...(c.name ? { name: c.name } : {}) })) : [];
  }

  /** Like byWechatId, with how the contact is bound (self, or a family member acting for her). */
  contactOf(communityId: string, contactId: string) {
    return this.bindings.contactOf(communityId, contactId);
  }

  // ---- the registry as the system uses it (seed, import, other features) -------------------------

  async create(communityId: string, input: ResidentCreate): Promise<ResidentDto> {
    const hh = await this.repo.household(communityId, input.building, input.unit, input.room);
    const fields = { ...input, householdId: hh._id, channels: input.channels ?? DEFAULT_CHANNELS, verified: true };
    if (input.wechatId && (await this.repo.byWechatId(communityId, input.wechatId)).length) throw new AppError('CONFLICT', '该微信已绑定其他居民');
    let created: ResidentDoc | null = null;
    if (input.openid) {
      const existing = await this.repo.byOpenid(communityId, input.openid);
      if (existing?.verified) throw new AppError('CONFLICT', '该微信已绑定其他居民');
      // Someone who logged in before being registered: the registry entry takes over their account.
      if (existing) created = await this.repo.update(communityId, String(existing._id), fields);
    }
    created ??= await this.repo.create({ communityId, ...fields });
    if (!input.wechatId) return residentDto(created);
    await this.bindings.setSelfByAdmin(communityId, created._id, input.wechatId);
    return residentDto((await this.repo.byId(communityId, String(created._id)))!);
  }

  /**
   * Imports validated rows all or nothing: rows already in the registry are reported, and if any create fails
   * the ones created so far are removed again (no multi-document transactions on FerretDB).
   */
  async importAll(communityId: string, rows: ResidentCreate[], rowNumbers: number[], dryRun: boolean) {
    const existing = await this.repo.find(communityId, { verified: true }, { name: 1, building: 1, unit: 1, room: 1 });
    const known = new Set(existing.map((r) => `${r.name}|${r.building}|${r.unit}|${r.room}`));
    const errors = rows
      .map((r, i) => ({ r, row: rowNumbers[i]! }))
      .filter(({ r }) => known.has(`${r.name}|${r.building}|${r.unit}|${r.room}`))
      .map(({ row }) => ({ row, message: '该居民已在名册中（同一户同名）' }));
    if (errors.length) return { imported: 0, errors };
    if (dryRun) return { imported: 0, valid: rows.length, errors: [] };
    const created: string[] = [];
    try {
      for (const r of rows) created.push((await this.create(communityId, r)).id);
    } catch (err) {
      await this.repo.deleteMany(communityId, created.map((id) => new Types.ObjectId(id)));
      if (err instanceof AppError) throw new AppError(err.code, `第 ${rowNumbers[created.length]} 行：${err.message}（未导入任何数据）`);
      throw err;
    }
    return { imported: created.length, errors: [] };
  }

  async update(communityId: string, id: string, patch: ResidentPatch): Promise<ResidentDto> {
    const current = await this.repo.byId(communityId, id);
    if (!current) throw notFound('居民');
    const set: Partial<ResidentDoc> = { ...patch } as Partial<ResidentDoc>;
    if (patch.building || patch.unit || patch.room) {
      const b = patch.building ?? current.building;
      const u = patch.unit ?? current.unit;
      const rm = patch.room ?? current.room;
      if (!b || !u || !rm) throw new AppError('VALIDATION', '请填写完整的楼栋、单元和房号');
      set.householdId = (await this.repo.household(communityId, b, u, rm))._id;
    }
    if (patch.wechatId && patch.wechatId !== current.wechatId && (await this.repo.byWechatId(communityId, patch.wechatId)).some((o) => String(o._id) !== id))
      throw new AppError('CONFLICT', '该微信已绑定其他居民');
    if (patch.openid && patch.openid !== current.openid) {
      const other = await this.repo.byOpenid(communityId, patch.openid);
      if (other && String(other._id) !== id) throw new AppError('CONFLICT', '该微信已绑定其他居民');
    }
    if (!current.verified && current.building === undefined && !set.building) {
      throw new AppError('VALIDATION', '请先填写楼栋、单元和房号');
    }
    const updated = await this.repo.update(communityId, id, { ...set, verified: true });
    if (patch.wechatId === undefined || patch.wechatId === current.wechatId) return residentDto(updated!);
    await this.bindings.setSelfByAdmin(communityId, updated!._id, patch.wechatId);
    return residentDto((await this.repo.byId(communityId, id))!);
  }

  async get(communityId: string, id: string): Promise<ResidentDoc> {
    const r = await this.repo.byId(communityId, id);
    if (!r) throw notFound('居民');
    return r;
  }

  async list(communityId: string, q: { q?: string; building?: string; tag?: string; cursor?: string; limit: number }) {
    const items = await this.repo.list(communityId, { ...q, afterId: decodeCursor(q.cursor) });
    return {
      items: items.map(residentDto),
      nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null,
    };
  }

  /** One resident, or null when there is none in this community (the caller decides what that means). */
  byId(communityId: string, id: string): Promise<ResidentDoc | null> {
    return this.repo.byId(communityId, id);
  }

  /** Residents by id in this community; unknown or malformed ids are skipped. */
  byIds(communityId: string, ids: Array<string | Types.ObjectId>): Promise<ResidentDoc[]> {
    const valid = ids.map(String).filter((id) => /^[0-9a-f]{24}$/i.test(id));
    if (!valid.length) return Promise.resolve([]);
    return this.repo.find(communityId, { _id: { $in: [...new Set(valid)].map((id) => new Types.ObjectId(id)) } });
  }

  byOpenid(communityId: string, openid: string): Promise<ResidentDoc | null> {
    return this.repo.byOpenid(communityId, openid);
  }

  /** The household at a door plate, created on first use. */
  household(communityId: string, building: string, unit: string, room: string): Promise<HouseholdDoc> {
    return this.repo.household(communityId, building, unit, room);
  }

  /** Everyone an audience reaches at `now` (ages move with the Shanghai year); `fields` narrows what is read. */
  /** The same audience as `matching`, only each member's id and notification channels (absent: the defaults) — what a push needs. */
  matchingChannels(communityId: string, audience: NoticeAudience, now?: Date): Promise<Array<{ id: string; channels?: ResidentDoc['channels'] }>> {
    return this.repo.audienceChannels(communityId, audienceFilter(audience, now));
  }

  matching(communityId: string, audience: NoticeAudience, opts: { now?: Date; fields?: ResidentFields } = {}): Promise<ResidentDoc[]> {
    return this.repo.audience(communityId, audienceFilter(audience, opts.now), opts.fields);
  }

  /** How many residents an audience reaches (the notice preview). */
  count(communityId: string, audience: NoticeAudience, now?: Date): Promise<number> {
    return this.repo.countAudience(communityId, audienceFilter(audience, now));
  }

  /** Whether one resident is in an audience at `now`. */
  async inAudience(communityId: string, audience: NoticeAudience, residentId: string, now?: Date): Promise<boolean> {
    if (!/^[0-9a-f]{24}$/i.test(residentId)) return false;
    return (await this.repo.count(communityId, { ...audienceFilter(audience, now), _id: new Types.ObjectId(residentId) })) > 0;
  }

  /** Finds or creates the resident behind a WeChat openid (unregistered people get an unverified account). */
  async forLogin(communityId: string, openid: string, name?: string): Promise<ResidentDoc> {
    const found = await this.repo.byOpenid(communityId, openid);
    if (found) return found;
    return this.repo.create({
      communityId,
      name: name ?? '微信用户',
      openid,
      tags: [],
      channels: DEFAULT_CHANNELS,
      verified: false,
    });
  }
}
