// Notice rules: who may publish to whom, drafts/scheduling/withdrawal, publication that writes each recipient's receipt exactly once, feeds and read receipts.
import type { Connection } from 'mongoose';
import { NOTICE_TRANSITIONS } from '@linli/contracts';
import type {
  NoticeAudience,
  NoticeCreate,
  NoticePatch,
  NoticeQuery,
  NoticeReceiptPerson,
  NoticeReceiptsDto,
  NotifyChannel,
  Principal,
} from '@linli/contracts';
import type { Bus } from '../events';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import { DEFAULT_DOOR_KNOCK_MINUTES, buildingScope, type StaffPrincipal } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../db/scope';
import type { Logger } from '../../logger';
import { maskPii } from '../../logger';
import type { ResidentDoc, ResidentsApi } from '../residents/resident.service';
import type { UploadsApi } from '../uploads/upload.service';
import { outcomeDto } from './notice.dto';
import { NEVER, type DeliveryOutcome, type NoticeDoc, type NoticeReceiptDoc } from './notice.model';
import { NoticeRepository, type FeedKey } from './notice.repository';
import type { NoticeDoorKnock } from './notice.door-knock';
import type { NoticeMessagesApi, NoticeReach } from '../notifications/notifications.notices';

export const PUBLISH_TIMER_KIND = 'notice.publish';
export const publishKey = (id: string) => `notice-publish:${id}`;

/** An immediate publication also leaves a timer this far ahead: if the process dies mid-way, the timer finishes it. */
const SAFETY_NET_MS = 120_000;
/** Receipts are written in chunks with a short pause between them, so a 20,000-person notice does not starve other requests' reads. */
const RECEIPT_CHUNK = 500;
const RECEIPT_PAUSE_MS = 5;
/** How long POST /api/notices waits for a publication to finish before answering with status `publishing`. */
const INLINE_WAIT_MS = 5000;
/** How long a run may hold the announcement before another takes it over (see fanOut). */
const FAN_OUT_LEASE_MS = 60_000;
/** A pause after the push before the receipts' work: the publication takes seconds anyway, the push must not wait for it. */
const PUSH_FLUSH_MS = 150;
/** A publishAt this far in the past is a mistake, not "now". */
const PAST_TOLERANCE_MS = 5 * 60_000;

export interface NoticeDeps {
  bus: Bus;
  scheduler: Scheduler;
  residents: ResidentsApi;
  uploads: UploadsApi;
  log: Logger;
  /** Arms an urgent notice's door-knock list at publication. */
  doorKnock: Pick<NoticeDoorKnock, 'arm'>;
  /** The notifications ledger: what the SMS status reports said about each resident's SMS. */
  messages: Pick<NoticeMessagesApi, 'reach'>;
}

/** A notice the system itself sends on a feature's behalf (e.g. the ledger's monthly statement), with no staff member behind it. */
export interface SystemNotice {
  title: string;
  body: string;
  category: NoticeCreate['category'];
  audience: NoticeAudience;
  channels: NotifyChannel[];
  /** Shown as the author, e.g. 财务公开. */
  author: string;
}

/** What other features may do with notices: publish one as the system. */
export type NoticesApi = Pick<NoticeService, 'publishSystem'>;

export interface FeedPage {
  items: { notice: NoticeDoc; readAt?: Date }[];
  nextCursor: string | null;
  unreadCount: number;
}

function encodeFeedCursor(r: NoticeReceiptDoc): string {
  return Buffer.from(`${r.pinRank}.${new Date(r.publishedAt).getTime()}.${String(r.noticeId)}`, 'utf8').toString('base64url');
}

function decodeFeedCursor(c: string | undefined): FeedKey | undefined {
  if (!c) return undefined;
  const m = /^([01])\.(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) throw new AppError('VALIDATION', '无效的翻页参数', [{ path: 'cursor', message: '无效的翻页参数' }]);
  return { pinRank: Number(m[1]), publishedAt: new Date(Number(m[2])), noticeId: m[3]! };
}

const residentChannels = (r: { channels?: ResidentDoc['channels'] }): NotifyChannel[] => r.channels ?? ['feed', 'push', 'group'];

