// The absence calendar's persistence (care_absences): one document per stay away, days inclusive; every query scoped to one community.
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { AbsenceReason } from '@linli/contracts';
import { scoped } from '../../db/scope';

export interface CareAbsenceDoc {
  _id: Types.ObjectId;
  communityId: string;
  residentId: string;
  /** "YYYY-MM-DD" Shanghai days, inclusive: string order is day order. */
  from: string;
  to: string;
  reason: AbsenceReason;
  note?: string;
  createdBy: { kind: string; id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
}

const CareAbsenceSchema = new Schema<CareAbsenceDoc>(
  {
    communityId: { type: String, required: true },
    residentId: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    reason: { type: String, required: true },
    note: String,
    createdBy: { kind: String, id: String, name: String },
  },
  { timestamps: true, versionKey: false },
);
CareAbsenceSchema.index({ communityId: 1, residentId: 1, from: 1 });
CareAbsenceSchema.index({ communityId: 1, to: 1 });

export class CareAbsenceRepository {
  private readonly model: Model<CareAbsenceDoc>;
  constructor(conn: Connection) {
    this.model = (conn.models.CareAbsence as Model<CareAbsenceDoc>) ?? conn.model<CareAbsenceDoc>('CareAbsence', CareAbsenceSchema, 'care_absences');
  }

  async insert(doc: Omit<CareAbsenceDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<CareAbsenceDoc> {
    return (await this.model.create(doc)).toObject();
  }

  byId(communityId: string, residentId: string, id: string) {
    return this.model.findOne(scoped<CareAbsenceDoc>(communityId, { _id: new Types.ObjectId(id), residentId })).lean<CareAbsenceDoc>();
  }

  /** Her absences, latest first. */
  ofResident(communityId: string, residentId: string) {
    return this.model.find(scoped<CareAbsenceDoc>(communityId, { residentId })).sort({ from: -1 }).lean<CareAbsenceDoc[]>();
  }

  /** Everyone away on `day` (an absence covers it when from ≤ day ≤ to). */
  coveringDay(communityId: string, day: string) {
    return this.model.find(scoped<CareAbsenceDoc>(communityId, { from: { $lte: day }, to: { $gte: day } })).lean<CareAbsenceDoc[]>();
  }

  covering(communityId: string, residentId: string, day: string) {
    return this.model.findOne(scoped<CareAbsenceDoc>(communityId, { residentId, from: { $lte: day }, to: { $gte: day } })).lean<CareAbsenceDoc>();
  }

  update(communityId: string, residentId: string, id: string, set: Partial<CareAbsenceDoc>, unset: string[]) {
    const u: Record<string, unknown> = { $set: set };
    if (unset.length) u.$unset = Object.fromEntries(unset.map((k) => [k, 1]));
    return this.model.findOneAndUpdate(scoped<CareAbsenceDoc>(communityId, { _id: new Types.ObjectId(id), residentId }), u, { new: true }).lean<CareAbsenceDoc>();
  }

  async remove(communityId: string, residentId: string, id: string): Promise<CareAbsenceDoc | null> {
    return this.model.findOneAndDelete(scoped<CareAbsenceDoc>(communityId, { _id: new Types.ObjectId(id), residentId })).lean<CareAbsenceDoc>();
  }
}
