// Device event ingestion shared by both paths (HTTP webhook and MQTT): validate, authenticate, reject replays, turn events into alerts, count everything.
import {
  ALERT_TYPE_LABELS,
  DEFAULT_HEART_RATE,
  DEVICE_EVENT_TYPES,
  DEVICE_KIND_EVENTS,
  DeviceEvent,
  INGEST_OUTCOMES,
  INGEST_REJECTIONS,
  MqttDeviceEvent,
  type AlertType,
  type IngestOutcome,
  type IngestRejection,
  type IngestResult,
  type IngestStatsDto,
} from '@linli/contracts';
import type { ZodError } from 'zod';
import type { Bus } from '../events';
import { AppError, zodDetails } from '../../core/errors';
import type { Logger } from '../../logger';
import type { CareDirectoryApi } from '../care/care.directory';
import type { DeviceDoc, DevicesApi } from '../devices/device.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { AlertRepository } from './alert.repository';
import { ahead, type AlertService, type SlotLookup } from './alert.service';

export type IngestPath = 'http' | 'mqtt';

type ParsedEvent = { eventId: string; type: DeviceEvent['type']; at: string; data: DeviceEvent['data'] };

const REJECT_STATUS: Record<IngestRejection, { code: AppError['code']; message: string }> = {
  malformed: { code: 'VALIDATION', message: '事件格式不正确' },
  unknown_device: { code: 'UNAUTHORIZED', message: '设备认证失败' },
  bad_key: { code: 'UNAUTHORIZED', message: '设备认证失败' },
  disabled: { code: 'FORBIDDEN', message: '设备已停用' },
  type_not_allowed: { code: 'VALIDATION', message: '该设备不能上报此类事件' },
  stale: { code: 'VALIDATION', message: '事件时间超出允许范围' },
  replay: { code: 'CONFLICT', message: '重复的事件（已处理过）' },
  failed: { code: 'UNAVAILABLE', message: '事件处理失败，请稍后重试' },
};

export class IngestRejected extends AppError {
  constructor(
    readonly reason: IngestRejection,
    details?: unknown,
  ) {
    super(REJECT_STATUS[reason].code, REJECT_STATUS[reason].message, { reason, ...(details ? { issues: details } : {}) });
  }
}

/** Seen event ids are pruned this often (see pruneSeen). */
export const PRUNE_SEEN_MS = 10 * 60_000;
/** Counters are written this often (see flush). */
export const FLUSH_STATS_MS = 1000;

export interface IngestDeps {
  alerts: Pick<AlertService, 'raise' | 'slotOf'>;
  /** Seen event ids and counters: this feature's own repository. */
  repo: AlertRepository;
  devices: DevicesApi;
  residents: ResidentsApi;
  /** Heart-rate limits per resident (from the care profile); whether the wearer is away (住院、走亲戚). */
  care: Pick<CareDirectoryApi, 'heartRateFor' | 'awayAt'>;
  bus: Bus;
  log: Logger;
  defaultCommunityId: string;
  dedupeWindowMs: number;
  maxSkewMs: number;
  /**
   * The broker authenticates devices (accounts and ACL kept by the devices feature): an MQTT topic names its publisher, so a
   * payload needs no key. Without it (a development broker) the payload must carry the key.
   */
  brokerAuthenticates: boolean;
}

/** Event types that usually raise or count an alert: their incident's slot is looked up ahead (see process). */
const LOOKUP_SLOT: ReadonlySet<string> = new Set(DEVICE_EVENT_TYPES.filter((t) => t !== 'heartbeat' && t !== 'heart_rate'));

/** Ran once the device is known and before its event is claimed: a refusal here leaves the event id free for a retry. */
export type AfterAuth = (device: DeviceDoc) => void;

/** Rejections that come before a caller has proved who it is: counted against its source address by the webhook. */
export const UNAUTHENTICATED_REJECTIONS: ReadonlySet<IngestRejection> = new Set(['malformed', 'unknown_device', 'bad_key']);