export class NoticeService {
  private readonly repo: NoticeRepository;
  constructor(
    conn: Connection,
    private readonly d: NoticeDeps,
  ) {
    this.repo = new NoticeRepository(conn);
  }

  /** The publish timer (scheduled, or the safety net of an immediate publication). */
  async onPublishDue(job: TimerJob): Promise<void> {
    await this.publish(job.communityId, String(job.payload.noticeId));
  }

  // ---- authoring ---------------------------------------------------------------------------

  /** Grid workers (网格员) publish only to their own buildings; other staff roles to the whole community. */
  private checkAudienceScope(p: StaffPrincipal, a: NoticeAudience): void {
    const scope = buildingScope(p);
    if (!scope) return;
    if (!a.buildings?.length || a.buildings.some((b) => !scope.includes(b)))
      throw forbidden('网格员只能向自己负责的楼栋发布通知');
  }

  async create(p: StaffPrincipal, input: NoticeCreate): Promise<NoticeDoc> {
    this.checkAudienceScope(p, input.audience);
    const attachments = [...new Set(input.attachments ?? [])];
    if (attachments.length) await this.d.uploads.requireAttachable(p, attachments);
    return this.insertAndSend(p.communityId, { id: p.id, name: p.name }, input, attachments);
  }

  /** Publishes at once to the whole audience, as the system (no author scope, no attachments); a system entry point, not an HTTP one. */
  publishSystem(communityId: string, n: SystemNotice): Promise<NoticeDoc> {
    const { author, ...input } = n;
    return this.insertAndSend(communityId, { id: 'system', name: author }, input, []);
  }

  private async insertAndSend(
    communityId: string,
    createdBy: NoticeDoc['createdBy'],
    input: Omit<NoticeCreate, 'attachments' | 'pinned'> & { pinned?: boolean },
    attachments: string[],
  ): Promise<NoticeDoc> {
    const now = new Date();
    const publishAt = input.publishAt ? new Date(input.publishAt) : undefined;
    if (publishAt && publishAt.getTime() < now.getTime() - PAST_TOLERANCE_MS)
      throw new AppError('VALIDATION', '发布时间不能早于当前时间', [{ path: 'publishAt', message: '发布时间不能早于当前时间' }]);
    const later = !!publishAt && publishAt.getTime() > now.getTime();
    // 紧急 notices always get a door-knock list (2 h unless the author says otherwise); others when the author sets a time.
    const knockAfter = input.doorKnockAfterMinutes ?? (input.category === '紧急' ? DEFAULT_DOOR_KNOCK_MINUTES : undefined);
    const n = await this.repo.insert({
      communityId,
      title: input.title,
      body: input.body,
      category: input.category,
      audience: input.audience,
      channels: input.channels,
      status: input.draft ? 'draft' : 'scheduled',
      pinned: input.pinned ?? false,
      ...(input.draft ? (publishAt ? { publishAt } : {}) : { publishAt: later ? publishAt! : now }),
      ...(input.expiresAt ? { expiresAt: new Date(input.expiresAt) } : {}),
      attachments,
      createdBy,
      ...(knockAfter ? { doorKnock: { afterMinutes: knockAfter } } : {}),
    });
    if (input.draft) return n;
    if (later) {
      await this.armPublish(n, publishAt!);
      return n;
    }
    return this.publishInline(n);
  }

