// Board rules: who may post, see, reply and moderate; the sensitive-word hold; desk registration; post → ticket with links both ways.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import type {
  ModerationNote,
  ModerationReason,
  PostCreate,
  PostQuery,
  PostStatus,
  PostToTicket,
  Principal,
  ReplyCreate,
} from '@linli/contracts';
import { BOARD_LIMITS, POST_STATUS_LABELS, POST_TRANSITIONS, REPLY_TRANSITIONS, type PostAction } from '@linli/contracts';
import type { Bus } from '../events';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { coversBuilding, type StaffPrincipal } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { Automaton } from '../faq/faq.automaton';
import { compactText } from '../faq/faq.text';
import type { ResidentsApi } from '../residents/resident.service';
import type { TicketsApi } from '../tickets/ticket.service';
import type { UploadsApi } from '../uploads/upload.service';
import type { BoardViewer } from './board.dto';
import type { ModerationAction } from '@linli/contracts';
import type { BoardActor, ModerationLogEntry, PostDoc, ReplyDoc } from './board.model';
import { BoardRepository } from './board.repository';

export interface BoardDeps {
  bus: Bus;
  residents: Pick<ResidentsApi, 'get'>;
  uploads: Pick<UploadsApi, 'requireAttachable' | 'share'>;
  /** Post → ticket: file the desk ticket and add its first note. */
  tickets: TicketsApi;
}

export interface PreparedPost {
  p: Principal;
  input: PostCreate;
  author: BoardActor;
  residentId?: string;
  channel: PostDoc['channel'];
  registeredBy?: PostDoc['registeredBy'];
  photos: string[];
}

const SYSTEM = { by: 'system', byName: '系统' };
const WORDS_TTL_MS = 30_000;

export function viewerOf(p: Principal): BoardViewer {
  if (p.kind === 'staff') return { kind: 'staff' };
  if (p.kind === 'resident') return { kind: 'resident', id: p.id };
  return { kind: 'public' };
}

/** Which of the community's sensitive words a text contains, after folding width, case, spacing and punctuation. */
class WordFilter {
  private readonly ac: Automaton;
  private readonly words: string[];
  constructor(words: string[]) {
    const compact = [...new Set(words.map(compactText).filter(Boolean))];
    this.words = compact;
    this.ac = new Automaton(compact);
  }
  find(text: string): string[] {
    if (!this.words.length) return [];
    const hit = new Set<number>();
    this.ac.scan(compactText(text), (id) => hit.add(id));
    return [...hit].map((i) => this.words[i]!);
  }
}

export class BoardService {
  private readonly repo: BoardRepository;
  private readonly filters = new Map<string, { filter: WordFilter; at: number }>();

  constructor(
    conn: Connection,
    private readonly d: BoardDeps,
  ) {
    this.repo = new BoardRepository(conn);
  }

  // ---- create ---------------------------------------------------------------------------

  /** Everything that can reject a post, without writing anything (so a refused post costs no rate-limit allowance). */
  async prepare(p: Principal, input: PostCreate): Promise<PreparedPost> {
    if (p.kind === 'bot') throw forbidden('机器人不能在留言板发帖');
    let author: BoardActor;
    let residentId: string | undefined;
    let channel: PostDoc['channel'];
    let registeredBy: PostDoc['registeredBy'];
    if (p.kind === 'resident') {
      if (input.residentId) throw new AppError('VALIDATION', '居民发帖无需填写 residentId', [{ path: 'residentId', message: '仅限工作人员代登记' }]);
      const r = await this.d.residents.get(p.communityId, p.id);
      if (!r.verified) throw forbidden('请先到社区完成住户登记，再在留言板发帖');
      author = { kind: 'resident', id: p.id, name: r.name, ...(r.building ? { building: r.building } : {}) };
      residentId = p.id;
      channel = 'app';
    } else if (input.residentId) {
      const r = await this.residentFor(p.communityId, input.residentId);
      author = { kind: 'resident', id: String(r._id), name: r.name, ...(r.building ? { building: r.building } : {}) };
      residentId = String(r._id);
      channel = 'desk';
      registeredBy = { id: p.id, name: p.name };
    } else {
      author = { kind: 'staff', id: p.id, name: p.name };
      channel = 'staff';
    }

    const photos = [...new Set(input.photos)];
    const files = await this.d.uploads.requireAttachable(p, photos);
    if (files.some((f) => f.metadata.kind !== 'image')) throw new AppError('VALIDATION', '留言只能附带图片', [{ path: 'photos', message: '只能是图片' }]);
    return { p, input, author, residentId, channel, registeredBy, photos };
  }

