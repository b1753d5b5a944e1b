// The registry's audit log: who revealed whose phone number and who changed whose WeChat binding, when (never the values).
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { ResidentAuditDto, StaffPrincipal } from '@linli/contracts';
import { scoped } from '../../db/scope';

export interface ResidentAuditDoc {
  _id: Types.ObjectId;
  communityId: string;
  at: Date;
  action: ResidentAuditDto['action'];
  residentId: string;
  residentName: string;
  actor: { id: string; name: string; roles: string[] };
  fields?: string[];
}

const ResidentAuditSchema = new Schema<ResidentAuditDoc>(
  {
    communityId: { type: String, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    residentId: { type: String, required: true },
    residentName: { type: String, required: true },
    actor: { id: String, name: String, roles: [String] },
    fields: { type: [String], default: undefined },
  },
  { versionKey: false },
);
ResidentAuditSchema.index({ communityId: 1, residentId: 1 });

/** A staff member, or the WeChat contact that redeemed a bind code (id 'wechat', no roles). */
export type AuditActor = Pick<StaffPrincipal, 'communityId' | 'id' | 'name'> & { roles: readonly string[] };

export class ResidentAudit {
  private readonly model: Model<ResidentAuditDoc>;
  constructor(conn: Connection) {
    this.model =
      (conn.models.ResidentAudit as Model<ResidentAuditDoc>) ?? conn.model<ResidentAuditDoc>('ResidentAudit', ResidentAuditSchema, 'resident_audit');
  }

  /** Written before the revealed number or the change goes out, so nothing is shown unaudited. */
  async record(p: AuditActor, action: ResidentAuditDto['action'], r: { _id: Types.ObjectId; name: string }, fields?: string[]): Promise<void> {
    await this.model.create({
      communityId: p.communityId,
      at: new Date(),
      action,
      residentId: String(r._id),
      residentName: r.name,
      actor: { id: p.id, name: p.name, roles: [...p.roles] },
      ...(fields ? { fields } : {}),
    });
  }

  async list(communityId: string, q: { residentId?: string; beforeId?: string; limit: number }): Promise<ResidentAuditDto[]> {
    const f: Record<string, unknown> = {};
    if (q.residentId) f.residentId = q.residentId;
    if (q.beforeId) f._id = { $lt: new Types.ObjectId(q.beforeId) };
    const docs = await this.model.find(scoped<ResidentAuditDoc>(communityId, f)).sort({ _id: -1 }).limit(q.limit).lean<ResidentAuditDoc[]>();
    return docs.map((d) => ({
      id: String(d._id),
      at: d.at.toISOString(),
      action: d.action,
      residentId: d.residentId,
      residentName: d.residentName,
      actor: d.actor,
      ...(d.fields ? { fields: d.fields } : {}),
    }));
  }
}