  async update(p: StaffPrincipal, id: string, patch: NoticePatch): Promise<NoticeDoc> {
    const n = await this.getAny(p, id);
    if (!NOTICE_TRANSITIONS.edit.from.includes(n.status)) throw this.notEditable(n);
    if (patch.audience) this.checkAudienceScope(p, patch.audience);
    else this.checkAudienceScope(p, n.audience);
    const set: Partial<NoticeDoc> = {};
    const unset: string[] = [];
    for (const k of ['title', 'body', 'category', 'audience', 'channels', 'pinned'] as const) {
      if (patch[k] !== undefined) (set as Record<string, unknown>)[k] = patch[k];
    }
    if (patch.doorKnockAfterMinutes !== undefined) set.doorKnock = { afterMinutes: patch.doorKnockAfterMinutes };
    else if (patch.category === '紧急' && !n.doorKnock) set.doorKnock = { afterMinutes: DEFAULT_DOOR_KNOCK_MINUTES };
    if (patch.attachments) {
      const ids = [...new Set(patch.attachments)];
      if (ids.length) await this.d.uploads.requireAttachable(p, ids);
      set.attachments = ids;
    }
    if (patch.publishAt) {
      const at = new Date(patch.publishAt);
      if (at.getTime() <= Date.now())
        throw new AppError('VALIDATION', '定时发布时间必须晚于当前时间；要立即发布请使用“发布”', [{ path: 'publishAt', message: '发布时间必须晚于当前时间' }]);
      set.publishAt = at;
    }
    if (patch.expiresAt === null) unset.push('expiresAt');
    else if (patch.expiresAt) set.expiresAt = new Date(patch.expiresAt);
    const publishAt = set.publishAt ?? n.publishAt;
    const expiresAt = patch.expiresAt === null ? undefined : (set.expiresAt ?? n.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Math.max(Date.now(), publishAt?.getTime() ?? 0))
      throw new AppError('VALIDATION', '过期时间必须晚于发布时间', [{ path: 'expiresAt', message: '过期时间必须晚于发布时间' }]);
    const updated = await this.repo.setIf(p.communityId, id, [n.status], set, unset);
    if (!updated) throw this.notEditable((await this.repo.byId(p.communityId, id)) ?? n);
    if (updated.status === 'scheduled' && set.publishAt) await this.armPublish(updated, set.publishAt);
    return updated;
  }

  async withdraw(p: StaffPrincipal, id: string): Promise<NoticeDoc> {
    const n = await this.getAny(p, id);
    this.checkAudienceScope(p, n.audience);
    const updated = await this.repo.setIf(p.communityId, id, NOTICE_TRANSITIONS.withdraw.from, { status: 'withdrawn', withdrawnAt: new Date() });
    if (!updated) {
      const now = await this.repo.byId(p.communityId, id);
      if (now?.status === 'withdrawn') return now;
      throw new AppError('CONFLICT', '通知已发布，无法撤回');
    }
    await this.d.scheduler.cancel(publishKey(id));
    return updated;
  }

  /** Sends a draft: now, or at its publishAt when that is still ahead. */
  async release(p: StaffPrincipal, id: string): Promise<NoticeDoc> {
    const n = await this.getAny(p, id);
    this.checkAudienceScope(p, n.audience);
    if (!NOTICE_TRANSITIONS.release.from.includes(n.status)) {
      if (n.status === 'scheduled' || n.status === 'publishing' || n.status === 'published') return n;
      throw new AppError('CONFLICT', '通知已撤回，不能发布');
    }
    const later = n.publishAt && n.publishAt.getTime() > Date.now();
    const updated = await this.repo.setIf(p.communityId, id, NOTICE_TRANSITIONS.release.from, { status: 'scheduled', publishAt: later ? n.publishAt : new Date() });
    if (!updated) return (await this.repo.byId(p.communityId, id))!;
    if (later) {
      await this.armPublish(updated, updated.publishAt!);
      return updated;
    }
    return this.publishInline(updated);
  }

  private notEditable(n: NoticeDoc): AppError {
    return n.status === 'withdrawn' ? new AppError('CONFLICT', '通知已撤回，不能修改') : new AppError('CONFLICT', '通知已发布，不能修改');
  }

  private armPublish(n: NoticeDoc, at: Date): Promise<void> {
    const id = String(n._id);
    return this.d.scheduler.schedule({ key: publishKey(id), communityId: n.communityId, kind: PUBLISH_TIMER_KIND, fireAt: at, payload: { noticeId: id } });
  }

  /**
   * Publishes now. The staff member waits at most INLINE_WAIT_MS: a very large audience keeps writing its
   * receipts in the background (status `publishing`, already pushed), backed by the safety-net timer.
   */
  private async publishInline(n: NoticeDoc): Promise<NoticeDoc> {
    const id = String(n._id);
    await this.armPublish(n, new Date(Date.now() + SAFETY_NET_MS));
    const run = this.publish(n.communityId, id).then(async (done) => {
      await this.d.scheduler.cancel(publishKey(id));
      return done;
    });
    run.catch((err) => this.d.log.error({ err, noticeId: id }, 'notice publication failed; the safety-net timer retries it'));
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([run, new Promise<null>((r) => (timer = setTimeout(() => r(null), INLINE_WAIT_MS)))]);
    clearTimeout(timer);
    return waited ?? (await this.repo.byId(n.communityId, id)) ?? n;
  }