  async create(p: Principal, input: PostCreate): Promise<PostDoc> {
    return this.commit(await this.prepare(p, input));
  }

  async commit(prepared: PreparedPost): Promise<PostDoc> {
    const { p, input, author, residentId, channel, registeredBy, photos } = prepared;

    // Staff (including desk registration) are trusted; residents' words go through the filter.
    const heldWords = p.kind === 'resident' ? (await this.filter(p.communityId)).find(input.text) : [];
    const status: PostStatus = heldWords.length ? 'held' : 'published';
    const now = new Date();
    const post = await this.repo.insert({
      _id: new Types.ObjectId(),
      communityId: p.communityId,
      category: input.category,
      text: input.text,
      photos,
      ...(residentId ? { residentId } : {}),
      author,
      channel,
      ...(registeredBy ? { registeredBy } : {}),
      status,
      ...(heldWords.length ? { heldWords } : {}),
      replies: [],
      replyTotal: 0,
      rev: 0,
      log: heldWords.length ? [{ action: 'held', reason: `含敏感词：${heldWords.join('、')}`, ...SYSTEM, at: now }] : [],
    });
    if (status === 'published') await this.publishPhotos(post);
    this.d.bus.emit('post.created', { post });
    return post;
  }

  private async residentFor(communityId: string, id: string) {
    try {
      return await this.d.residents.get(communityId, id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') {
        throw new AppError('VALIDATION', '代登记的居民不存在', [{ path: 'residentId', message: '居民不存在' }]);
      }
      throw err;
    }
  }

  /** Photos of a post everyone may see are readable by every resident. */
  private publishPhotos(post: PostDoc) {
    return post.photos.length ? this.d.uploads.share(post.communityId, post.photos, { public: true }) : Promise.resolve();
  }

  // ---- read -----------------------------------------------------------------------------

  canSee(p: Principal, post: PostDoc): boolean {
    if (p.kind === 'staff') return true;
    if (post.status === 'published') return true;
    return p.kind === 'resident' && post.residentId === p.id;
  }

  /** The post if the principal may see it; 404 otherwise (hidden and held posts do not leak). */
  async get(p: Principal, id: string): Promise<PostDoc> {
    const post = await this.repo.byId(p.communityId, id);
    if (!post || !this.canSee(p, post)) throw notFound('留言');
    return post;
  }

  async list(p: Principal, q: PostQuery) {
    if (q.mine === '1' && p.kind !== 'resident') throw new AppError('VALIDATION', '只有居民可以查看「我的留言」');
    if (q.status && q.status !== 'published' && p.kind === 'bot') throw forbidden();
    const items = await this.repo.list(p.communityId, {
      category: q.category,
      status: q.status,
      residentId: q.mine === '1' ? p.id : undefined,
      visibleTo: p.kind === 'resident' ? p.id : undefined,
      publishedOnly: p.kind === 'bot',
      beforeId: decodeCursor(q.cursor),
      limit: q.limit,
    });
    return { items, nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null };
  }

  // ---- replies --------------------------------------------------------------------------

  async reply(p: Principal, id: string, input: ReplyCreate): Promise<{ post: PostDoc; reply: ReplyDoc }> {
    if (p.kind === 'bot') throw forbidden('机器人不能回复留言');
    const post = await this.get(p, id);
    if (post.status !== 'published') throw new AppError('CONFLICT', `留言${POST_STATUS_LABELS[post.status]}，暂不能回复`, { status: post.status });
    let author: BoardActor;
    if (p.kind === 'resident') {
      const r = await this.d.residents.get(p.communityId, p.id);
      if (!r.verified) throw forbidden('请先到社区完成住户登记，再回复留言');
      author = { kind: 'resident', id: p.id, name: r.name, ...(r.building ? { building: r.building } : {}) };
    } else {
      author = { kind: 'staff', id: p.id, name: p.name };
    }
    const heldWords = p.kind === 'resident' ? (await this.filter(p.communityId)).find(input.text) : [];
    const now = new Date();
    const reply: ReplyDoc = {
      _id: new Types.ObjectId(),
      text: input.text,
      author,
      official: p.kind === 'staff',
      status: heldWords.length ? 'held' : 'visible',
      ...(heldWords.length ? { heldWords } : {}),
      createdAt: now,
    };
    const updated = await this.repo.applyIf(
      p.communityId,
      id,
      { status: 'published', replyTotal: { $lt: BOARD_LIMITS.repliesPerPost } },
      {
        pushReply: reply,
        inc: { replyTotal: 1, rev: 1 },
        ...(heldWords.length
          ? { log: { action: 'reply-held', replyId: String(reply._id), reason: `含敏感词：${heldWords.join('、')}`, ...SYSTEM, at: now } }
          : {}),
      },
    );
    if (!updated) {
      const current = await this.repo.byId(p.communityId, id);
      if (current && current.status === 'published') throw new AppError('CONFLICT', `每条留言最多 ${BOARD_LIMITS.repliesPerPost} 条回复`);
      throw new AppError('CONFLICT', '留言状态已变化，暂不能回复');
    }
    this.d.bus.emit('post.replied', { post: updated, replyId: String(reply._id) });
    return { post: updated, reply };
  }

