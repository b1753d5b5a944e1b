// Wish-list rules: rounds and items, one vote set per household (app or paper), live tallies, and the item life cycle.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import {
  WISH_ITEM_ACTION_LABELS,
  WISH_ITEM_STATUS_LABELS,
  WISH_ITEM_TRANSITIONS,
  type Principal,
  type StaffRole,
  type WishItemTransitionBody,
  type WishPaperResultDto,
  type WishPaperVotes,
  type WishProgressCreate,
  type WishRoundCreate,
  type WishRoundPhase,
  type WishTallyDto,
  type WishlistUpdatedEvent,
} from '@linli/contracts';
import type { Bus } from '../events';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { coversBuilding, hasRole, shanghaiDay } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { CommunitiesApi } from '../communities/community.service';
import type { LedgerApi } from '../ledger/ledger.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { UploadsApi } from '../uploads/upload.service';
import type { WishItemDoc, WishProgressEntry, WishRoundDoc, WishVoteDoc } from './wishlist.model';
import { voteId, WishlistRepository } from './wishlist.repository';

export interface WishlistDeps {
  bus: Bus;
  communities: CommunitiesApi;
  uploads: UploadsApi;
  residents: ResidentsApi;
  ledger: LedgerApi;
}

/** Who runs rounds and moves items; grid workers may also type in paper ballots from their buildings' meetings. */
const MANAGERS: StaffRole[] = ['staff'];
const PAPER_CLERKS: StaffRole[] = ['staff', 'grid'];

export function phaseOf(r: Pick<WishRoundDoc, 'opensAt' | 'closesAt'>, now = Date.now()): WishRoundPhase {
  if (now < r.opensAt.getTime()) return 'upcoming';
  return now < r.closesAt.getTime() ? 'open' : 'closed';
}

const actorOf = (p: Principal) => ({ id: p.id, name: p.name });
const addressLabel = (h: { building: string; unit: string; room: string }) => `${h.building}${h.unit}${h.room}`;

export class WishlistService {
  private readonly repo: WishlistRepository;
  private readonly recounts = new Map<string, { running?: Promise<WishTallyDto>; queued?: Promise<WishTallyDto> }>();
  constructor(
    conn: Connection,
    private readonly d: WishlistDeps,
  ) {
    this.repo = new WishlistRepository(conn);
  }

  private requireRole(p: Principal, roles: StaffRole[], what: string) {
    if (p.kind !== 'staff') throw forbidden('仅限社区工作人员');
    if (!hasRole(p, ...roles)) throw forbidden(`没有权限${what}`);
  }

  private async publicPhotos(p: Principal, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return unique;
    await this.d.uploads.requireAttachable(p, unique);
    // Wish-list photos are shown to every resident.
    await this.d.uploads.share(p.communityId, unique, { public: true });
    return unique;
  }

  // ---- rounds -------------------------------------------------------------------------------

  async createRound(p: Principal, input: WishRoundCreate): Promise<WishRoundDoc> {
    this.requireRole(p, MANAGERS, '创建心愿清单');
    const closesAt = new Date(input.closesAt);
    if (closesAt.getTime() <= Date.now()) throw new AppError('VALIDATION', '截止时间应晚于现在', [{ path: 'closesAt', message: '应晚于现在' }]);
    const roundId = new Types.ObjectId();
    const items: Array<Omit<WishItemDoc, 'createdAt' | 'updatedAt'>> = [];
    for (const [i, it] of input.items.entries()) {
      items.push({
        _id: new Types.ObjectId(),
        communityId: p.communityId,
        roundId,
        no: i + 1,
        title: it.title,
        ...(it.description ? { description: it.description } : {}),
        ...(it.estimatedCost !== undefined ? { estimatedCost: it.estimatedCost } : {}),
        photos: await this.publicPhotos(p, it.photos),
        subItems: it.subItems,
        status: 'pending',
        progress: [],
        ledgerEntryIds: [],
      });
    }
    const round = await this.repo.insertRound(
      {
        _id: roundId,
        communityId: p.communityId,
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        maxChoices: input.maxChoices,
        opensAt: new Date(input.opensAt),
        closesAt,
        createdBy: actorOf(p),
      },
      items,
    );
    this.emit(p.communityId, { roundId: String(roundId), reason: 'round' });
    return round;
  }

