// 绑定 codes (issue 14): six digits staff hand to a resident or her family, stored only as a keyed hash, valid once for a short while.
import crypto from 'node:crypto';
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { WechatRelation } from '@linli/contracts';
import { scoped } from '../../db/scope';

export interface BindCodeDoc {
  _id: Types.ObjectId;
  communityId: string;
  residentId: string;
  relation: WechatRelation;
  /** HMAC-SHA256 of community and code under a server secret: a database copy alone does not give the codes away. */
  codeHash: string;
  expiresAt: Date;
  createdAt: Date;
  createdBy: { id: string; name: string };
  usedAt?: Date;
}

const BindCodeSchema = new Schema<BindCodeDoc>(
  {
    communityId: { type: String, required: true },
    residentId: { type: String, required: true },
    relation: { type: String, required: true },
    codeHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { id: String, name: String },
    usedAt: Date,
  },
  { versionKey: false },
);
BindCodeSchema.index({ communityId: 1, codeHash: 1 });
BindCodeSchema.index({ communityId: 1, residentId: 1 });

export class BindCodes {
  private readonly model: Model<BindCodeDoc>;
  constructor(
    conn: Connection,
    private readonly secret: string,
  ) {
    this.model = (conn.models.ResidentBindCode as Model<BindCodeDoc>) ?? conn.model<BindCodeDoc>('ResidentBindCode', BindCodeSchema, 'resident_bind_codes');
  }

  hash(communityId: string, code: string): string {
    return crypto.createHmac('sha256', this.secret).update(`linli-bind-code:${communityId}:${code}`).digest('hex');
  }

  /**
   * A fresh code for one resident: her earlier unused codes and every expired code of the community go, and a code
   * is never issued while the same digits are live for someone else (so a redemption always names one resident).
   */
  async issue(communityId: string, residentId: string, relation: WechatRelation, ttlMs: number, by: { id: string; name: string }): Promise<{ code: string; expiresAt: Date }> {
    const now = new Date();
    await this.model.deleteMany(scoped<BindCodeDoc>(communityId, { $or: [{ residentId, usedAt: { $exists: false } }, { expiresAt: { $lte: now } }] }));
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      const codeHash = this.hash(communityId, code);
      if (await this.model.exists(scoped<BindCodeDoc>(communityId, { codeHash, usedAt: { $exists: false }, expiresAt: { $gt: now } }))) continue;
      const expiresAt = new Date(now.getTime() + ttlMs);
      await this.model.create({ communityId, residentId, relation, codeHash, expiresAt, createdAt: now, createdBy: by });
      return { code, expiresAt };
    }
    throw new Error('could not find a free bind code');
  }

  /** The live code with these digits, without using it up (so a refused binding does not burn the code). */
  live(communityId: string, code: string, now = new Date()): Promise<BindCodeDoc | null> {
    return this.model
      .findOne(scoped<BindCodeDoc>(communityId, { codeHash: this.hash(communityId, code), usedAt: { $exists: false }, expiresAt: { $gt: now } }))
      .lean<BindCodeDoc>();
  }

  /** Uses up a live code (one conditional update: two senders racing get one winner); null when there is none. */
  redeem(communityId: string, code: string, now = new Date()): Promise<BindCodeDoc | null> {
    return this.model
      .findOneAndUpdate(
        scoped<BindCodeDoc>(communityId, { codeHash: this.hash(communityId, code), usedAt: { $exists: false }, expiresAt: { $gt: now } }),
        { $set: { usedAt: now } },
        { new: true },
      )
      .lean<BindCodeDoc>();
  }
}