  // ---- moderation -------------------------------------------------------------------------

  private entry(p: StaffPrincipal, action: ModerationAction, extra: { reason?: string; replyId?: string } = {}): ModerationLogEntry {
    return { action, ...extra, by: p.id, byName: p.name, at: new Date() };
  }

  /** Moves a post along POST_TRANSITIONS, atomically against the status we validated. */
  private async move(p: StaffPrincipal, id: string, move: PostAction, action: ModerationAction, reason?: string) {
    const { from, to } = POST_TRANSITIONS[move];
    const post = await this.get(p, id);
    if (!from.includes(post.status)) {
      throw new AppError('CONFLICT', `留言当前为「${POST_STATUS_LABELS[post.status]}」，不能执行此操作`, { status: post.status });
    }
    const log = this.entry(p, action, reason ? { reason } : {});
    const set: Partial<PostDoc> = { status: to };
    const unset: string[] = [];
    if (to === 'hidden') set.hidden = { reason: reason!, by: p.id, byName: p.name, at: log.at };
    else unset.push('hidden');
    const updated = await this.repo.applyIf(p.communityId, id, { status: post.status }, { set, unset, log });
    if (!updated) throw new AppError('CONFLICT', '留言刚被他人处理，请刷新后再试');
    if (to === 'published') await this.publishPhotos(updated);
    this.d.bus.emit('post.updated', { post: updated, change: action, before: post.status });
    return updated;
  }

  hide(p: StaffPrincipal, id: string, m: ModerationReason) {
    return this.move(p, id, 'hide', 'hidden', m.reason);
  }

  restore(p: StaffPrincipal, id: string, m: ModerationNote = {}) {
    return this.move(p, id, 'restore', 'restored', m.reason);
  }

  approve(p: StaffPrincipal, id: string, m: ModerationNote = {}) {
    return this.move(p, id, 'approve', 'approved', m.reason);
  }

  /** Moves one reply along REPLY_TRANSITIONS: rewrites it under the post's revision, retrying if another reply landed meanwhile. */
  private async moveReply(p: StaffPrincipal, id: string, replyId: string, move: PostAction, action: ModerationAction, reason?: string): Promise<PostDoc> {
    const { from, to } = REPLY_TRANSITIONS[move];
    for (let attempt = 0; attempt < 5; attempt++) {
      const post = await this.get(p, id);
      const idx = post.replies.findIndex((r) => String(r._id) === replyId);
      if (idx < 0) throw notFound('回复');
      const current = post.replies[idx]!;
      if (!from.includes(current.status)) {
        const label = { visible: '显示中', held: '待审核', hidden: '已隐藏' }[current.status];
        throw new AppError('CONFLICT', `回复当前为「${label}」，不能执行此操作`, { status: current.status });
      }
      const log = this.entry(p, action, { replyId, ...(reason ? { reason } : {}) });
      const next: ReplyDoc = { ...current, status: to };
      if (to === 'hidden') next.hidden = { reason: reason!, by: p.id, byName: p.name, at: log.at };
      else delete next.hidden;
      const replies = post.replies.map((r, i) => (i === idx ? next : r));
      const updated = await this.repo.applyIf(p.communityId, id, { rev: post.rev ?? 0 }, { set: { replies }, inc: { rev: 1 }, log });
      if (updated) {
        this.d.bus.emit('post.updated', { post: updated, change: action, before: post.status });
        return updated;
      }
    }
    throw new AppError('CONFLICT', '留言正在被频繁修改，请稍后再试');
  }

  hideReply(p: StaffPrincipal, id: string, replyId: string, m: ModerationReason) {
    return this.moveReply(p, id, replyId, 'hide', 'reply-hidden', m.reason);
  }

  restoreReply(p: StaffPrincipal, id: string, replyId: string, m: ModerationNote = {}) {
    return this.moveReply(p, id, replyId, 'restore', 'reply-restored', m.reason);
  }

