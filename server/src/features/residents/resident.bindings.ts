// WeChat contacts bound to residents (issue 14): staff issue 绑定 codes, the bot redeems them for the sender's contact id, staff revoke; all audited.
import crypto from 'node:crypto';
import { Types } from 'mongoose';
import {
  BIND_CODE_TTL_MINUTES,
  MAX_WECHAT_CONTACTS,
  type BindCodeDto,
  type BindCodeRedeem,
  type BindCodeRedeemed,
  type StaffPrincipal,
  type WechatRelation,
} from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { accessOf, requireRead, requireWrite } from './resident.access';
import type { ResidentAudit } from './resident.audit';
import type { BindCodes } from './resident.bind-code';
import type { ResidentDoc, WechatContactDoc } from './resident.model';
import type { ResidentRepository } from './resident.repository';

/** Wrong codes one sender may send per window, and the whole community (many senders guessing together) may. */
export const BIND_FAILS_PER_SENDER = 5;
export const BIND_FAILS_PER_COMMUNITY = 30;
const FAIL_WINDOW_MS = 15 * 60 * 1000;

/** Counts failures only; a key over its allowance is refused before its code is even looked at. */
class FailureWindow {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  blocked(key: string, now = Date.now()): boolean {
    const h = this.hits.get(key);
    return !!h && now - h.start < this.windowMs && h.count >= this.limit;
  }
  fail(key: string, now = Date.now()): void {
    const h = this.hits.get(key);
    if (!h || now - h.start >= this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
    } else h.count += 1;
  }
}

/** A contact list with `contactId` bound as `relation` (the self binding is replaced; family members are added). */
export function withContact(list: WechatContactDoc[], c: Omit<WechatContactDoc, 'id' | 'boundAt'>, now = new Date()): WechatContactDoc[] {
  const rest = list.filter((x) => x.contactId !== c.contactId && !(c.relation === 'self' && x.relation === 'self'));
  return [...rest, { id: crypto.randomBytes(8).toString('hex'), boundAt: now, ...c }];
}

/** Her contacts, including one bound before the list existed (only `wechatId`). */
export function contactsOf(r: ResidentDoc): WechatContactDoc[] {
  if (r.wechatContacts?.length) return r.wechatContacts;
  if (r.wechatId) return [{ id: 'legacy', contactId: r.wechatId, relation: 'self', boundAt: r.updatedAt ?? new Date(0), via: 'admin' }];
  return [];
}

export class WechatBindings {
  private readonly perSender = new FailureWindow(BIND_FAILS_PER_SENDER, FAIL_WINDOW_MS);
  private readonly perCommunity = new FailureWindow(BIND_FAILS_PER_COMMUNITY, FAIL_WINDOW_MS);

  constructor(
    private readonly repo: ResidentRepository,
    private readonly audit: ResidentAudit,
    private readonly codes: BindCodes,
  ) {}

  /** Staff who may edit her create a code for her (or a family member); an earlier unused code of hers stops working. */
  async issue(p: StaffPrincipal, residentId: string, relation: WechatRelation): Promise<BindCodeDto> {
    const a = accessOf(p);
    const r = requireRead(a, await this.repo.byId(p.communityId, residentId));
    requireWrite(a, r.building);
    const { code, expiresAt } = await this.codes.issue(p.communityId, residentId, relation, BIND_CODE_TTL_MINUTES * 60_000, { id: p.id, name: p.name });
    await this.audit.record(p, 'binding.code', r, [relation]);
    return { code, expiresAt: expiresAt.toISOString(), relation, residentName: r.name };
  }

  /** A registered resident, in the mini-program's 我的 page, makes a code for her own WeChat (relation self; audited). */
  async issueOwn(p: { communityId: string; id: string; name: string }): Promise<BindCodeDto> {
    const r = await this.repo.byId(p.communityId, p.id);
    if (!r?.verified) throw forbidden('请先到社区登记住户信息，再绑定社区群微信');
    const { code, expiresAt } = await this.codes.issue(p.communityId, p.id, 'self', BIND_CODE_TTL_MINUTES * 60_000, { id: p.id, name: r.name });
    await this.audit.record({ communityId: p.communityId, id: p.id, name: r.name, roles: ['resident'] }, 'binding.code', r, ['self']);
    return { code, expiresAt: expiresAt.toISOString(), relation: 'self', residentName: r.name };
  }