  /** A past round exactly as it happened (demo history, a migration): stored as given, without checks or a live update. */
  importRound(round: Omit<WishRoundDoc, 'createdAt' | 'updatedAt'>, items: Array<Omit<WishItemDoc, 'createdAt' | 'updatedAt'>>): Promise<WishRoundDoc> {
    return this.repo.insertRound(round, items);
  }

  async round(p: Principal, id: string): Promise<WishRoundDoc> {
    const r = await this.repo.round(p.communityId, id);
    if (!r) throw notFound('心愿清单');
    return r;
  }

  async listRounds(p: Principal, q: { cursor?: string; limit: number }) {
    const rounds = await this.repo.listRounds(p.communityId, decodeCursor(q.cursor), q.limit);
    const counts = new Map<string, number>();
    for (const it of await this.repo.countItems(p.communityId, rounds.map((r) => r._id))) {
      counts.set(String(it.roundId), (counts.get(String(it.roundId)) ?? 0) + 1);
    }
    return {
      items: rounds.map((r) => ({ round: r, itemCount: counts.get(String(r._id)) ?? 0 })),
      nextCursor: rounds.length === q.limit ? encodeCursor(String(rounds[rounds.length - 1]!._id)) : null,
    };
  }

  items(communityId: string, roundId: string) {
    return this.repo.itemsOf(communityId, roundId);
  }

  async closeRound(p: Principal, id: string): Promise<WishRoundDoc> {
    this.requireRole(p, MANAGERS, '结束投票');
    const r = await this.round(p, id);
    if (phaseOf(r) === 'closed') throw new AppError('CONFLICT', '投票已结束');
    const now = new Date();
    const closed = await this.repo.closeRound(p.communityId, id, now);
    if (!closed) throw new AppError('CONFLICT', '投票已结束');
    this.emit(p.communityId, { roundId: id, reason: 'round' });
    return closed;
  }

  // ---- votes --------------------------------------------------------------------------------

  /** Checks a vote set against the round: open, within the household's quota, only this round's items. */
  private async validateChoice(p: Principal, round: WishRoundDoc, itemIds: string[]): Promise<void> {
    const phase = phaseOf(round);
    if (phase === 'upcoming') throw new AppError('CONFLICT', '投票尚未开始');
    if (phase === 'closed') throw new AppError('CONFLICT', '投票已截止');
    if (itemIds.length > round.maxChoices)
      throw new AppError('VALIDATION', `每户最多选择 ${round.maxChoices} 项`, [{ path: 'itemIds', message: `最多 ${round.maxChoices} 项` }]);
    const valid = new Set((await this.repo.itemsOf(p.communityId, String(round._id))).map((i) => String(i._id)));
    if (itemIds.some((i) => !valid.has(i))) throw new AppError('VALIDATION', '所选心愿项不属于本轮清单', [{ path: 'itemIds', message: '无效的心愿项' }]);
  }