  approveReply(p: StaffPrincipal, id: string, replyId: string, m: ModerationNote = {}) {
    return this.moveReply(p, id, replyId, 'approve', 'reply-approved', m.reason);
  }

  // ---- post → ticket ----------------------------------------------------------------------

  /**
   * Files a desk ticket for the post's resident. The ticket's first note names the post, the post
   * keeps {id, no} of the ticket; an idempotency key makes a retried or doubled click reuse the ticket.
   */
  async toTicket(p: StaffPrincipal, id: string, input: PostToTicket): Promise<PostDoc> {
    const post = await this.get(p, id);
    if (post.ticket) throw new AppError('CONFLICT', `该留言已转为工单 ${post.ticket.no}`, { ticket: post.ticket });
    if (!post.residentId) throw new AppError('CONFLICT', '该留言不是居民发布的，不能转为工单');
    if (post.status === 'hidden') throw new AppError('CONFLICT', '已隐藏的留言不能转为工单');
    const r = await this.d.residents.get(p.communityId, post.residentId);
    if (!coversBuilding(p, r.building)) throw forbidden('该居民不在您负责的楼栋，不能为其立工单');
    const { ticket, created } = await this.d.tickets.create(
      p,
      {
        category: input.category,
        description: post.text,
        ...(input.title ? { title: input.title } : {}),
        attachments: post.photos,
        channel: 'desk',
        reporter: { residentId: post.residentId, name: r.name, ...(r.phone ? { phone: r.phone } : {}) },
      },
      `board-post:${id}`,
    );
    const ticketId = String(ticket._id);
    if (created) {
      await this.d.tickets.comment(p, ticketId, { body: `由留言板留言转入（留言编号 ${id}，分类「${post.category}」）`, internal: false });
    }
    const link = { id: ticketId, no: ticket.no };
    const updated = await this.repo.applyIf(
      p.communityId,
      id,
      { ticket: { $exists: false } },
      { set: { ticket: link }, log: this.entry(p, 'ticket', { reason: `转为工单 ${ticket.no}` }) },
    );
    if (!updated) {
      // A concurrent request linked it first; with the shared idempotency key it is the same ticket.
      return this.get(p, id);
    }
    this.d.bus.emit('post.updated', { post: updated, change: 'ticket', before: post.status });
    return updated;
  }

  /**
   * Closes the loop on the board: when the ticket made from a post is resolved, the post gets an
   * official reply saying so, so neighbours who saw the post see the outcome too.
   */
  async onTicketResolved(ticket: { _id: unknown; communityId: string; no: string }): Promise<void> {
    const post = await this.repo.byTicket(ticket.communityId, String(ticket._id));
    if (!post || post.status !== 'published') return;
    const reply: ReplyDoc = {
      _id: new Types.ObjectId(),
      text: `该问题已办结（工单 ${ticket.no}）。如仍未解决，请在工单里点「重新打开」，或再次留言。`,
      author: { kind: 'staff', id: 'system', name: '社区' },
      official: true,
      status: 'visible',
      createdAt: new Date(),
    };
    const updated = await this.repo.applyIf(
      ticket.communityId,
      String(post._id),
      { status: 'published', replyTotal: { $lt: BOARD_LIMITS.repliesPerPost } },
      { pushReply: reply, inc: { replyTotal: 1, rev: 1 } },
    );
    if (updated) this.d.bus.emit('post.replied', { post: updated, replyId: String(reply._id) });
  }

  // ---- sensitive words --------------------------------------------------------------------

  sensitiveWords(communityId: string) {
    return this.repo.sensitiveWords(communityId);
  }

  async setSensitiveWords(p: StaffPrincipal, words: string[]): Promise<string[]> {
    const cleaned = [...new Set(words.map((w) => w.trim()))];
    cleaned.forEach((w, i) => {
      if (!compactText(w)) throw new AppError('VALIDATION', '敏感词不能只含标点或空格', [{ path: `words.${i}`, message: '无效的敏感词' }]);
    });
    const saved = await this.repo.setSensitiveWords(p.communityId, cleaned, p.id);
    this.filters.delete(p.communityId);
    return saved;
  }

  private async filter(communityId: string): Promise<WordFilter> {
    const hit = this.filters.get(communityId);
    if (hit && Date.now() - hit.at < WORDS_TTL_MS) return hit.filter;
    const filter = new WordFilter(await this.repo.sensitiveWords(communityId));
    this.filters.set(communityId, { filter, at: Date.now() });
    return filter;
  }
}