  /** The bot: the sender (by contact id) sent 「绑定 <code>」. */
  async redeem(communityId: string, input: BindCodeRedeem): Promise<BindCodeRedeemed> {
    const senderKey = `${communityId}:${input.contactId}`;
    if (this.perSender.blocked(senderKey) || this.perCommunity.blocked(communityId))
      throw new AppError('RATE_LIMITED', '绑定码输错次数太多，请 15 分钟后再试，或请网格员重新生成');
    const wrong = () => {
      this.perSender.fail(senderKey);
      this.perCommunity.fail(communityId);
      return new AppError('NOT_FOUND', '绑定码不正确或已过期，请核对后再发，或请网格员重新生成');
    };
    // Checked on the live code first, so a refusal (already bound elsewhere, too many contacts) leaves the code usable.
    const live = await this.codes.live(communityId, input.code);
    if (!live) throw wrong();
    const r = await this.repo.byId(communityId, live.residentId);
    if (!r?.verified) throw notFound('居民');
    const others = (await this.repo.byWechatId(communityId, input.contactId)).filter((x) => String(x._id) !== String(r._id));
    if (others.length) throw new AppError('CONFLICT', '您的微信已绑定其他居民，请先请工作人员解除原来的绑定');
    const current = contactsOf(r);
    const same = current.find((c) => c.contactId === input.contactId);
    const next = withContact(current, { contactId: input.contactId, relation: live.relation, ...(input.contactName ? { name: input.contactName } : {}), via: 'code' });
    if (same?.relation !== live.relation && next.length > MAX_WECHAT_CONTACTS)
      throw new AppError('CONFLICT', `每位居民最多绑定 ${MAX_WECHAT_CONTACTS} 个微信，请先请工作人员解除不用的绑定`);
    // One conditional update uses the code up: of two senders racing with it, one wins and the other is told it is spent.
    const used = await this.codes.redeem(communityId, input.code);
    if (!used || String(used._id) !== String(live._id)) throw wrong();
    if (same?.relation === used.relation) return { residentName: r.name, relation: used.relation, changed: false };
    await this.repo.setContacts(communityId, r._id, next);
    await this.audit.record({ communityId, id: 'wechat', name: input.contactName ?? '微信用户', roles: [] }, 'binding.bind', r, [used.relation]);
    return { residentName: r.name, relation: used.relation, changed: true };
  }

  /** Staff who may edit her remove one bound contact. */
  async revoke(p: StaffPrincipal, residentId: string, bindingId: string): Promise<ResidentDoc> {
    const a = accessOf(p);
    const r = requireRead(a, await this.repo.byId(p.communityId, residentId));
    requireWrite(a, r.building);
    const current = contactsOf(r);
    const gone = current.find((c) => c.id === bindingId);
    if (!gone) throw notFound('绑定');
    const updated = await this.repo.setContacts(p.communityId, r._id, current.filter((c) => c !== gone));
    await this.audit.record(p, 'binding.revoke', r, [gone.relation]);
    return updated!;
  }

  /** Admin registry edits of `wechatId` keep the contact list in step (the self binding). */
  async setSelfByAdmin(communityId: string, id: Types.ObjectId, wechatId: string | undefined): Promise<void> {
    const r = await this.repo.byId(communityId, String(id));
    if (!r) return;
    const rest = contactsOf(r).filter((c) => c.relation !== 'self' && c.contactId !== wechatId);
    await this.repo.setContacts(communityId, r._id, wechatId ? withContact(rest, { contactId: wechatId, relation: 'self', via: 'admin' }) : rest);
  }

  /** Who a contact is: the one resident it is bound to and how, or null (none, or ambiguous). */
  async contactOf(communityId: string, contactId: string): Promise<{ resident: ResidentDoc; relation: WechatRelation } | null> {
    const found = await this.repo.byWechatId(communityId, contactId);
    if (found.length !== 1) return null;
    const resident = found[0]!;
    const c = contactsOf(resident).find((x) => x.contactId === contactId);
    return { resident, relation: c?.relation ?? 'self' };
  }
}