  // ---- publication -------------------------------------------------------------------------

  /**
   * Idempotent: scheduled → publishing → audience resolved → push → receipts written (duplicates skipped)
   * → published → fan-out of the other channels. Re-running after a crash at any step finishes the job:
   * receipts are unique per person, the push is claimed once (`pushedAt`), and only the run that flips
   * the notice to `published` announces it.
   */
  async publish(communityId: string, id: string): Promise<NoticeDoc | null> {
    let n = await this.repo.byId(communityId, id);
    if (!n) return null;
    let fresh = false;
    if (NOTICE_TRANSITIONS.publish.from.includes(n.status)) {
      const won = await this.repo.setIf(communityId, id, NOTICE_TRANSITIONS.publish.from, { status: 'publishing', publishedAt: new Date() });
      fresh = !!won;
      n = won ?? (await this.repo.byId(communityId, id));
      if (!n) return null;
    }
    if (NOTICE_TRANSITIONS.finish.from.includes(n.status)) {
      // Urgent notices must wait neither for the full read of the registry nor for thousands of receipt writes: the push goes
      // out first (claimed once), from a read of only the audience's ids and channels; then receipts are resolved and persisted.
      if (n.channels.includes('push') && !n.pushedAt) {
        const pushIds = await this.pushTargets(n);
        if (pushIds.length && (await this.repo.claimPush(communityId, id))) {
          this.d.bus.emit('notice.push', { notice: { ...n, status: 'published' }, residentIds: pushIds });
          // Let the socket writes that did not fit the kernel buffers flush before the CPU-heavy audience read and receipt
          // batches (decoding 20,000 residents right after the push slowed the fan-out itself 1.5× on a loaded machine).
          await new Promise((r) => setTimeout(r, PUSH_FLUSH_MS));
        }
      }
      const docs = await this.resolveRecipients(n);
      for (let i = 0; i < docs.length; i += RECEIPT_CHUNK) {
        await this.repo.insertReceipts(docs.slice(i, i + RECEIPT_CHUNK));
        if (i + RECEIPT_CHUNK < docs.length) await new Promise((r) => setTimeout(r, RECEIPT_PAUSE_MS));
      }
      // A fresh run wrote exactly the set it resolved; a resumed one counts what all runs wrote.
      const recipientCount = fresh ? docs.length : await this.repo.countReceipts(communityId, id);
      const done = await this.repo.setIf(communityId, id, NOTICE_TRANSITIONS.finish.from, { status: 'published', recipientCount });
      if (!done) return this.repo.byId(communityId, id);
      await this.fanOut(done);
      return done;
    }
    if (n.status === 'published' && !n.fannedOutAt) await this.fanOut(n);
    return n;
  }

  /** Who the push reaches: the audience's members who take live pushes (the same consent rule as their receipts' push outcome). */
  private async pushTargets(n: NoticeDoc): Promise<string[]> {
    const members = await this.d.residents.matchingChannels(n.communityId, n.audience, n.publishedAt ?? new Date());
    return members.filter((r) => residentChannels(r).includes('push')).map((r) => r.id);
  }

