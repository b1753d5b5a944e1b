// Residents and their households (one door plate = one household).
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ResidentDto, WechatRelation } from '@linli/contracts';

/** The door plate and birth year a WeChat sign-up lacks until staff register them (the DTO shows them as '' and 0). */
type Registered = 'birthYear' | 'building' | 'unit' | 'room';

/** The stored resident: the contract's fields, with the household as an ObjectId and the registry fields optional until registration. */
export interface ResidentDoc extends Omit<ResidentDto, 'id' | 'householdId' | 'wechatContacts' | Registered>, Partial<Pick<ResidentDto, Registered>> {
  _id: Types.ObjectId;
  householdId?: Types.ObjectId;
  /** WeChat contacts bound to her (herself, family members); `wechatId` mirrors the self contact for older readers. */
  wechatContacts?: WechatContactDoc[];
  /** Every bound contact id (self and family): the one field the bot's lookups query. */
  wechatIds?: string[];
  /** false for someone who logged in through WeChat but is not in the registry yet. */
  verified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface WechatContactDoc {
  id: string;
  contactId: string;
  relation: WechatRelation;
  name?: string;
  boundAt: Date;
  via: 'code' | 'admin';
}

export interface HouseholdDoc {
  _id: Types.ObjectId;
  communityId: string;
  building: string;
  unit: string;
  room: string;
}

const ResidentSchema = new Schema<ResidentDoc>(
  {
    communityId: { type: String, required: true },
    householdId: { type: Schema.Types.ObjectId },
    name: { type: String, required: true },
    phone: String,
    birthYear: Number,
    building: String,
    unit: String,
    room: String,
    tags: { type: [String], default: [] },
    openid: String,
    wechatName: String,
    wechatId: String,
    wechatContacts: {
      type: [{ _id: false, id: String, contactId: String, relation: String, name: String, boundAt: Date, via: String }],
      default: undefined,
    },
    wechatIds: { type: [String], default: undefined },
    channels: { type: [String], default: ['feed', 'push', 'group'] },
    verified: { type: Boolean, default: true },
  },
  { timestamps: true, versionKey: false },
);
ResidentSchema.index({ communityId: 1, openid: 1 });
ResidentSchema.index({ communityId: 1, building: 1 });
ResidentSchema.index({ communityId: 1, wechatName: 1 });
ResidentSchema.index({ communityId: 1, wechatId: 1 });
ResidentSchema.index({ communityId: 1, wechatIds: 1 });

const HouseholdSchema = new Schema<HouseholdDoc>(
  {
    communityId: { type: String, required: true },
    building: { type: String, required: true },
    unit: { type: String, required: true },
    room: { type: String, required: true },
  },
  { versionKey: false },
);
HouseholdSchema.index({ communityId: 1, building: 1, unit: 1, room: 1 }, { unique: true });

export function residentModel(conn: Connection): Model<ResidentDoc> {
  return (conn.models.Resident as Model<ResidentDoc>) ?? conn.model<ResidentDoc>('Resident', ResidentSchema, 'residents');
}

export function householdModel(conn: Connection): Model<HouseholdDoc> {
  return (conn.models.Household as Model<HouseholdDoc>) ?? conn.model<HouseholdDoc>('Household', HouseholdSchema, 'households');
}
