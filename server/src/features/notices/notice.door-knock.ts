// Door-knock lists (上门告知): when an urgent notice's set time passes (a persisted timer), its unread or unreachable households become each grid worker's visit list — live, with check-offs.
import {
  buildingScope,
  type DoorKnockHousehold,
  type DoorKnockListDto,
  type DoorKnockVisit,
  type StaffPrincipal,
} from '@linli/contracts';
import { Types } from 'mongoose';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import type { Bus } from '../events';
import type { NoticeMessagesApi, NoticeReach } from '../notifications/notifications.notices';
import { maskPii } from '../../logger';
import { householdKey, type DoorKnockDoc, type DoorKnockRepository } from './notice.door-knock.repository';
import type { NoticeDoc, NoticeReceiptDoc } from './notice.model';
import type { NoticeRepository } from './notice.repository';

export const DOOR_KNOCK_TIMER_KIND = 'notice.door-knock';
export const doorKnockKey = (noticeId: string) => `notice-door-knock:${noticeId}`;

/**
 * Whether any channel that reaches a person by itself did (the feed only waits to be opened). Push is the notice's own; SMS and
 * subscribe messages are read from the notifications ledger, so a failed SMS status report counts as not reached. A message
 * the ledger has no row for yet is still on its first attempt.
 */
function reached(r: NoticeReceiptDoc, ledger: NoticeReach): boolean {
  if (['sent', 'delivered'].includes(r.deliveries?.push?.status ?? '')) return true;
  const rows = ledger.get(r.residentId) ?? {};
  return (['sms', 'subscribe'] as const).some((c) => {
    const row = rows[c];
    return row ? ['queued', 'sent', 'delivered', 'acknowledged'].includes(row.status) : r.deliveries?.[c]?.status === 'pending';
  });
}

const natural = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN', { numeric: true });

