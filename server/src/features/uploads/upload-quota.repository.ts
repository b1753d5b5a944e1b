// Daily upload allowance per account (files and bytes per Shanghai day), reserved atomically before a file is stored.
import type { Connection } from 'mongoose';
import type { mongo } from 'mongoose';
import { isDuplicateKey } from '../../db/connection';

interface QuotaDoc {
  _id: string;
  day: string;
  files: number;
  bytes: number;
}

export class UploadQuotaRepository {
  private readonly col: mongo.Collection<QuotaDoc>;
  constructor(conn: Connection) {
    this.col = conn.db!.collection<QuotaDoc>('upload_quota');
  }

  /**
   * Counts one more file of `size` bytes against the account's day if it still fits; false when it does not.
   * One conditional upsert: when the filter misses because the day is used up, the upsert collides on _id (duplicate key).
   */
  async reserve(account: string, day: string, size: number, limit: { files: number; bytes: number }): Promise<boolean> {
    if (size > limit.bytes) return false;
    const _id = `${account}:${day}`;
    // Two first uploads of the day racing: the loser's upsert collides although the day has room, so it tries once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.col.updateOne(
          { _id, files: { $lt: limit.files }, bytes: { $lte: limit.bytes - size } },
          { $inc: { files: 1, bytes: size }, $setOnInsert: { day } },
          { upsert: true },
        );
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    return false;
  }

  /** Days before `day` are no longer counted against anyone. */
  async pruneBefore(day: string): Promise<void> {
    await this.col.deleteMany({ day: { $lt: day } });
  }
}