  async vote(p: Principal, roundId: string, itemIds: string[]): Promise<{ vote: WishVoteDoc; tally: WishTallyDto }> {
    if (p.kind !== 'resident') throw forbidden('居民本人在小程序中投票；纸质选票请用“录入纸质选票”');
    const round = await this.round(p, roundId);
    const resident = await this.d.residents.byId(p.communityId, p.id);
    if (!resident?.householdId || !resident.verified) throw forbidden('请先完成住户登记（楼栋、单元、房号）后再投票');
    await this.validateChoice(p, round, itemIds);
    const householdId = String(resident.householdId);
    const vote: WishVoteDoc = {
      _id: voteId(roundId, householdId),
      communityId: p.communityId,
      roundId: round._id,
      householdId,
      ...(resident.building ? { household: addressLabel({ building: resident.building, unit: resident.unit ?? '', room: resident.room ?? '' }) } : {}),
      itemIds,
      source: 'app',
      residentId: p.id,
      createdAt: new Date(),
    };
    const r = await this.repo.insertVote(vote);
    if (!r.ok) {
      const how = r.existing?.source === 'paper' ? '已在居民代表大会上投过纸质票' : '已投过票';
      throw new AppError('CONFLICT', `您家${how}，每户只能投一次`, { source: r.existing?.source });
    }
    return { vote, tally: await this.publishTally(p.communityId, roundId) };
  }

  async paperVotes(p: Principal, roundId: string, input: WishPaperVotes): Promise<WishPaperResultDto> {
    this.requireRole(p, PAPER_CLERKS, '录入纸质选票');
    const round = await this.round(p, roundId);
    // Validate the whole batch before writing anything: a bad ballot rejects the batch, nothing is recorded.
    const seen = new Set<string>();
    const { buildings } = await this.d.communities.get(p.communityId);
    for (const [i, b] of input.ballots.entries()) {
      // A typo on a paper sheet ("7号楼" in a six-building community) must not invent a household.
      if (buildings.length && !buildings.includes(b.household.building))
        throw new AppError('VALIDATION', `第 ${i + 1} 张选票：本社区没有「${b.household.building}」`, [{ path: `ballots.${i}.household.building`, message: '楼栋不存在' }]);
      try {
        await this.validateChoice(p, round, b.itemIds);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          throw new AppError('VALIDATION', `第 ${i + 1} 张选票：${err.message}`, [{ path: `ballots.${i}.itemIds`, message: err.message }]);
        throw err;
      }
      // A grid worker (网格员) enters ballots for the buildings they look after only.
      if (p.kind === 'staff' && !coversBuilding(p, b.household.building))
        throw forbidden(`第 ${i + 1} 张选票：${b.household.building} 不在您负责的楼栋`);
      const label = addressLabel(b.household);
      if (seen.has(label)) throw new AppError('VALIDATION', `第 ${i + 1} 张选票：${label} 在本批中重复`, [{ path: `ballots.${i}.household`, message: '重复' }]);
      seen.add(label);
    }
    // Only households in the registry vote: a door plate no verified resident lives at is refused, never created.
    const registered = await this.registeredHouseholds(p.communityId, input.ballots.map((b) => b.household.building));
    for (const [i, b] of input.ballots.entries()) {
      if (!registered.has(addressLabel(b.household)))
        throw new AppError('VALIDATION', `第 ${i + 1} 张选票：${addressLabel(b.household)} 不是已登记的住户，请先在居民档案中登记`, [
          { path: `ballots.${i}.household`, message: '未登记的住户' },
        ]);
    }
    if (input.meeting.date > shanghaiDay())
      throw new AppError('VALIDATION', '会议日期不能晚于今天', [{ path: 'meeting.date', message: '会议日期不能晚于今天' }]);
    const meeting = await this.repo.meeting({
      _id: `${roundId}:${input.meeting.date}:${input.meeting.name}`,
      communityId: p.communityId,
      roundId: round._id,
      ...input.meeting,
      createdBy: actorOf(p),
      createdAt: new Date(),
    });
    const duplicates: WishPaperResultDto['duplicates'] = [];
    let recorded = 0;
    for (const b of input.ballots) {
      const householdId = registered.get(addressLabel(b.household))!;
      const r = await this.repo.insertVote({
        _id: voteId(roundId, householdId),
        communityId: p.communityId,
        roundId: round._id,
        householdId,
        household: addressLabel(b.household),
        itemIds: b.itemIds,
        source: 'paper',
        enteredBy: actorOf(p),
        meeting: meeting.name,
        meetingId: meeting._id,
        createdAt: new Date(),
      });
      if (r.ok) recorded++;
      else duplicates.push({ household: addressLabel(b.household), existingSource: r.existing?.source ?? 'app' });
    }
    return { recorded, duplicates, tally: await this.publishTally(p.communityId, roundId) };
  }

