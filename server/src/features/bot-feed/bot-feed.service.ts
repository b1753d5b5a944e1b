// Decides what the group bot must post (ticket progress to its reporter, group notices, public-safety alerts) and keeps it until acknowledged.
import type { Connection } from 'mongoose';
import {
  ALERT_TYPE_LABELS,
  PUBLIC_SAFETY_TYPES,
  TICKET_STATUS_LABELS,
  type AlertType,
  type BotFeedItemDto,
  type BotFeedKind,
  type BotFeedQuery,
  type BotFeedTarget,
  type BotTicketQuery,
  type Principal,
} from '@linli/contracts';
import type { Bus } from '../events';
import { forbidden, notFound } from '../../core/errors';
import type { TicketDoc } from '../tickets/ticket.model';
import type { BotFeedDoc } from './bot-feed.model';
import { BotFeedRepository } from './bot-feed.repository';

export interface BotFeedEnqueue {
  communityId: string;
  kind: BotFeedKind;
  key: string;
  text: string;
  target?: BotFeedTarget;
  ref?: string;
}

/** Ticket changes the reporter hears about in the group; internal notes, urges and escalations stay with staff. */
const ANNOUNCED_CHANGES = new Set(['accept', 'assign', 'start', 'resolve', 'close', 'reopen', 'cancel', 'comment']);

export function botFeedDto(d: BotFeedDoc): BotFeedItemDto {
  return {
    id: String(d._id),
    communityId: d.communityId,
    kind: d.kind,
    text: d.text,
    target: stripEmpty(d.target ?? {}),
    ...(d.ref ? { ref: d.ref } : {}),
    createdAt: d.createdAt.toISOString(),
    ...(d.ackedAt ? { ackedAt: d.ackedAt.toISOString() } : {}),
  };
}

function stripEmpty(t: BotFeedTarget): BotFeedTarget {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => typeof v === 'string' && v)) as BotFeedTarget;
}

export class BotFeedService {
  readonly repo: BotFeedRepository;
  constructor(
    conn: Connection,
    private readonly bus: Bus,
  ) {
    this.repo = new BotFeedRepository(conn);
  }

  /** Queues one item (once per key) and announces it so the bot's socket gets it at once. */
  async enqueue(input: BotFeedEnqueue): Promise<BotFeedDoc | null> {
    const doc = await this.repo.insertOnce({
      communityId: input.communityId,
      kind: input.kind,
      key: input.key,
      text: input.text,
      target: stripEmpty(input.target ?? {}),
      ...(input.ref ? { ref: input.ref } : {}),
    });
    if (doc) this.bus.emit('bot.feed.queued', { item: doc });
    return doc;
  }

  private requireBot(p: Principal): void {
    if (p.kind !== 'bot') throw forbidden('仅限社区机器人');
  }

  async pending(p: Principal, q: BotFeedQuery): Promise<BotFeedDoc[]> {
    this.requireBot(p);
    return this.repo.pending(p.communityId, q.after, q.limit);
  }

  async ack(p: Principal, id: string): Promise<BotFeedDoc> {
    this.requireBot(p);
    const updated = await this.repo.ack(p.communityId, id);
    if (updated) return updated;
    const existing = await this.repo.byId(p.communityId, id);
    if (!existing) throw notFound('推送');
    return existing;
  }

  async ticketsOf(p: Principal, q: BotTicketQuery): Promise<TicketDoc[]> {
    this.requireBot(p);
    return this.repo.ticketsOfReporter(p.communityId, q, q.limit);
  }

  // ---- sources --------------------------------------------------------------------------

  /** A ticket reported through the bot changed: tell its reporter where they reported it. */
  async onTicketUpdated(ticket: TicketDoc, change: string): Promise<void> {
    if (ticket.channel !== 'bot' || !ANNOUNCED_CHANGES.has(change)) return;
    const index = ticket.timeline.length - 1;
    const last = ticket.timeline[index];
    if (!last) return;
    if (change === 'comment' && (last.internal || last.actor.kind !== 'staff')) return;
    const r = ticket.reporter;
    const head = `您反映的「${ticket.title}」（工单 ${ticket.no}）`;
    let text: string;
    if (change === 'comment') text = `${head}，社区回复：${last.note ?? ''}`;
    else {
      const status = TICKET_STATUS_LABELS[ticket.status];
      const who = change === 'assign' && ticket.assigneeName ? `，由${ticket.assigneeName}负责处理` : '';
      const note = last.note ? `（${last.note}）` : '';
      const tail =
        change === 'resolve'
          ? '。如果问题还在，请回复「查询 ' + ticket.no + '」或联系社区。'
          : change === 'cancel'
            ? '。'
            : '，我们会继续跟进。';
      text = `${head}有新进展：${status}${who}${note}${tail}`;
    }
    await this.enqueue({
      communityId: ticket.communityId,
      kind: 'ticket',
      key: `ticket:${String(ticket._id)}:${index}`,
      text,
      target: { roomId: r.roomId, roomTopic: r.roomTopic, wechatName: r.wechatName ?? r.name, wechatId: r.wechatId },
      ref: `ticket:${ticket.no}`,
    });
  }

