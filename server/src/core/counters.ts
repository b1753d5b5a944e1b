// Atomic per-community sequences (ticket numbers and the like) on one findOneAndUpdate each.
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { isDuplicateKey } from '../db/connection';

interface CounterDoc {
  _id: string;
  seq: number;
}

const CounterSchema = new Schema<CounterDoc>({ _id: String, seq: { type: Number, required: true } }, { versionKey: false });

export class CounterRepository {
  private readonly model: Model<CounterDoc>;
  constructor(conn: Connection) {
    this.model = conn.models.Counter ?? conn.model<CounterDoc>('Counter', CounterSchema, 'counters');
  }

  async next(name: string, communityId: string): Promise<number> {
    const _id = `${communityId}:${name}`;
    // Two first-ever upserts can race on the same _id; the loser retries against the now-existing doc.
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.model
          .findOneAndUpdate({ _id }, { $inc: { seq: 1 } }, { upsert: true, new: true })
          .lean<CounterDoc>();
        return doc!.seq;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }
}
