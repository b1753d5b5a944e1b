// GridFS storage for uploads (photos, voice, vouchers) in the same database, with ownership metadata.
import type { Connection } from 'mongoose';
import { mongo, Types } from 'mongoose';
import type { Readable } from 'node:stream';

export interface UploadMeta {
  communityId: string;
  /** system: made by the server itself (a broadcast's synthesized speech). */
  ownerKind: 'staff' | 'resident' | 'bot' | 'system';
  ownerId: string;
  mime: string;
  kind: string;
  originalName?: string;
  /** Residents besides the owner who may fetch it (e.g. the reporter of the ticket it is attached to). */
  residentIds: string[];
  public: boolean;
  /**
   * False from upload until a feature attaches it (a ticket, post, notice, voucher, wish item); orphan cleanup deletes
   * files still false after the grace period. Files stored before this field existed lack it and are never cleaned.
   */
  attached?: boolean;
}

export interface UploadFile {
  _id: Types.ObjectId;
  length: number;
  uploadDate: Date;
  metadata: UploadMeta;
}

export class UploadRepository {
  private readonly bucket: mongo.GridFSBucket;
  private readonly files: mongo.Collection;
  private readonly chunks: mongo.Collection;
  constructor(conn: Connection) {
    this.bucket = new mongo.GridFSBucket(conn.db!, { bucketName: 'uploads' });
    this.files = conn.db!.collection('uploads.files');
    this.chunks = conn.db!.collection('uploads.chunks');
  }

  save(data: Buffer, filename: string, metadata: UploadMeta): Promise<Types.ObjectId> {
    return new Promise((resolve, reject) => {
      const stream = this.bucket.openUploadStream(filename, { metadata });
      stream.once('error', reject);
      stream.once('finish', () => resolve(stream.id as Types.ObjectId));
      stream.end(data);
    });
  }

  async get(communityId: string, id: string): Promise<UploadFile | null> {
    return (await this.files.findOne({ _id: new Types.ObjectId(id), 'metadata.communityId': communityId })) as UploadFile | null;
  }

  async many(communityId: string, ids: string[]): Promise<UploadFile[]> {
    if (!ids.length) return [];
    return (await this.files
      .find({ _id: { $in: ids.map((i) => new Types.ObjectId(i)) }, 'metadata.communityId': communityId })
      .toArray()) as unknown as UploadFile[];
  }

  async share(communityId: string, ids: string[], with_: { residentIds?: string[]; public?: boolean }) {
    if (!ids.length) return;
    const update: Record<string, unknown> = {};
    if (with_.residentIds?.length) update.$addToSet = { 'metadata.residentIds': { $each: with_.residentIds } };
    if (with_.public) update.$set = { 'metadata.public': true };
    if (!Object.keys(update).length) return;
    await this.files.updateMany(
      { _id: { $in: ids.map((i) => new Types.ObjectId(i)) }, 'metadata.communityId': communityId },
      update,
    );
  }

  /** Marks files attached (so orphan cleanup keeps them); answers how many of them still exist. */
  async markAttached(communityId: string, ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const r = await this.files.updateMany(
      { _id: { $in: ids.map((i) => new Types.ObjectId(i)) }, 'metadata.communityId': communityId },
      { $set: { 'metadata.attached': true } },
    );
    return r.matchedCount;
  }

  /** Deletes up to `max` files never attached and uploaded before `before`; answers how many went. */
  async deleteOrphans(before: Date, max: number): Promise<number> {
    const orphans = await this.files
      .find({ 'metadata.attached': false, uploadDate: { $lt: before } }, { projection: { _id: 1 } })
      .limit(max)
      .toArray();
    let deleted = 0;
    for (const { _id } of orphans) {
      // Conditional on still being unattached: a file attached since the find above stays.
      const r = await this.files.deleteOne({ _id, 'metadata.attached': false });
      if (!r.deletedCount) continue;
      await this.chunks.deleteMany({ files_id: _id });
      deleted += 1;
    }
    return deleted;
  }

  open(id: Types.ObjectId): Readable {
    return this.bucket.openDownloadStream(id);
  }
}