  /** Door plate → household id, for the verified residents of these buildings. */
  private async registeredHouseholds(communityId: string, buildings: string[]): Promise<Map<string, string>> {
    const residents = await this.d.residents.matching(
      communityId,
      { buildings: [...new Set(buildings)] },
      { fields: { householdId: 1, building: 1, unit: 1, room: 1 } },
    );
    const byLabel = new Map<string, string>();
    for (const r of residents)
      if (r.householdId && r.building && r.unit && r.room)
        byLabel.set(addressLabel({ building: r.building, unit: r.unit, room: r.room }), String(r.householdId));
    return byLabel;
  }

  /** The meeting records behind a register's paper ballots. */
  meetings(communityId: string, ids: string[]) {
    return this.repo.meetingsByIds(communityId, [...new Set(ids)]);
  }

  /** Staff: who voted how (households, app or paper, which meeting, who typed the ballot in). */
  async register(p: Principal, roundId: string): Promise<WishVoteDoc[]> {
    if (p.kind !== 'staff') throw forbidden('仅限社区工作人员');
    await this.round(p, roundId);
    return this.repo.register(p.communityId, roundId, 5000);
  }

  async myVote(p: Principal, roundId: string): Promise<WishVoteDoc | null> {
    if (p.kind !== 'resident') return null;
    const resident = await this.d.residents.byId(p.communityId, p.id);
    return resident?.householdId ? this.repo.vote(roundId, String(resident.householdId)) : null;
  }

  /** Counts straight from the vote documents (the truth), never from incremented counters. */
  async tally(communityId: string, roundId: string): Promise<WishTallyDto> {
    const [items, votes] = await Promise.all([this.repo.itemsOf(communityId, roundId), this.repo.votesOf(communityId, roundId)]);
    const counts = new Map(items.map((i) => [String(i._id), { votes: 0, paperVotes: 0 }]));
    let paperHouseholds = 0;
    for (const v of votes) {
      if (v.source === 'paper') paperHouseholds++;
      for (const id of v.itemIds) {
        const c = counts.get(id);
        if (!c) continue;
        c.votes++;
        if (v.source === 'paper') c.paperVotes++;
      }
    }
    return { roundId, households: votes.length, paperHouseholds, items: [...counts].map(([itemId, c]) => ({ itemId, ...c })) };
  }

  /**
   * Recomputes and pushes a round's tally after a vote. Runs one at a time per round (so pushes are in order and the
   * last one carries the latest count), and coalesces: callers that arrive while a recount is already queued share it,
   * since it starts after their vote was written. Under a burst this is a handful of recounts, not one per vote.
   */
  private publishTally(communityId: string, roundId: string): Promise<WishTallyDto> {
    let st = this.recounts.get(roundId);
    if (!st) this.recounts.set(roundId, (st = {}));
    const state = st;
    if (state.queued) return state.queued;
    const start = (): Promise<WishTallyDto> => {
      const p = (async () => {
        const tally = await this.tally(communityId, roundId);
        this.emit(communityId, { roundId, reason: 'vote', tally });
        return tally;
      })();
      state.running = p;
      void p.catch(() => undefined).finally(() => {
        if (state.running === p) state.running = undefined;
        if (!state.running && !state.queued && this.recounts.get(roundId) === state) this.recounts.delete(roundId);
      });
      return p;
    };
    if (!state.running) return start();
    const queued = state.running.catch(() => undefined).then(() => {
      state.queued = undefined;
      return start();
    });
    state.queued = queued;
    return queued;
  }

  // ---- after the round: item life cycle -------------------------------------------------------

  async item(p: Principal, id: string): Promise<WishItemDoc> {
    const it = await this.repo.item(p.communityId, id);
    if (!it) throw notFound('心愿项');
    return it;
  }

