// Care programme (关爱): profiles of residents living alone / empty-nest / very old, one check-in record per resident per day, and the health-data audit log.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { CareAuditAction, CareProfileDto, CheckinSource, EmergencyContact, QuietHours } from '@linli/contracts';

/** The stored profile: the contract's own fields (the resident's name, home and devices are joined in; times as Date), plus whether it is active. */
export interface CareProfileDoc
  extends Pick<CareProfileDto, 'communityId' | 'residentId' | 'livingSituation' | 'emergencyContacts' | 'gridWorkerId' | 'health' | 'checkinDeadline' | 'checkinEnabled'> {
  _id: Types.ObjectId;
  active: boolean;
  /** Absent on profiles made before quiet hours existed: the default applies (see quietOf). */
  quietHours?: QuietHours;
  createdAt: Date;
  updatedAt: Date;
}

const ContactSchema = new Schema<EmergencyContact>({ name: String, relation: String, phone: String }, { _id: false });

const CareProfileSchema = new Schema<CareProfileDoc>(
  {
    communityId: { type: String, required: true },
    residentId: { type: String, required: true },
    livingSituation: { type: String, required: true },
    emergencyContacts: { type: [ContactSchema], default: [] },
    gridWorkerId: String,
    health: {
      notes: String,
      conditions: { type: [String], default: undefined },
      medications: { type: [String], default: undefined },
      heartRate: { min: Number, max: Number },
    },
    checkinDeadline: { type: String, required: true },
    checkinEnabled: { type: Boolean, default: true },
    quietHours: { type: { start: String, end: String }, _id: false, default: undefined },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, versionKey: false },
);
CareProfileSchema.index({ communityId: 1, residentId: 1 }, { unique: true });
CareProfileSchema.index({ communityId: 1, _id: -1 });

export interface CheckinEntry {
  at: Date;
  source: CheckinSource;
  by?: { kind: string; id?: string; name: string };
  note?: string;
}

/** _id = `<communityId>:<residentId>:<YYYY-MM-DD>` (Asia/Shanghai day): one record per resident per day. */
export interface CheckinDoc {
  _id: string;
  communityId: string;
  residentId: string;
  day: string;
  checkedInAt?: Date;
  source?: CheckinSource;
  entries: CheckinEntry[];
  missedAt?: Date;
  missedAlertId?: string;
}

const CheckinSchema = new Schema<CheckinDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    residentId: { type: String, required: true },
    day: { type: String, required: true },
    checkedInAt: Date,
    source: String,
    entries: {
      type: [new Schema<CheckinEntry>({ at: Date, source: String, by: { kind: String, id: String, name: String }, note: String }, { _id: false })],
      default: [],
    },
    missedAt: Date,
    missedAlertId: String,
  },
  { versionKey: false },
);
CheckinSchema.index({ communityId: 1, day: 1 });

export interface CareAuditDoc {
  _id: Types.ObjectId;
  communityId: string;
  at: Date;
  actor: { id: string; name: string; roles: string[] };
  action: CareAuditAction;
  residentId: string;
  residentName?: string;
  via: string;
  detail?: string;
}

const CareAuditSchema = new Schema<CareAuditDoc>(
  {
    communityId: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { id: String, name: String, roles: [String] },
    action: { type: String, required: true },
    residentId: { type: String, required: true },
    residentName: String,
    via: { type: String, required: true },
    detail: String,
  },
  { versionKey: false },
);
CareAuditSchema.index({ communityId: 1, _id: -1 });
CareAuditSchema.index({ communityId: 1, residentId: 1, _id: -1 });

export function careProfileModel(conn: Connection): Model<CareProfileDoc> {
  return (conn.models.CareProfile as Model<CareProfileDoc>) ?? conn.model<CareProfileDoc>('CareProfile', CareProfileSchema, 'care_profiles');
}

export function checkinModel(conn: Connection): Model<CheckinDoc> {
  return (conn.models.CareCheckin as Model<CheckinDoc>) ?? conn.model<CheckinDoc>('CareCheckin', CheckinSchema, 'care_checkins');
}

export function careAuditModel(conn: Connection): Model<CareAuditDoc> {
  return (conn.models.CareAudit as Model<CareAuditDoc>) ?? conn.model<CareAuditDoc>('CareAudit', CareAuditSchema, 'care_audit');
}