  /** Resolves the audience over the registry once: who it reaches, with each channel's planned outcome. */
  private async resolveRecipients(n: NoticeDoc): Promise<Omit<NoticeReceiptDoc, '_id'>[]> {
    const publishedAt = n.publishedAt ?? new Date();
    const people = await this.d.residents.matching(n.communityId, n.audience, {
      now: publishedAt,
      fields: { name: 1, building: 1, unit: 1, room: 1, phone: 1, openid: 1, channels: 1 },
    });
    const wants = new Set(n.channels);
    const docs: Omit<NoticeReceiptDoc, '_id'>[] = people.map((r) => {
      const consent = residentChannels(r);
      const deliveries: NoticeReceiptDoc['deliveries'] = {};
      const skipped = (reason: string): DeliveryOutcome => ({ status: 'skipped', attempts: 0, reason });
      if (wants.has('feed')) deliveries.feed = { status: 'delivered', attempts: 1, at: publishedAt };
      if (wants.has('push')) {
        if (consent.includes('push')) {
          deliveries.push = { status: 'sent', attempts: 1, at: publishedAt };
        } else deliveries.push = skipped('未开启实时推送');
      }
      if (wants.has('sms'))
        deliveries.sms = !consent.includes('sms')
          ? skipped('未同意短信通知')
          : !r.phone
            ? skipped('未登记手机号')
            : { status: 'pending', attempts: 0, nextAt: publishedAt };
      if (wants.has('subscribe'))
        deliveries.subscribe = !consent.includes('subscribe')
          ? skipped('未同意订阅消息')
          : !r.openid
            ? skipped('未绑定微信')
            : { status: 'pending', attempts: 0, nextAt: publishedAt };
      return {
        communityId: n.communityId,
        noticeId: n._id,
        residentId: String(r._id),
        name: r.name,
        building: r.building ?? '',
        unit: r.unit ?? '',
        room: r.room ?? '',
        ...(r.phone ? { phone: r.phone } : {}),
        ...(r.openid ? { openid: r.openid } : {}),
        feed: wants.has('feed'),
        pinRank: n.pinned ? 1 : 0,
        publishedAt,
        visibleUntil: n.expiresAt ?? NEVER,
        deliveries,
      };
    });
    return docs;
  }

  private async fanOut(n: NoticeDoc): Promise<void> {
    // Concurrent runs (the inline one and the safety net, two nodes) announce once; a run that died holding the claim is
    // taken over by the safety-net timer's run after the lease (shorter than SAFETY_NET_MS).
    if (!(await this.repo.claimFanOut(n.communityId, String(n._id), FAN_OUT_LEASE_MS))) return;
    // Persisted before anyone hears of it, like the SMS timers: a crash after this point still leaves the list to come.
    await this.d.doorKnock.arm(n);
    this.d.bus.emit('notice.published', { notice: n });
    await this.repo.markFannedOut(n.communityId, String(n._id));
  }

  // ---- reading -----------------------------------------------------------------------------

  private async getAny(p: Principal, id: string): Promise<NoticeDoc> {
    const n = await this.repo.byId(p.communityId, id);
    if (!n) throw notFound('通知');
    return n;
  }

  /** Staff: any notice. Residents: only a published, unexpired notice they were sent (404 otherwise, no existence leak). */
  async getVisible(p: Principal, id: string): Promise<{ notice: NoticeDoc; readAt?: Date }> {
    if (p.kind === 'bot') throw forbidden();
    if (p.kind === 'staff') return { notice: await this.getAny(p, id) };
    const receipt = await this.repo.receipt(p.communityId, id, p.id);
    const n = receipt || (await this.inPublishingWindow(p.communityId, id, p.id)) ? await this.repo.byId(p.communityId, id) : null;
    if (!n || (n.status !== 'published' && n.status !== 'publishing')) throw notFound('通知');
    if ((n.expiresAt ?? NEVER).getTime() <= Date.now()) throw notFound('通知');
    return { notice: n, readAt: receipt?.readAt };
  }

  /**
   * The push goes out before the receipts are written: someone who taps it in that short window is
   * checked against the same audience predicate (their receipt is on its way).
   */
  private async inPublishingWindow(communityId: string, id: string, residentId: string): Promise<boolean> {
    const n = await this.repo.byId(communityId, id);
    if (!n || n.status !== 'publishing' || !/^[0-9a-f]{24}$/.test(residentId)) return false;
    return this.d.residents.inAudience(communityId, n.audience, residentId, n.publishedAt ?? new Date());
  }

  async listForStaff(p: StaffPrincipal, q: NoticeQuery): Promise<{ items: NoticeDoc[]; nextCursor: string | null }> {
    let beforeId: string | undefined;
    if (q.cursor) {
      beforeId = decodeCursor(q.cursor);
      if (!beforeId) throw new AppError('VALIDATION', '无效的翻页参数', [{ path: 'cursor', message: '无效的翻页参数' }]);
    }
    const items = await this.repo.listForStaff(p.communityId, { status: q.status, category: q.category, beforeId, limit: q.limit });
    return { items, nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null };
  }

