// Asking back for the place (「请问是几号楼几单元？」) after a report that named none from someone not bound: pending questions per
// conversation and sender, journaled in the data dir so an answer after a bot restart still reaches the same ticket.
import fs from 'node:fs';
import path from 'node:path';
import type { Conversation } from '../../context';

export interface PendingAsk {
  ticketId: string;
  ticketNo: string;
  expiresAt: number;
}

/** How long the bot waits for the answer; later, a place is taken for a new message like any other. */
export const ASK_PLACE_TTL_MS = 10 * 60 * 1000;
export const ASK_PLACE_TEXT = '请问是几号楼几单元？直接回复楼号就行，例如：3号楼2单元';

/** The same key the intake rate-limits by: one question per sender and conversation (a room, or the private chat). */
export const conversationKey = (to: Pick<Conversation, 'roomId' | 'contactId'>) => `${to.roomId ?? 'dm'}:${to.contactId ?? ''}`;

export class PlaceAsks {
  private readonly file: string;
  private asks: Record<string, PendingAsk> = {};

  constructor(
    dir: string,
    private readonly ttlMs = ASK_PLACE_TTL_MS,
  ) {
    this.file = path.join(dir, 'place-asks.json');
    try {
      this.asks = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, PendingAsk>;
    } catch {
      this.asks = {}; // none yet, or unreadable: at worst a question goes unanswered
    }
  }

  ask(key: string, ticket: { id: string; no: string }, now = Date.now()): void {
    this.asks[key] = { ticketId: ticket.id, ticketNo: ticket.no, expiresAt: now + this.ttlMs };
    this.save(now);
  }

  pending(key: string, now = Date.now()): PendingAsk | undefined {
    const a = this.asks[key];
    return a && a.expiresAt > now ? a : undefined;
  }

  done(key: string): void {
    if (!(key in this.asks)) return;
    delete this.asks[key];
    this.save();
  }

  /** Written whole (small: only questions of the last minutes) through a temp file, so a crash never leaves half a file. */
  private save(now = Date.now()): void {
    for (const [k, v] of Object.entries(this.asks)) if (v.expiresAt <= now) delete this.asks[k];
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.asks));
    fs.renameSync(tmp, this.file);
  }
}
