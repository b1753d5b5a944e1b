// Devices that report events (cameras, sensors, wristbands); the secret key is stored only as a hash.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { DeviceDto } from '@linli/contracts';

/** The stored device: the contract's fields (times as Date, no derived wearerName), plus the key hash the API never shows. */
export interface DeviceDoc extends Omit<DeviceDto, 'id' | 'wearerName' | 'keyRotatedAt' | 'lastSeenAt' | 'createdAt'> {
  _id: Types.ObjectId;
  /** sha256 of the key: keys are 192-bit random, so a fast hash is enough and keeps ingestion cheap. */
  keyHash: string;
  /** The same key in Mosquitto's password-file format (the device's broker password); absent on devices registered before broker accounts. */
  mqttHash?: string;
  keyRotatedAt: Date;
  lastSeenAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const DeviceSchema = new Schema<DeviceDoc>(
  {
    communityId: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    location: { building: String, text: String },
    wearerResidentId: String,
    zones: { type: [String], default: undefined },
    keyHash: { type: String, required: true },
    mqttHash: String,
    keyRotatedAt: { type: Date, required: true },
    enabled: { type: Boolean, default: true },
    lastSeenAt: Date,
  },
  { timestamps: true, versionKey: false },
);
DeviceSchema.index({ communityId: 1, _id: -1 });
DeviceSchema.index({ communityId: 1, wearerResidentId: 1 });

export function deviceModel(conn: Connection): Model<DeviceDoc> {
  return (conn.models.Device as Model<DeviceDoc>) ?? conn.model<DeviceDoc>('Device', DeviceSchema, 'devices');
}

/**
 * The registry's change counter (one document, `_id: 'auth'`): every change that bears on authenticating a device (rotate,
 * enable, disable, a new wearer or kind) moves it, so each node can keep devices in memory and drop them when it moves.
 */
export interface DeviceRegistryDoc {
  _id: string;
  version: number;
}
const DeviceRegistrySchema = new Schema<DeviceRegistryDoc>({ _id: String, version: { type: Number, required: true } }, { versionKey: false });

export function deviceRegistryModel(conn: Connection): Model<DeviceRegistryDoc> {
  return (conn.models.DeviceRegistry as Model<DeviceRegistryDoc>) ?? conn.model<DeviceRegistryDoc>('DeviceRegistry', DeviceRegistrySchema, 'device_registry');
}