export class AlertIngest {
  /** Counts not yet written to the database, per community (flushed every second by the face's interval, and at stop). */
  private pending = new Map<string, Record<string, number>>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly d: IngestDeps) {}

  /** Seen event ids older than the timestamp window can go: such an old event is rejected as stale anyway. */
  async pruneSeen(): Promise<void> {
    await this.d.repo.pruneSeen(new Date(Date.now() - 2 * this.d.maxSkewMs - 60_000)).catch(() => undefined);
  }

  // ---- the two entry points ------------------------------------------------------------

  /** HTTP: the key comes from `Authorization: Bearer`, the device id from the body. */
  async ingestHttp(key: string | undefined, raw: unknown, communityHint?: string, afterAuth?: AfterAuth): Promise<IngestResult> {
    const hintCid = communityHint && /^[a-z0-9-]{2,32}$/.test(communityHint) ? communityHint : this.d.defaultCommunityId;
    const parsed = DeviceEvent.safeParse(raw);
    if (!parsed.success) throw this.reject(hintCid, 'http', 'malformed', zodDetails(parsed.error as ZodError));
    if (!key) throw this.reject(hintCid, 'http', 'bad_key');
    return this.process('http', hintCid, parsed.data.deviceId, key, parsed.data, undefined, afterAuth);
  }

  /** MQTT: the device id comes from the topic (the broker vouches for it), a key only on a broker without accounts. Never throws: failures are counted and logged. */
  async ingestMqtt(topicCommunityId: string, topicDeviceId: string, payload: Buffer): Promise<IngestResult | IngestRejection> {
    try {
      if (payload.length > 16 * 1024) throw this.reject(topicCommunityId, 'mqtt', 'malformed', [{ path: '', message: '消息过大' }]);
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch {
        throw this.reject(topicCommunityId, 'mqtt', 'malformed', [{ path: '', message: 'JSON 无法解析' }]);
      }
      const parsed = MqttDeviceEvent.safeParse(json);
      if (!parsed.success) throw this.reject(topicCommunityId, 'mqtt', 'malformed', zodDetails(parsed.error as ZodError));
      if (!/^[0-9a-f]{24}$/i.test(topicDeviceId) || (parsed.data.deviceId && parsed.data.deviceId !== topicDeviceId))
        throw this.reject(topicCommunityId, 'mqtt', 'malformed', [{ path: 'deviceId', message: '设备编号与主题不一致' }]);
      const { key } = parsed.data;
      if (!key && !this.d.brokerAuthenticates) throw this.reject(topicCommunityId, 'mqtt', 'bad_key');
      return await this.process('mqtt', topicCommunityId, topicDeviceId, key, parsed.data, topicCommunityId);
    } catch (err) {
      if (err instanceof IngestRejected) return err.reason;
      this.d.log.error({ err }, 'mqtt event failed');
      return 'failed';
    }
  }

  // ---- shared pipeline ------------------------------------------------------------------

  /** `key` undefined: the broker authenticated the publisher of this device's topic. */
  private async process(
    path: IngestPath, hintCid: string, deviceId: string, key: string | undefined, ev: ParsedEvent, requireCid?: string, afterAuth?: AfterAuth,
  ): Promise<IngestResult> {
    const auth = key === undefined ? await this.d.devices.identify(deviceId) : await this.d.devices.authenticate(deviceId, key);
    if (typeof auth === 'string') throw this.reject(hintCid, path, auth);
    const device = auth;
    const cid = device.communityId;
    // A device may only publish under its own community's topic.
    if (requireCid && requireCid !== cid) throw this.reject(hintCid, path, 'unknown_device');
    afterAuth?.(device);
    if (!DEVICE_KIND_EVENTS[device.kind].includes(ev.type)) throw this.reject(cid, path, 'type_not_allowed');
    const at = new Date(ev.at);
    if (Math.abs(Date.now() - at.getTime()) > this.d.maxSkewMs) throw this.reject(cid, path, 'stale');
    const claim = this.d.repo.claimEvent(cid, deviceId, ev.eventId, new Date());
    // The incident's open alert is looked up while the event id is claimed (one round trip less before the alert is
    // counted or stored); a replay simply does not use the answer. Heartbeats and readings mostly raise nothing: not asked.
    const slot = LOOKUP_SLOT.has(ev.type) ? ahead(this.d.alerts.slotOf(cid, `${deviceId}:${ev.type}`)) : undefined;
    if (!(await claim)) throw this.reject(cid, path, 'replay');
    this.d.devices.touch(device);
    let result: IngestResult;
    try {
      result = await this.handle(path, device, ev, at, slot);
    } catch (err) {
      // Give the event id back, so the device's retry of this same event is processed rather than called a replay.
      await this.d.repo.unclaimEvent(deviceId, ev.eventId).catch(() => undefined);
      this.d.log.error({ err, deviceId, eventId: ev.eventId }, 'device event failed');
      throw this.reject(cid, path, 'failed');
    }
    this.count(cid, `${path}.accepted.${result.outcome}`);
    return result;
  }

  private async handle(path: IngestPath, device: DeviceDoc, ev: ParsedEvent, at: Date, slot?: Promise<SlotLookup>): Promise<IngestResult> {
    const deviceId = String(device._id);
    const wearer = device.wearerResidentId;
    if (ev.type === 'heartbeat') {
      if (wearer) this.d.bus.emit('device.heartbeat', { communityId: device.communityId, deviceId, residentId: wearer, at });
      return { outcome: 'recorded' };
    }
    if (ev.type === 'heart_rate') {
      const value = Number(ev.data.value);
      const limits = wearer ? await this.d.care.heartRateFor(device.communityId, wearer) : DEFAULT_HEART_RATE;
      if (value >= limits.min && value <= limits.max) {
        // A normal reading proves the wristband is worn: it counts as a sign of life.
        if (wearer) this.d.bus.emit('device.heartbeat', { communityId: device.communityId, deviceId, residentId: wearer, at });
        return { outcome: 'recorded' };
      }
      ev = { ...ev, data: { ...ev.data, min: limits.min, max: limits.max } };
    }
    // A wristband gone quiet while its wearer is in hospital or visiting family (left at home) needs nobody to go and look.
    if (ev.type === 'device_offline' && wearer && (await this.d.care.awayAt(device.communityId, wearer))) return { outcome: 'recorded' };
    const type = ev.type as AlertType;
    const { alert, created } = await this.d.alerts.raise({
      communityId: device.communityId,
      type,
      source: path,
      dedupeKey: `${deviceId}:${type}`,
      windowMs: this.d.dedupeWindowMs,
      at,
      data: ev.data,
      sourceEventId: ev.eventId,
      // A failed lookup is not the event's failure: raise then asks again itself.
      slot: slot ? await slot.catch(() => undefined) : undefined,
      residentId: wearer && type !== 'device_offline' ? wearer : undefined,
      describe: async () => {
        const label = ALERT_TYPE_LABELS[type];
        if (wearer && type !== 'device_offline') {
          const r = await this.d.residents.byId(device.communityId, wearer);
          const subject = r
            ? { residentId: wearer, name: r.name, building: r.building, unit: r.unit, room: r.room }
            : { residentId: wearer, name: '未知居民' };
          const home = r ? `${r.building ?? ''}${r.unit ?? ''}${r.room ?? ''}` : '';
          return { title: `${subject.name}${home ? `（${home}）` : ''} ${label}`, subject, deviceId, deviceName: device.name };
        }
        const where = device.location?.text ?? device.location?.building ?? device.name;
        return { title: `${where} ${label}`, location: device.location, deviceId, deviceName: device.name };
      },
    });
    return { outcome: created ? 'raised' : 'deduplicated', alertId: String(alert._id), count: alert.count };
  }

  // ---- counters -------------------------------------------------------------------------

  private reject(cid: string, path: IngestPath, reason: IngestRejection, details?: unknown): IngestRejected {
    this.count(cid, `${path}.rejected.${reason}`);
    return new IngestRejected(reason, details);
  }

  private count(cid: string, key: string) {
    let c = this.pending.get(cid);
    if (!c) this.pending.set(cid, (c = {}));
    c[key] = (c[key] ?? 0) + 1;
  }

  flush(): Promise<void> {
    // Chained so two flushes never write the same counts twice.
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending;
      if (!batch.size) return;
      this.pending = new Map();
      for (const [cid, inc] of batch) {
        try {
          await this.d.repo.addStats(cid, inc);
        } catch (err) {
          this.d.log.warn({ err }, 'ingest stats flush failed');
          const again = this.pending.get(cid) ?? {};
          for (const [k, v] of Object.entries(inc)) again[k] = (again[k] ?? 0) + v;
          this.pending.set(cid, again);
        }
      }
    });
    return this.flushing;
  }

  async stats(communityId: string, mqtt: IngestStatsDto['mqtt']): Promise<IngestStatsDto> {
    await this.flush();
    const doc = await this.d.repo.getStats(communityId);
    const counts = (doc?.counts ?? {}) as unknown as Record<string, Record<string, Record<string, number>>>;
    const paths = ['http', 'mqtt'] as const;
    const pick = <K extends string>(path: string, group: string, keys: readonly K[]) =>
      Object.fromEntries(keys.map((k) => [k, counts[path]?.[group]?.[k] ?? 0])) as Record<K, number>;
    return {
      communityId,
      accepted: Object.fromEntries(paths.map((p) => [p, pick<IngestOutcome>(p, 'accepted', INGEST_OUTCOMES)])) as IngestStatsDto['accepted'],
      rejected: Object.fromEntries(paths.map((p) => [p, pick<IngestRejection>(p, 'rejected', INGEST_REJECTIONS)])) as IngestStatsDto['rejected'],
      mqtt,
    };
  }
}
