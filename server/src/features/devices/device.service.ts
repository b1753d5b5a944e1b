// Device registry: register with a one-time key, rotate keys, enable/disable, and authenticate ingestion.
import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import type { DeviceCreate, DeviceDto, DeviceKeyDto, DevicePatch, DeviceQuery, Principal } from '@linli/contracts';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { AppError, notFound } from '../../core/errors';
import type { ResidentsApi } from '../residents/resident.service';
import { mosquittoHash, type BrokerAccount } from './device.broker';
import type { DeviceDoc } from './device.model';
import { DeviceRepository } from './device.repository';

/** The device record as other features see it (ingestion reads kind, wearer, location). */
export type { DeviceDoc };

/**
 * Devices stay in memory; the registry's change counter is read at most this often, and a change drops them all. This
 * bounds how late another node sees a rotation or a disable, at one read a second instead of one per event.
 */
export const REGISTRY_CHECK_MS = 1_000;
/** A backstop for changes made behind the registry's back (by hand in the database). */
const CACHE_MS = 10 * 60_000;
/** lastSeenAt is a hint for the panel: kept in memory and written in small background batches, never on the event path. */
export const TOUCH_FLUSH_MS = 30_000;
const TOUCH_BATCH = 100;

export const hashKey = (key: string) => crypto.createHash('sha256').update(key, 'utf8').digest('hex');
const newKey = () => `lk_${crypto.randomBytes(24).toString('base64url')}`;

export type DeviceAuthFailure = 'unknown_device' | 'bad_key' | 'disabled';

/** What other features may ask of the device registry: ingestion authenticates (by key, or by the broker's word) and touches, care lists a wearer's devices. */
export type DevicesApi = Pick<DeviceService, 'authenticate' | 'identify' | 'touch' | 'byWearers' | 'speakers'>;

export class DeviceService {
  private readonly repo: DeviceRepository;
  private readonly cache = new Map<string, { doc: DeviceDoc; at: number }>();
  /** The registry's change counter as last read, when that read started, and how many changes this node has seen (see cached). */
  private registry: { version?: number; checkedAt: number; changes: number; reading?: Promise<void> } = { checkedAt: 0, changes: 0 };
  /** Last time each device was heard from and not yet written (device id → community, time). */
  private readonly seen = new Map<string, { communityId: string; at: Date }>();

  /** Called after every change to who may log in to the broker (register, rotate, enable, disable); set by the face. */
  onAccountsChanged: () => Promise<void> = async () => undefined;

  constructor(
    conn: Connection,
    private readonly residents: ResidentsApi,
  ) {
    this.repo = new DeviceRepository(conn);
  }

  /** The broker's account list: every enabled device with a broker password. */
  async brokerAccounts(): Promise<BrokerAccount[]> {
    return (await this.repo.brokerAccounts()).map((d) => ({ deviceId: String(d._id), communityId: d.communityId, mqttHash: d.mqttHash!, kind: d.kind }));
  }

  async dto(d: DeviceDoc): Promise<DeviceDto> {
    let wearerName: string | undefined;
    if (d.wearerResidentId) wearerName = (await this.residents.byId(d.communityId, d.wearerResidentId))?.name;
    return {
      id: String(d._id),
      communityId: d.communityId,
      kind: d.kind,
      name: d.name,
      location: d.location ?? {},
      wearerResidentId: d.wearerResidentId,
      wearerName,
      ...(d.kind === 'speaker' ? { zones: d.zones ?? [] } : {}),
      enabled: d.enabled,
      keyRotatedAt: d.keyRotatedAt.toISOString(),
      lastSeenAt: (this.seen.get(String(d._id))?.at ?? d.lastSeenAt)?.toISOString(),
      createdAt: d.createdAt.toISOString(),
    };
  }

  async create(p: Principal, input: DeviceCreate): Promise<DeviceKeyDto> {
    if (input.wearerResidentId) await this.residents.get(p.communityId, input.wearerResidentId);
    const key = newKey();
    const doc = await this.repo.insert({
      communityId: p.communityId,
      kind: input.kind,
      name: input.name,
      location: input.location ?? {},
      wearerResidentId: input.wearerResidentId,
      ...(input.kind === 'speaker' ? { zones: input.zones ?? [] } : {}),
      keyHash: hashKey(key),
      mqttHash: mosquittoHash(key),
      keyRotatedAt: new Date(),
      enabled: true,
    });
    await this.onAccountsChanged();
    return { id: String(doc._id), key, device: await this.dto(doc) };
  }

  async get(communityId: string, id: string): Promise<DeviceDoc> {
    const d = await this.repo.byId(communityId, id);
    if (!d) throw notFound('设备');
    return d;
  }

  async list(communityId: string, q: DeviceQuery) {
    const items = await this.repo.list(communityId, { kind: q.kind, wearer: q.wearer, beforeId: decodeCursor(q.cursor), limit: q.limit });
    return {
      items: await Promise.all(items.map((d) => this.dto(d))),
      nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null,
    };
  }

