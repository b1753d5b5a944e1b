// Decides what the group bot must post (ticket progress to its reporter, group notices, public-safety alerts) and keeps it until acknowledged.
import type { Connection } from 'mongoose';
import {
  ALERT_TYPE_LABELS,
  TICKET_STATUS_LABELS,
  type AlertDto,
  type AlertType,
  type BotFeedItemDto,
  type BotFeedKind,
  type BotFeedQuery,
  type BotFeedTarget,
  type BotTicketQuery,
  type Principal,
} from '@linli/contracts';
import type { Bus, DomainEvents } from '../events';
import { forbidden, notFound } from '../../core/errors';
import type { BotFeedDoc } from './bot-feed.model';
import { BotFeedRepository } from './bot-feed.repository';
import type { TicketsApi } from '../tickets/ticket.service';

/** The other features' documents as their events carry them (named through the event map, not their models). */
type TicketView = DomainEvents['ticket.updated']['ticket'];
type NoticeView = DomainEvents['notice.published']['notice'];
type AlertView = DomainEvents['alert.updated']['alert'];

/** The narrow interface other features may use: queue a post for the group bot. */
export type BotFeedApi = Pick<BotFeedService, 'enqueue'>;

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

/** What the group is asked to do about a public-safety alert. */
const ALERT_ADVICE: Partial<Record<AlertType, string>> = {
  fire_lane_blocked: '请车主尽快挪车，保持消防通道畅通。',
  smoke: '请注意安全，工作人员正在赶往现场。',
  water_leak: '请注意用电安全，工作人员正在处理。',
  trash_overflow: '工作人员正在清运，请暂时投放到其他垃圾点。',
};

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
  private readonly repo: BotFeedRepository;
  constructor(
    conn: Connection,
    private readonly bus: Bus,
    private readonly tickets: Pick<TicketsApi, 'ofBotReporter'>,
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
    if (updated) {
      this.bus.emit('bot.feed.acked', { item: updated });
      return updated;
    }
    const existing = await this.repo.byId(p.communityId, id);
    if (!existing) throw notFound('推送');
    return existing;
  }

  async ticketsOf(p: Principal, q: BotTicketQuery): Promise<TicketView[]> {
    this.requireBot(p);
    // Only tickets sent from this very contact; never by display name (issue 12 item 7).
    return this.tickets.ofBotReporter(p.communityId, { wechatId: q.wechatId }, q.limit);
  }

  // ---- sources --------------------------------------------------------------------------

  /** A ticket reported through the bot changed: tell its reporter where they reported it. */
  async onTicketUpdated(ticket: TicketView, change: string): Promise<void> {
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

  /** A notice was published; the group gets it when its channels include `group`. */
  async onNoticePublished(notice: NoticeView): Promise<void> {
    if (!notice.channels.includes('group')) return;
    const id = String(notice._id);
    await this.enqueue({
      communityId: notice.communityId,
      kind: 'notice',
      key: `notice:${id}`,
      text: `【社区通知】${notice.title || '社区通知'}\n${plainText(notice.body ?? '')}`.trim(),
      ref: `notice:${id}`,
    });
  }

  /** A public-safety alert was raised (the alerts feature raises this event for public ones only; personal alerts never reach the group). */
  async onAlertRaised(alert: AlertDto): Promise<void> {
    if (alert.audience !== 'public') return;
    const where = alertWhere(alert);
    await this.enqueue({
      communityId: alert.communityId,
      kind: 'alert',
      key: `alert:${alert.id}`,
      text: `【安全提醒】${ALERT_TYPE_LABELS[alert.type] ?? alert.title}${where ? `：${where}` : ''}。${ALERT_ADVICE[alert.type] ?? '请大家注意安全。'}`,
      ref: `alert:${alert.id}`,
    });
  }

  /** A public-safety alert the group heard about was resolved: tell the group it is over. */
  async onAlertUpdated(alert: AlertView, change: string): Promise<void> {
    if (change !== 'resolve' || alert.audience !== 'public') return;
    const id = String(alert._id);
    const where = alertWhere(alert);
    await this.enqueue({
      communityId: alert.communityId,
      kind: 'alert',
      key: `alert:${id}:resolved`,
      text: `【安全提醒解除】${ALERT_TYPE_LABELS[alert.type] ?? '安全提醒'}${where ? `（${where}）` : ''}已处理完毕，感谢大家配合。`,
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

function alertWhere(a: { location?: { building?: string; text?: string } }): string {
  return a.location?.text || a.location?.building || '';
}