export class NoticeDoorKnock {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly rows: DoorKnockRepository,
    private readonly scheduler: Scheduler,
    private readonly bus: Bus,
    /** ALERT_ESCALATION_SCALE-style compression of the wait, for drills and tests (NOTICE_DOOR_KNOCK_SCALE). */
    private readonly scale: number,
    /** The notifications ledger: whether each resident's SMS / subscribe message reached them. */
    private readonly messages: Pick<NoticeMessagesApi, 'reach'>,
  ) {}

  /** At publication: the list's persisted timer (a restart between now and then loses nothing). */
  async arm(n: NoticeDoc): Promise<void> {
    if (!n.doorKnock || n.doorKnock.openedAt) return;
    const id = String(n._id);
    const dueAt = n.doorKnock.dueAt ?? new Date((n.publishedAt ?? new Date()).getTime() + n.doorKnock.afterMinutes * 60_000 * this.scale);
    if (!n.doorKnock.dueAt) await this.notices.setDoorKnock(n.communityId, id, 'dueAt', dueAt);
    await this.scheduler.schedule({ key: doorKnockKey(id), communityId: n.communityId, kind: DOOR_KNOCK_TIMER_KIND, fireAt: dueAt, payload: { noticeId: id } });
  }

  /** The set time passed: every household where nobody has read the notice goes on the list (idempotent: unique per household). */
  async onTimer(job: TimerJob): Promise<void> {
    const cid = job.communityId;
    const id = String(job.payload.noticeId);
    const n = await this.notices.byId(cid, id);
    if (!n || n.status !== 'published' || !n.doorKnock) return;
    const [receipts, ledger] = await Promise.all([this.notices.receiptsOf(cid, id, null), this.messages.reach(cid, id)]);
    const now = new Date();
    const docs: Omit<DoorKnockDoc, '_id'>[] = [];
    for (const [key, people] of households(receipts)) {
      if (people.some((r) => r.readAt)) continue;
      const [first] = people;
      docs.push({
        communityId: cid,
        noticeId: n._id,
        household: key,
        building: first!.building,
        unit: first!.unit,
        room: first!.room,
        reason: people.some((r) => reached(r, ledger)) ? 'unread' : 'unreached',
        people: people.map((r) => ({ residentId: r.residentId, name: r.name, ...(r.phone ? { phone: r.phone } : {}) })),
        createdAt: now,
        visits: [],
      });
    }
    await this.rows.insertMissing(docs);
    // Only the run that made the list tells staff (a re-fire after a restart stays quiet).
    if (await this.notices.setDoorKnock(cid, id, 'openedAt', now)) {
      const per = new Map<string, number>();
      for (const d of docs) per.set(d.building, (per.get(d.building) ?? 0) + 1);
      this.bus.emit('notice.doorknock', { notice: n, buildings: [...per].map(([building, households]) => ({ building, households })) });
    }
  }

  /** The caller's list: a grid worker's buildings (others: every building, or the one asked for); a late read marks the household read. */
  async list(p: StaffPrincipal, id: string, building?: string): Promise<DoorKnockListDto> {
    const n = await this.notices.byId(p.communityId, id);
    if (!n) throw notFound('通知');
    let scope = buildingScope(p);
    if (building) scope = scope ? scope.filter((b) => b === building) : [building];
    const base = { noticeId: id, title: n.title, buildings: scope, households: [] as DoorKnockHousehold[], remaining: 0 };
    if (!n.doorKnock) return { ...base, status: 'none' };
    const due = n.doorKnock.dueAt?.toISOString();
    if (!n.doorKnock.openedAt) return { ...base, status: 'waiting', ...(due ? { dueAt: due } : {}) };
    const [rows, receipts] = await Promise.all([this.rows.list(p.communityId, id, scope), this.notices.receiptsOf(p.communityId, id, scope)]);
    const readAt = new Map<string, Date>();
    for (const r of receipts) {
      if (!r.readAt) continue;
      const k = householdKey(r);
      const was = readAt.get(k);
      if (!was || r.readAt < was) readAt.set(k, r.readAt);
    }
    const items = rows.map((d) => householdDto(d, readAt.get(d.household)));
    items.sort((a, b) => natural(a.building, b.building) || natural(a.unit, b.unit) || natural(a.room, b.room));
    return {
      ...base,
      status: 'open',
      ...(due ? { dueAt: due } : {}),
      openedAt: n.doorKnock.openedAt.toISOString(),
      households: items,
      remaining: items.filter((h) => !h.readAt && !h.visit).length,
    };
  }

  /** A check-off by the worker responsible for the building (or any non-grid staff): the latest outcome stands, every one is kept. */
  async visit(p: StaffPrincipal, id: string, v: DoorKnockVisit): Promise<DoorKnockHousehold> {
    const n = await this.notices.byId(p.communityId, id);
    if (!n) throw notFound('通知');
    if (!n.doorKnock?.openedAt) throw new AppError('CONFLICT', '上门名单尚未生成');
    const scope = buildingScope(p);
    if (scope && !scope.includes(v.building)) throw forbidden('不在您负责的楼栋');
    const row = await this.rows.one(p.communityId, id, householdKey(v));
    if (!row) throw new AppError('NOT_FOUND', '该户不在上门名单中');
    const entry = { outcome: v.outcome, ...(v.note ? { note: v.note } : {}), at: new Date(), by: { id: p.id, name: p.name } };
    const updated = (await this.rows.check(p.communityId, row._id as Types.ObjectId, entry))!;
    const receipts = await this.notices.receiptsOf(p.communityId, id, [v.building]);
    const read = receipts.filter((r) => householdKey(r) === row.household && r.readAt).map((r) => r.readAt!);
    return householdDto(updated, read.sort((a, b) => a.getTime() - b.getTime())[0]);
  }
}

function households(receipts: NoticeReceiptDoc[]): Map<string, NoticeReceiptDoc[]> {
  const out = new Map<string, NoticeReceiptDoc[]>();
  for (const r of receipts) {
    const k = householdKey(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function householdDto(d: DoorKnockDoc, readAt?: Date): DoorKnockHousehold {
  return {
    building: d.building,
    unit: d.unit,
    room: d.room,
    reason: d.reason,
    // Masked like the receipts list, so the page can be printed; the worker reveals a number through the registry (audited).
    people: d.people.map((x) => ({ residentId: x.residentId, name: x.name, ...(x.phone ? { phone: maskPii(x.phone) } : {}) })),
    ...(readAt ? { readAt: readAt.toISOString() } : {}),
    ...(d.visit
      ? { visit: { outcome: d.visit.outcome, ...(d.visit.note ? { note: d.visit.note } : {}), at: d.visit.at.toISOString(), by: d.visit.by } }
      : {}),
  };
}