  private async requireClosed(p: Principal, it: WishItemDoc) {
    const round = await this.round(p, String(it.roundId));
    if (phaseOf(round) !== 'closed') throw new AppError('CONFLICT', '投票结束后才能推进心愿项');
  }

  async transition(p: Principal, id: string, body: WishItemTransitionBody): Promise<WishItemDoc> {
    this.requireRole(p, MANAGERS, '推进心愿项');
    const it = await this.item(p, id);
    await this.requireClosed(p, it);
    const rule = WISH_ITEM_TRANSITIONS[body.action];
    if (!rule.from.includes(it.status)) throw this.illegal(body.action, it.status);
    const entry: WishProgressEntry = {
      at: new Date(),
      kind: 'status',
      from: it.status,
      to: rule.to,
      photos: [],
      by: actorOf(p),
      ...(body.reason || body.note ? { note: body.reason ?? body.note } : {}),
    };
    const updated = await this.repo.applyToItem(p.communityId, id, { status: it.status }, {
      set: { status: rule.to, ...(body.action === 'reject' ? { rejectReason: body.reason } : {}) },
      push: entry,
    });
    if (!updated) throw this.illegal(body.action, (await this.repo.item(p.communityId, id))?.status ?? it.status, true);
    this.emitItem(updated);
    return updated;
  }

  private illegal(action: WishItemTransitionBody['action'], status: WishItemDoc['status'], raced = false) {
    return new AppError(
      'CONFLICT',
      `${raced ? '心愿项刚被他人处理，' : ''}当前状态为「${WISH_ITEM_STATUS_LABELS[status]}」，不能${WISH_ITEM_ACTION_LABELS[action]}`,
      { status },
    );
  }

  async addProgress(p: Principal, id: string, input: WishProgressCreate): Promise<WishItemDoc> {
    this.requireRole(p, MANAGERS, '发布进展');
    const it = await this.item(p, id);
    if (!['approved', 'building', 'done'].includes(it.status))
      throw new AppError('CONFLICT', `心愿项「${WISH_ITEM_STATUS_LABELS[it.status]}」，立项后才能发布进展`, { status: it.status });
    const photos = await this.publicPhotos(p, input.photos);
    const updated = await this.repo.applyToItem(p.communityId, id, {}, { push: { at: new Date(), kind: 'progress', note: input.note, photos, by: actorOf(p) } });
    if (!updated) throw notFound('心愿项');
    this.emitItem(updated);
    return updated;
  }

  /** Links a published expense that paid for this item, so residents can follow the money. */
  async linkLedger(p: Principal, id: string, entryId: string): Promise<WishItemDoc> {
    this.requireRole(p, MANAGERS, '关联账目');
    const it = await this.item(p, id);
    if (!['approved', 'building', 'done'].includes(it.status)) throw new AppError('CONFLICT', '立项后才能关联支出账目', { status: it.status });
    const [entry] = await this.d.ledger.publishedByIds(p.communityId, [entryId]);
    if (!entry) throw new AppError('VALIDATION', '账目不存在或尚未公开', [{ path: 'entryId', message: '需为已公开的账目' }]);
    if (entry.kind !== 'expense' || entry.reversesId) throw new AppError('VALIDATION', '只能关联支出账目', [{ path: 'entryId', message: '需为支出' }]);
    const updated = await this.repo.applyToItem(p.communityId, id, { ledgerEntryIds: { $ne: entryId } }, { addLedger: entryId });
    if (!updated) throw new AppError('CONFLICT', '该账目已关联');
    this.emitItem(updated);
    return updated;
  }

  private emitItem(it: WishItemDoc) {
    this.d.bus.emit('wishlist.updated', { communityId: it.communityId, event: { roundId: String(it.roundId), reason: 'item' }, item: it });
  }

  private emit(communityId: string, event: WishlistUpdatedEvent) {
    this.d.bus.emit('wishlist.updated', { communityId, event });
  }
}