  async feed(p: Extract<Principal, { kind: 'resident' }>, q: NoticeQuery): Promise<FeedPage> {
    const now = new Date();
    const after = decodeFeedCursor(q.cursor);
    const rows = await this.repo.feed(p.communityId, p.id, now, after, q.limit);
    const notices = new Map((await this.repo.byIds(p.communityId, rows.map((r) => String(r.noticeId)))).map((n) => [String(n._id), n]));
    const items = rows
      .map((r) => ({ notice: notices.get(String(r.noticeId))!, readAt: r.readAt }))
      .filter((x) => x.notice && x.notice.status === 'published' && (!q.category || x.notice.category === q.category));
    return {
      items,
      nextCursor: rows.length === q.limit ? encodeFeedCursor(rows[rows.length - 1]!) : null,
      unreadCount: await this.repo.countUnread(p.communityId, p.id, now),
    };
  }

  async markRead(p: Principal, id: string): Promise<{ notice: NoticeDoc; readAt: Date }> {
    if (p.kind !== 'resident') throw forbidden('仅居民本人可以标记已读');
    const { notice, readAt } = await this.getVisible(p, id);
    if (readAt) return { notice, readAt };
    if (notice.status !== 'published') throw new AppError('CONFLICT', '通知正在发布，请稍后再试');
    const at = new Date();
    if (await this.repo.markRead(p.communityId, id, p.id, at)) return { notice, readAt: at };
    // Two taps raced: the first one's time stands.
    const r = await this.repo.receipt(p.communityId, id, p.id);
    return { notice, readAt: r?.readAt ?? at };
  }

  async preview(p: StaffPrincipal, audience: NoticeAudience): Promise<number> {
    this.checkAudienceScope(p, audience);
    return this.d.residents.count(p.communityId, audience);
  }

  /** Read / not-yet-read per building (a grid worker sees their own buildings), for door-to-door follow-up. */
  async receipts(p: StaffPrincipal, id: string, building?: string): Promise<NoticeReceiptsDto> {
    const n = await this.getAny(p, id);
    if (n.status !== 'published') throw new AppError('CONFLICT', '通知尚未发布，暂无阅读回执');
    let scope = buildingScope(p);
    if (building) scope = scope ? scope.filter((b) => b === building) : [building];
    const [rows, ledger] = await Promise.all([this.repo.receiptsOf(p.communityId, id, scope), this.d.messages.reach(p.communityId, id)]);
    const natural = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN', { numeric: true });
    rows.sort((a, b) => natural(a.building, b.building) || natural(a.unit, b.unit) || natural(a.room, b.room) || natural(a.name, b.name));
    const groups = new Map<string, { building: string; read: NoticeReceiptPerson[]; unread: NoticeReceiptPerson[] }>();
    let read = 0;
    for (const r of rows) {
      const g = groups.get(r.building) ?? { building: r.building, read: [], unread: [] };
      groups.set(r.building, g);
      const person: NoticeReceiptPerson = {
        residentId: r.residentId,
        name: r.name,
        unit: r.unit,
        room: r.room,
        ...(r.phone ? { phone: maskPii(r.phone) } : {}),
        ...(r.readAt ? { readAt: r.readAt.toISOString() } : {}),
        deliveries: Object.fromEntries(Object.entries(r.deliveries ?? {}).map(([k, v]) => [k, outcomeDto(withReport(k, v as DeliveryOutcome, ledger.get(r.residentId)))])),
      };
      if (r.readAt) {
        read++;
        g.read.push(person);
      } else g.unread.push(person);
    }
    return { noticeId: id, total: rows.length, read, unread: rows.length - read, buildings: [...groups.values()] };
  }
}

/** A sent SMS or subscribe message as the provider's status report left it on the ledger (delivered, or failed with its reason). */
function withReport(channel: string, o: DeliveryOutcome, rows: ReturnType<NoticeReach['get']>): DeliveryOutcome {
  const row = channel === 'sms' || channel === 'subscribe' ? rows?.[channel] : undefined;
  if (o.status !== 'sent' || !row) return o;
  if (row.status === 'delivered') return { ...o, status: 'delivered' };
  if (row.status === 'failed') return { ...o, status: 'failed', ...(row.reason ? { reason: row.reason } : {}) };
  return o;
}