  /** A notice was published; the group gets it when its channels include `group`. Payload read defensively (notices own its shape). */
  async onNoticePublished(payload: unknown): Promise<void> {
    const n = pick(payload, 'notice');
    if (!n) return;
    const channels = Array.isArray(n.channels) ? (n.channels as unknown[]) : [];
    const communityId = str(n.communityId);
    const id = str(n._id) ?? str(n.id);
    if (!channels.includes('group') || !communityId || !id) return;
    const title = str(n.title) ?? '社区通知';
    const body = plainText(str(n.body) ?? '');
    await this.enqueue({
      communityId,
      kind: 'notice',
      key: `notice:${id}`,
      text: `【社区通知】${title}\n${body}`.trim(),
      ref: `notice:${id}`,
    });
  }

  /** A device alert was raised; only public-safety ones go to the group (personal alerts never do). */
  async onAlertRaised(payload: unknown): Promise<void> {
    const a = pick(payload, 'alert');
    if (!a) return;
    const type = str(a.type) as AlertType | undefined;
    const communityId = str(a.communityId);
    const id = str(a._id) ?? str(a.id);
    if (!type || !communityId || !id) return;
    const isPublic = a.audience === 'public' || (a.audience === undefined && PUBLIC_SAFETY_TYPES.includes(type));
    if (!isPublic) return;
    const where = alertWhere(a);
    const label = ALERT_TYPE_LABELS[type] ?? str(a.title) ?? '安全提醒';
    const advice: Partial<Record<AlertType, string>> = {
      fire_lane_blocked: '请车主尽快挪车，保持消防通道畅通。',
      smoke: '请注意安全，工作人员正在赶往现场。',
      water_leak: '请注意用电安全，工作人员正在处理。',
      trash_overflow: '工作人员正在清运，请暂时投放到其他垃圾点。',
    };
    await this.enqueue({
      communityId,
      kind: 'alert',
      key: `alert:${id}`,
      text: `【安全提醒】${label}${where ? `：${where}` : ''}。${advice[type] ?? '请大家注意安全。'}`,
      ref: `alert:${id}`,
    });
  }

  /** A public-safety alert the group heard about was resolved: tell the group it is over. */
  async onAlertUpdated(payload: unknown): Promise<void> {
    const p = (payload ?? {}) as { change?: unknown };
    if (p.change !== 'resolve' && p.change !== 'resolved') return;
    const a = pick(payload, 'alert');
    if (!a || a.audience !== 'public') return;
    const type = str(a.type) as AlertType | undefined;
    const communityId = str(a.communityId);
    const id = str(a._id) ?? str(a.id);
    if (!type || !communityId || !id) return;
    const where = alertWhere(a);
    await this.enqueue({
      communityId,
      kind: 'alert',
      key: `alert:${id}:resolved`,
      text: `【安全提醒解除】${ALERT_TYPE_LABELS[type] ?? '安全提醒'}${where ? `（${where}）` : ''}已处理完毕，感谢大家配合。`,
      ref: `alert:${id}`,
    });
  }
}

/** Notices are Markdown; a WeChat group shows plain text. */
export function plainText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1（$2）')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '· ')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function alertWhere(a: Record<string, unknown>): string {
  const loc = (a.location ?? {}) as Record<string, unknown>;
  return str(loc.text) ?? str(loc.building) ?? '';
}

function pick(payload: unknown, field: string): Record<string, unknown> | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  const inner = p[field];
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : p;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (v && typeof v === 'object' && typeof (v as { toHexString?: unknown }).toHexString === 'function') return String(v);
  return undefined;
}
