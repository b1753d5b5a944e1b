// Questions the bot waits on (「请问是几号楼几单元？」, 「要帮您登记…吗？」): pending per conversation and sender, journaled in the
// data dir so an answer after a bot restart still reaches the same report.
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter } from '@linli/contracts';
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

/** Questions the bot is waiting on, per conversation key, journaled whole in one small JSON file of the data dir. */
export class PendingJournal<T> {
  private readonly file: string;
  private items: Record<string, T & { expiresAt: number }> = {};

  constructor(
    dir: string,
    name: string,
    private readonly ttlMs: number,
  ) {
    this.file = path.join(dir, name);
    try {
      this.items = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, T & { expiresAt: number }>;
    } catch {
      this.items = {}; // none yet, or unreadable: at worst a question goes unanswered
    }
  }

  put(key: string, value: T, now = Date.now()): void {
    this.items[key] = { ...value, expiresAt: now + this.ttlMs };
    this.save(now);
  }

  pending(key: string, now = Date.now()): (T & { expiresAt: number }) | undefined {
    const a = this.items[key];
    return a && a.expiresAt > now ? a : undefined;
  }

  done(key: string): void {
    if (!(key in this.items)) return;
    delete this.items[key];
    this.save();
  }

  /** Written whole (small: only questions of the last minutes) through a temp file, so a crash never leaves half a file. */
  private save(now = Date.now()): void {
    for (const [k, v] of Object.entries(this.items)) if (v.expiresAt <= now) delete this.items[k];
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.items));
    fs.renameSync(tmp, this.file);
  }
}

export class PlaceAsks extends PendingJournal<Omit<PendingAsk, 'expiresAt'>> {
  constructor(dir: string, ttlMs = ASK_PLACE_TTL_MS) {
    super(dir, 'place-asks.json', ttlMs);
  }

  ask(key: string, ticket: { id: string; no: string }, now = Date.now()): void {
    this.put(key, { ticketId: ticket.id, ticketNo: ticket.no }, now);
  }
}

/** An overheard report from a sender nobody is bound to waits for 「是」 this long. */
export const CONFIRM_TTL_MS = 10 * 60 * 1000;

export interface PendingConfirm {
  text: string;
  reporter: Reporter;
  reply: Conversation;
  /** The idempotency key of the message that was overheard (a 「是」 sent twice files one ticket). */
  key: string;
}

/** 「要帮您登记「…」吗？回复「是」登记」: listen mode asks a sender who is not bound before filing what it overheard. */
export class ReportConfirms extends PendingJournal<PendingConfirm> {
  constructor(dir: string, ttlMs = CONFIRM_TTL_MS) {
    super(dir, 'report-confirms.json', ttlMs);
  }
}
