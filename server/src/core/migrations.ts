// Versioned data migrations run at start, before anything serves: each once per database, in id order, by whichever node claims it first.
import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger';

export interface Migration {
  /** Unique and sortable — the order they run in, e.g. `2026-12-01-tickets-keywords`. Never renamed once released. */
  id: string;
  description: string;
  /** Must be idempotent (conditional updates): a node that dies half-way leaves it to run again from the start. */
  up(conn: Connection): Promise<void>;
}

interface MigrationDoc {
  _id: string;
  state: 'running' | 'done';
  owner: string;
  leaseUntil: Date;
  description: string;
  startedAt: Date;
  finishedAt?: Date;
}

// FerretDB reports a duplicate _id on insert as 11000 and some unique violations as 1 (see DESIGN.md).
const isDuplicate = (err: unknown) => [11000, 1].includes((err as { code?: number })?.code ?? -1);

/**
 * Runs the migrations not yet done, in id order, and answers the ids this call ran. A migration another node is
 * running is waited for; one whose node died (lease over) is taken over. A failure removes its claim (the next start
 * retries it) and rejects, so the server does not serve data half-migrated: it exits and its supervisor retries.
 */
export async function runMigrations(conn: Connection, migrations: readonly Migration[], log: Logger, opts: { leaseMs?: number; pollMs?: number } = {}): Promise<string[]> {
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const pollMs = opts.pollMs ?? 500;
  const ids = migrations.map((m) => m.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`migration id ${dup} is declared twice`);
  const col = conn.db!.collection<MigrationDoc>('migrations');
  const owner = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const ran: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    for (;;) {
      const doc = await col.findOne({ _id: m.id });
      if (doc?.state === 'done') break;
      const now = new Date();
      const claim = { state: 'running' as const, owner, leaseUntil: new Date(now.getTime() + leaseMs), startedAt: now, description: m.description };
      if (!doc) {
        try {
          await col.insertOne({ _id: m.id, ...claim });
        } catch (err) {
          if (isDuplicate(err)) continue; // another node claimed it first
          throw err;
        }
      } else if (doc.leaseUntil.getTime() < now.getTime()) {
        const taken = await col.updateOne({ _id: m.id, owner: doc.owner, state: 'running' }, { $set: claim });
        if (!taken.modifiedCount) continue;
        log.warn({ migration: m.id, previousOwner: doc.owner }, 'migration taken over from a node that stopped during it');
      } else {
        await new Promise((r) => setTimeout(r, pollMs)); // another node is running it
        continue;
      }
      const started = Date.now();
      log.info({ migration: m.id, description: m.description }, 'migration running');
      try {
        await m.up(conn);
      } catch (err) {
        await col.deleteOne({ _id: m.id, owner });
        throw new Error(`migration ${m.id} failed: ${(err as Error).message}`, { cause: err });
      }
      await col.updateOne({ _id: m.id, owner }, { $set: { state: 'done', finishedAt: new Date() } });
      log.info({ migration: m.id, ms: Date.now() - started }, 'migration done');
      ran.push(m.id);
      break;
    }
  }
  return ran;
}
