// Finished tickets from before (a community's earlier 报修 records, the demo's months of history): stored as they happened — their own dates, deadlines and ratings — and numbered in order.
import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { Address, Reporter, TicketCategory, TicketChannel } from '@linli/contracts';
import type { CounterRepository } from '../../core/counters';
import type { ServiceClockApi } from '../service-clock/service-clock.service';
import type { TicketDoc, TimelineEntry } from './ticket.model';
import type { TicketRepository } from './ticket.repository';

export interface HistoricalTicket {
  category: TicketCategory;
  description: string;
  location?: Address;
  channel: TicketChannel;
  reporter: Reporter;
  createdAt: Date;
  /** 签收: when staff took it on. */
  signedAt: Date;
  resolvedAt: Date;
  /** Who took it on and finished it. */
  handler: { id: string; name: string };
  note?: string;
  rating?: { score: number; comment?: string; at: Date };
}

interface Deps {
  repo: TicketRepository;
  counters: Pick<CounterRepository, 'next'>;
  clock: Pick<ServiceClockApi, 'deadlines'>;
  ticketPrefix: string;
}

/** An ObjectId of that moment (lists page and sort by _id), unique by its random tail. */
const idAt = (at: Date) => new Types.ObjectId(Math.floor(at.getTime() / 1000).toString(16).padStart(8, '0') + crypto.randomBytes(8).toString('hex'));

/** Stores the records oldest first; each must be finished (created ≤ signed ≤ resolved, rated after). Answers the stored tickets. */
export async function importHistory(d: Deps, communityId: string, records: HistoricalTicket[]): Promise<TicketDoc[]> {
  const sorted = [...records].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  // All checked before any is stored: a bad record changes nothing.
  const bad = sorted.find((r) => !(r.createdAt <= r.signedAt && r.signedAt <= r.resolvedAt && r.resolvedAt.getTime() <= Date.now() && (!r.rating || r.resolvedAt <= r.rating.at)));
  if (bad) throw new Error(`historical ticket out of order or in the future: ${bad.description}`);
  const out: TicketDoc[] = [];
  for (const r of sorted) {
    const seq = await d.counters.next('ticket', communityId);
    const dl = await d.clock.deadlines(communityId, r.category, r.createdAt);
    const reporterActor: TimelineEntry['actor'] = r.reporter.residentId ? { kind: 'resident', id: r.reporter.residentId, name: r.reporter.name } : { kind: 'staff', id: r.handler.id, name: r.handler.name };
    const staff: TimelineEntry['actor'] = { kind: 'staff', id: r.handler.id, name: r.handler.name };
    const timeline: TimelineEntry[] = [
      { kind: 'created', at: r.createdAt, actor: reporterActor, to: 'submitted' },
      { kind: 'assigned', at: r.signedAt, actor: staff, from: 'submitted', to: 'assigned', assigneeId: r.handler.id, assigneeName: r.handler.name },
      { kind: 'started', at: new Date(Math.min(r.resolvedAt.getTime(), r.signedAt.getTime() + 10 * 60_000)), actor: staff, from: 'assigned', to: 'in_progress' },
      { kind: 'resolved', at: r.resolvedAt, actor: staff, from: 'in_progress', to: 'resolved', ...(r.note ? { note: r.note } : {}) },
    ];
    if (r.rating) timeline.push({ kind: 'rated', at: r.rating.at, actor: reporterActor, score: r.rating.score, ...(r.rating.comment ? { note: r.rating.comment } : {}) });
    out.push(
      await d.repo.insert({
        _id: idAt(r.createdAt),
        createdAt: r.createdAt,
        communityId,
        no: `${d.ticketPrefix}-${String(seq).padStart(6, '0')}`,
        category: r.category,
        title: r.description.slice(0, 30),
        description: r.description,
        ...(r.location ? { location: r.location } : {}),
        attachments: [],
        channel: r.channel,
        reporter: r.reporter,
        status: 'resolved',
        assigneeId: r.handler.id,
        assigneeName: r.handler.name,
        slaDueAt: dl.finishDueAt,
        signDueAt: dl.signDueAt,
        signedAt: r.signedAt,
        resolvedAt: r.resolvedAt,
        urgeCount: 0,
        timeline,
        ...(r.rating ? { rating: { score: r.rating.score, ...(r.rating.comment ? { comment: r.rating.comment } : {}) }, revisit: { status: 'done' as const, answeredAt: r.rating.at, solved: r.rating.score >= 3 } } : {}),
      }),
    );
  }
  return out;
}