  async patch(communityId: string, id: string, input: DevicePatch): Promise<DeviceDoc> {
    const d = await this.get(communityId, id);
    if (input.wearerResidentId) {
      if (d.kind !== 'wristband') throw new AppError('VALIDATION', '只有手环可以指定佩戴人');
      await this.residents.get(communityId, input.wearerResidentId);
    }
    if (input.zones && d.kind !== 'speaker') throw new AppError('VALIDATION', '只有广播音柱可以设置覆盖楼栋');
    const updated = await this.repo.update(communityId, id, input as Partial<DeviceDoc>);
    await this.changed(id);
    return updated!;
  }

  /** New key, old one stops working at once (on this node; others within REGISTRY_CHECK_MS). */
  async rotateKey(communityId: string, id: string): Promise<DeviceKeyDto> {
    await this.get(communityId, id);
    const key = newKey();
    const updated = await this.repo.update(communityId, id, { keyHash: hashKey(key), mqttHash: mosquittoHash(key), keyRotatedAt: new Date() });
    await this.changed(id);
    await this.onAccountsChanged();
    return { id, key, device: await this.dto(updated!) };
  }

  async setEnabled(communityId: string, id: string, enabled: boolean): Promise<DeviceDoc> {
    await this.get(communityId, id);
    const updated = await this.repo.update(communityId, id, { enabled });
    await this.changed(id);
    await this.onAccountsChanged();
    return updated!;
  }

  /** Checks a device key; the device's community comes from its own record, never from the caller. */
  async authenticate(deviceId: string, key: string): Promise<DeviceDoc | DeviceAuthFailure> {
    const doc = await this.cached(deviceId);
    if (!doc) return 'unknown_device';
    const a = Buffer.from(doc.keyHash, 'hex');
    const b = Buffer.from(hashKey(key), 'hex');
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return 'bad_key';
    if (!doc.enabled) return 'disabled';
    return doc;
  }

  /**
   * A device the broker already authenticated (its own account, an ACL that lets it publish only to its own topic):
   * the topic names it, no key is needed.
   */
  async identify(deviceId: string): Promise<DeviceDoc | Exclude<DeviceAuthFailure, 'bad_key'>> {
    const doc = await this.cached(deviceId);
    if (!doc) return 'unknown_device';
    if (!doc.enabled) return 'disabled';
    return doc;
  }

  private async cached(deviceId: string): Promise<DeviceDoc | null> {
    await this.checkRegistry();
    const entry = this.cache.get(deviceId);
    if (entry && Date.now() - entry.at <= CACHE_MS) return entry.doc;
    const changes = this.registry.changes;
    const doc = await this.repo.byIdAnyCommunity(deviceId);
    if (!doc) {
      this.cache.delete(deviceId);
      return null;
    }
    // Read before a change this node has learnt of meanwhile: possibly the old record, so used once and not kept.
    if (changes === this.registry.changes) {
      if (this.cache.size >= 50_000) this.cache.clear();
      this.cache.set(deviceId, { doc, at: Date.now() });
    }
    return doc;
  }

  /**
   * Drops every cached device when the registry's counter moved (one read, shared by concurrent callers, at most every
   * REGISTRY_CHECK_MS). The time kept is when the read *started*: a change committed during it is caught by the next one.
   */
  private async checkRegistry(): Promise<void> {
    const r = this.registry;
    if (!r.reading && Date.now() - r.checkedAt < REGISTRY_CHECK_MS) return;
    r.reading ??= (async () => {
      const started = Date.now();
      try {
        const version = await this.repo.version();
        if (version !== r.version) {
          r.version = version;
          r.changes++;
          this.cache.clear();
        }
        r.checkedAt = started;
      } finally {
        r.reading = undefined;
      }
    })();
    await r.reading;
  }

  /** After a change that bears on authentication: forgotten here at once, and the counter moved for the other nodes. */
  private async changed(id: string): Promise<void> {
    this.cache.delete(id);
    this.registry.changes++;
    await this.repo.bumpVersion();
  }

  /** Records that the device was heard from (in memory; the face's interval runs flushSeen). */
  touch(d: DeviceDoc, at = new Date()): void {
    this.seen.set(String(d._id), { communityId: d.communityId, at });
  }

  /** Writes a bounded batch of lastSeenAt values, so a burst of events never turns into a burst of device writes. */
  async flushSeen(limit = TOUCH_BATCH): Promise<void> {
    for (const [id, v] of [...this.seen].slice(0, limit)) {
      this.seen.delete(id);
      await this.repo.touch(v.communityId, id, v.at).catch(() => undefined);
    }
  }

  /** A community's speakers (the broadcast feature's targets), with their zones and enabled flag. */
  speakers(communityId: string) {
    return this.repo.speakers(communityId);
  }

  byWearers(communityId: string, residentIds: string[]) {
    return this.repo.byWearers(communityId, residentIds);
  }
}
