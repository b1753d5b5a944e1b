// Door-knock rows (notice_door_knocks): one per household left on an urgent notice's visit list, with its check-off; unique per notice and household.
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { DoorKnockOutcome, DoorKnockReason } from '@linli/contracts';
import { scoped } from '../../db/scope';
import { isOnlyDuplicateKeys } from '../../db/connection';

export interface DoorKnockVisitEntry {
  outcome: DoorKnockOutcome;
  note?: string;
  at: Date;
  by: { id: string; name: string };
}

export interface DoorKnockDoc {
  _id: Types.ObjectId;
  communityId: string;
  noticeId: Types.ObjectId;
  /** `building|unit|room`: the household as the receipts name it. */
  household: string;
  building: string;
  unit: string;
  room: string;
  reason: DoorKnockReason;
  people: { residentId: string; name: string; phone?: string }[];
  createdAt: Date;
  visit?: DoorKnockVisitEntry;
  /** Every check-off, oldest first (a second visit after 不在家 keeps the first). */
  visits: DoorKnockVisitEntry[];
}

const Visit = new Schema<DoorKnockVisitEntry>({ outcome: String, note: String, at: Date, by: { id: String, name: String } }, { _id: false });

const DoorKnockSchema = new Schema<DoorKnockDoc>(
  {
    communityId: { type: String, required: true },
    noticeId: { type: Schema.Types.ObjectId, required: true },
    household: { type: String, required: true },
    building: String,
    unit: String,
    room: String,
    reason: { type: String, required: true },
    people: { type: [new Schema({ residentId: String, name: String, phone: String }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
    visit: { type: Visit, default: undefined },
    visits: { type: [Visit], default: [] },
  },
  { versionKey: false },
);
// Re-firing the timer (after a restart) inserts only what is missing.
DoorKnockSchema.index({ noticeId: 1, household: 1 }, { unique: true });
DoorKnockSchema.index({ communityId: 1, noticeId: 1, building: 1 });

export const householdKey = (h: { building: string; unit: string; room: string }) => `${h.building}|${h.unit}|${h.room}`;

export class DoorKnockRepository {
  private readonly model: Model<DoorKnockDoc>;
  constructor(conn: Connection) {
    this.model = (conn.models.NoticeDoorKnock as Model<DoorKnockDoc>) ?? conn.model<DoorKnockDoc>('NoticeDoorKnock', DoorKnockSchema, 'notice_door_knocks');
  }

  async insertMissing(docs: Omit<DoorKnockDoc, '_id'>[]): Promise<void> {
    if (!docs.length) return;
    try {
      await this.model.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isOnlyDuplicateKeys(err)) throw err;
    }
  }

  list(communityId: string, noticeId: string, buildings: string[] | null) {
    const f: Record<string, unknown> = { noticeId: new Types.ObjectId(noticeId) };
    if (buildings) f.building = { $in: buildings };
    return this.model.find(scoped<DoorKnockDoc>(communityId, f)).lean<DoorKnockDoc[]>();
  }

  one(communityId: string, noticeId: string, household: string) {
    return this.model.findOne(scoped<DoorKnockDoc>(communityId, { noticeId: new Types.ObjectId(noticeId), household })).lean<DoorKnockDoc>();
  }

  check(communityId: string, id: Types.ObjectId, v: DoorKnockVisitEntry) {
    return this.model.findOneAndUpdate(scoped<DoorKnockDoc>(communityId, { _id: id }), { $set: { visit: v }, $push: { visits: v } }, { new: true }).lean<DoorKnockDoc>();
  }
}
