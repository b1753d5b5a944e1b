// Atomic per-community sequences (ticket numbers and the like) on one findOneAndUpdate each.
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { isDuplicateKey } from '../db/connection';

interface CounterDoc {
  _id: string;
  seq: number;
}

const CounterSchema = new Schema<CounterDoc>({ _id: String, seq: { type: Number, required: true } }, { versionKey: false });

/** Numbers reserved per database round trip: ticket creation must not queue behind one counter update each. */
const BLOCK = 20;

export class CounterRepository {
  private readonly model: Model<CounterDoc>;
  private readonly blocks = new Map<string, Promise<{ next: number; end: number }>>();
  constructor(conn: Connection) {
    this.model = conn.models.Counter ?? conn.model<CounterDoc>('Counter', CounterSchema, 'counters');
  }

  /**
   * Next number of a sequence (hi/lo): this process reserves BLOCK numbers at a time with one atomic $inc and
   * hands them out in order. Numbers are unique across processes; numbers reserved but unused when the
   * process stops are skipped, so a restart can leave a gap.
   */
  async next(name: string, communityId: string): Promise<number> {
    const key = `${communityId}:${name}`;
    for (;;) {
      let block = this.blocks.get(key);
      if (!block) {
        block = this.reserve(key, BLOCK).then((end) => ({ next: end - BLOCK + 1, end }));
        this.blocks.set(key, block);
        block.catch(() => this.blocks.delete(key));
      }
      const b = await block;
      if (b.next <= b.end) return b.next++;
      if (this.blocks.get(key) === block) this.blocks.delete(key);
    }
  }

  private async reserve(_id: string, size: number): Promise<number> {
    // Two first-ever upserts can race on the same _id; the loser retries against the now-existing doc.
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.model
          .findOneAndUpdate({ _id }, { $inc: { seq: size } }, { upsert: true, new: true })
          .lean<CounterDoc>();
        return doc!.seq;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }
}
