// Timer persistence: atomic claim with a lease, so exactly one node fires each due job.
import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';
import { insertBatched } from '../../db/insert-batch';
import { timerModel, type TimerDoc } from './timer.model';

export class TimerRepository {
  private readonly model: Model<TimerDoc>;
  constructor(conn: Connection) {
    this.model = timerModel(conn);
  }

  async upsert(t: { key: string; communityId: string; kind: string; fireAt: Date; payload: Record<string, unknown> }) {
    // Most timers are new (one per ticket): a plain insert needs no update lock, group-committed with the timers armed at
    // the same moment (db/insert-batch.ts); an existing key is replaced.
    try {
      await insertBatched(this.model, { _id: t.key, communityId: t.communityId, kind: t.kind, fireAt: t.fireAt, payload: t.payload, status: 'pending', attempts: 0 });
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await this.model
      .findOneAndUpdate(
        { _id: t.key },
        {
          $set: { communityId: t.communityId, kind: t.kind, fireAt: t.fireAt, payload: t.payload, status: 'pending', attempts: 0 },
          $unset: { leaseOwner: 1, leaseUntil: 1, lastError: 1, firedAt: 1 },
        },
        { upsert: true },
      )
      .lean<TimerDoc>();
  }

  /** Stores a timer unless one with this key exists in any state (a boot never moves or revives a deadline); true when stored. */
  async insertIfAbsent(t: { key: string; communityId: string; kind: string; fireAt: Date; payload: Record<string, unknown> }): Promise<boolean> {
    try {
      await this.model.create({ _id: t.key, communityId: t.communityId, kind: t.kind, fireAt: t.fireAt, payload: t.payload, status: 'pending', attempts: 0 });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async cancel(key: string): Promise<boolean> {
    const r = await this.model.updateOne({ _id: key, status: 'pending' }, { $set: { status: 'cancelled' } });
    return r.modifiedCount > 0;
  }

  async get(key: string) {
    return this.model.findById(key).lean<TimerDoc>();
  }

  /** Pending timers, plus running ones whose node died (lease expired). */
  async armable(): Promise<TimerDoc[]> {
    return this.model
      .find({ $or: [{ status: 'pending' }, { status: 'running', leaseUntil: { $lt: new Date() } }] })
      .lean<TimerDoc[]>();
  }

  async due(now: Date): Promise<TimerDoc[]> {
    return this.model
      .find({
        $or: [
          { status: 'pending', fireAt: { $lte: now } },
          { status: 'running', leaseUntil: { $lt: now } },
        ],
      })
      .limit(500)
      .lean<TimerDoc[]>();
  }

  /** Takes the job if it is due and nobody holds it; null means another node (or an earlier fire) has it. */
  async claim(key: string, owner: string, leaseMs: number): Promise<TimerDoc | null> {
    const now = new Date();
    return this.model
      .findOneAndUpdate(
        {
          _id: key,
          $or: [
            { status: 'pending', fireAt: { $lte: now } },
            { status: 'running', leaseUntil: { $lt: now } },
          ],
        },
        { $set: { status: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { new: true },
      )
      .lean<TimerDoc>();
  }

  async complete(key: string, owner: string) {
    await this.model.updateOne(
      { _id: key, status: 'running', leaseOwner: owner },
      { $set: { status: 'done', firedAt: new Date() }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
  }

  async retryLater(key: string, owner: string, fireAt: Date, error: string) {
    await this.model.updateOne(
      { _id: key, status: 'running', leaseOwner: owner },
      { $set: { status: 'pending', fireAt, lastError: error.slice(0, 500) }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
  }
}
