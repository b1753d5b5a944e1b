// Broadcasts: speech made once and stored as an upload, plays on persisted timers, quiet hours, a per-speaker queue, and every speaker's outcome in the delivery ledger.
import type { Types } from 'mongoose';
import {
  alertAudience,
  zoneLabel,
  type AlertDto,
  type AlertType,
  type BroadcastCreate,
  type BroadcastDto,
  type BroadcastPreviewDto,
  type BroadcastQuery,
  type BroadcastSettingsDto,
  type BroadcastSource,
  type BroadcastZones,
  type SpeakerDeliveryDto,
  type SpeakerDto,
  type SpeakerPlayCommand,
  type SpeakerStatusMessage,
  type StaffPrincipal,
} from '@linli/contracts';
import { Coalescer } from '../../core/coalesce';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import type { Logger } from '../../logger';
import type { DevicesApi } from '../devices/device.service';
import type { SpeakerLedgerApi, SpeakerDeliveryDoc } from '../notifications/notifications.external';
import type { UploadsApi } from '../uploads/upload.service';
import type { BroadcastDoc } from './broadcast.model';
import type { BroadcastRepository } from './broadcast.repository';
import { alertSpeech, alertUrgent, alertZones, noticeSpeech, noticeZones, quietUntil, speakerInZones } from './broadcast.rules';
import type { SpeakerTransport } from './broadcast.transport';
import type { Synthesizer } from './broadcast.tts';

export const PLAY_TIMER_KIND = 'broadcast.play';
export const playKey = (broadcastId: string, play: number) => `broadcast:${broadcastId}:${play}`;

/** A recording of unknown length (a browser's webm) holds its speaker's queue this long per repeat. */
const UNKNOWN_AUDIO_MS = 30_000;
/** Silence between two announcements on one speaker. */
const GAP_MS = 2000;
/** While the broker is unreachable a due play is tried again this often, for up to BROKER_PATIENCE_MS after its time. */
export const BROKER_RETRY_MS = 15_000;
const BROKER_PATIENCE_MS = 30 * 60_000;
/** Play commands in flight at once (each waits for the broker's PUBACK). */
const SEND_CONCURRENCY = 32;
/** A raised alert's announcement waits at most this long for the others raised with it (an announcement takes seconds anyway). */
const ALERT_WINDOW_MS = 25;

export interface BroadcastDeps {
  repo: BroadcastRepository;
  scheduler: Scheduler;
  log: Logger;
  tts: Synthesizer;
  transport: SpeakerTransport;
  uploads: UploadsApi;
  devices: Pick<DevicesApi, 'speakers' | 'identify' | 'touch'>;
  ledger: SpeakerLedgerApi;
  quietHours: string;
  /** Where speakers fetch audio: the server as they reach it (no trailing slash). */
  audioBase: string;
}

/** A notice as published (the notices feature's event): only what a broadcast needs. */
export interface PublishedNotice {
  _id: Types.ObjectId;
  communityId: string;
  title: string;
  body: string;
  category: string;
  audience: { all?: boolean; buildings?: string[] };
  channels: readonly string[];
}

export type BroadcastsApi = Pick<BroadcastService, 'fromNotice' | 'fromAlert'>;

export class BroadcastService {
  /** One dispatch at a time per community (two broadcasts never read a speaker's queue end together), one ack at a time per speaker. */
  private readonly dispatching = new Map<string, Promise<unknown>>();
  /** Length of the previews made here (upload id → ms): publishing one queues its speakers for exactly that long. */
  private readonly previewMs = new Map<string, number>();
  /** A storm's raised alerts are announced together: their checks and inserts one statement each (core/coalesce.ts). */
  private readonly alertWindow = new Coalescer(ALERT_WINDOW_MS);
  /** Alert id → its announcement still being made (a resolution waits for it, so it can cancel it). */
  private readonly announcing = new Map<string, Promise<void>>();

  constructor(private readonly d: BroadcastDeps) {}

  // ---- making broadcasts ---------------------------------------------------------------------

  /** Synthesizes for the composer's preview: staff hear it before publishing, and the same audio is played (no second synthesis). */
  async preview(p: StaffPrincipal, text: string): Promise<BroadcastPreviewDto> {
    const speech = await this.synthesize(text);
    const up = await this.d.uploads.save(p, speech.wav, 'broadcast-preview.wav', 'audio/wav');
    this.previewMs.set(up.id, speech.durationMs);
    if (this.previewMs.size > 1000) this.previewMs.delete(this.previewMs.keys().next().value!);
    return { audioId: up.id, url: up.url, mime: up.mime, durationMs: speech.durationMs };
  }

  async create(p: StaffPrincipal, input: BroadcastCreate): Promise<BroadcastDoc> {
    this.checkZones(p, input.zones);
    const now = Date.now();
    const times = (input.times ?? [new Date(now).toISOString()]).map((t) => new Date(t));
    // A minute of grace for clocks and slow forms; anything older is a mistake, not "now".
    if (times.some((t) => t.getTime() < now - 60_000)) throw new AppError('VALIDATION', '播放时间不能早于现在', [{ path: 'times', message: '播放时间不能早于现在' }]);
    let audio: BroadcastDoc['audio'];
    let source: BroadcastSource = 'staff';
    if (input.audioId) {
      const [file] = await this.d.uploads.requireAttachable(p, [input.audioId]);
      if (!file || file.metadata.kind !== 'audio') throw new AppError('VALIDATION', '请选择音频文件', [{ path: 'audioId', message: '不是音频文件' }]);
      // A preview of this very text is TTS; anything else the staff member recorded is a 喊话.
      source = file.metadata.originalName === 'broadcast-preview.wav' && input.text ? 'staff' : 'live';
      // A recording's length (or a preview made before a restart) is not known here: its speakers are held for a conservative slot.
      const ms = this.previewMs.get(input.audioId);
      audio = { id: input.audioId, mime: file.metadata.mime, ...(ms ? { durationMs: ms } : {}) };
    } else {
      const speech = await this.synthesize(input.text!);
      const up = await this.d.uploads.saveSystem(p.communityId, speech.wav, 'broadcast.wav', 'broadcast');
      audio = { id: up.id, mime: up.mime, durationMs: speech.durationMs };
    }
    const b = await this.d.repo.insert({
      communityId: p.communityId,
      source,
      status: 'scheduled',
      text: input.text ?? '',
      zones: input.zones,
      urgent: input.urgent,
      repeat: input.repeat,
      audio,
      plays: times.sort((a, b) => a.getTime() - b.getTime()).map((at) => ({ at, status: 'waiting' as const })),
      createdBy: { id: p.id, name: p.name },
    });
    await this.armPlays(b);
    return b;
  }

  /** A notice published with the broadcast channel: its title and text in its buildings (or the whole estate), now. */
  async fromNotice(n: PublishedNotice): Promise<void> {
    if (!n.channels.includes('broadcast')) return;
    const noticeId = String(n._id);
    if (await this.d.repo.bySubject(n.communityId, { noticeId })) return;
    const b = await this.d.repo.insert({
      communityId: n.communityId,
      source: 'notice',
      status: 'scheduled',
      text: noticeSpeech(n),
      zones: noticeZones(n.audience),
      urgent: n.category === '紧急',
      repeat: n.category === '紧急' ? 2 : 1,
      plays: [{ at: new Date(), status: 'waiting' }],
      noticeId,
      createdBy: { name: '社区通知' },
    });
    await this.armPlays(b);
  }

  /**
   * A public-safety alert announces itself in its zone: at once for the types an admin chose, otherwise it waits as `pending`
   * for one tap. Personal alerts (sos, fall, heart rate, missed check-in) never reach a speaker.
   */
  async fromAlert(a: AlertDto): Promise<void> {
    if (alertAudience(a.type) !== 'public' || a.audience !== 'public') return;
    const text = alertSpeech(a);
    if (!text) return;
    if (await this.d.repo.bySubject(a.communityId, { alertId: a.id })) return;
    const auto = (await this.d.repo.cachedSettings(a.communityId)).autoAlertTypes.includes(a.type);
    const urgent = alertUrgent(a.type);
    const b = await this.d.repo.insert({
      communityId: a.communityId,
      source: 'alert',
      status: auto ? 'scheduled' : 'pending',
      text,
      zones: alertZones(a),
      urgent,
      repeat: urgent ? 2 : 1,
      plays: [{ at: new Date(), status: 'waiting' }],
      alertId: a.id,
      createdBy: { name: auto ? '自动播报' : '告警' },
    });
    if (auto) await this.armPlays(b);
  }

  /** alert.raised: fromAlert with the other alerts raised within the window. */
  announce(a: AlertDto): Promise<void> {
    const p = this.alertWindow.run(() => this.fromAlert(a));
    this.announcing.set(a.id, p);
    void p.catch(() => undefined).finally(() => this.announcing.get(a.id) === p && this.announcing.delete(a.id));
    return p;
  }

  /** An alert resolved before anyone tapped: its announcement is no longer news (a played one stays in the ledger). */
  async onAlertResolved(communityId: string, alertId: string): Promise<void> {
    await this.announcing.get(alertId)?.catch(() => undefined);
    const b = await this.d.repo.bySubject(communityId, { alertId });
    if (!b || b.status !== 'pending') return;
    await this.d.repo.setStatus(communityId, b._id, ['pending'], { status: 'cancelled', failure: '告警已解决，无需播报' });
  }

  /** The one tap: a pending alert announcement plays now. */
  async confirm(p: StaffPrincipal, id: string): Promise<BroadcastDoc> {
    const b = await this.get(p.communityId, id);
    this.checkZones(p, b.zones);
    const now = new Date();
    const done = await this.d.repo.setStatus(p.communityId, b._id, ['pending'], { status: 'scheduled', plays: [{ at: now, status: 'waiting' }], createdBy: { id: p.id, name: p.name } });
    if (!done) throw new AppError('CONFLICT', '该广播已处理');
    await this.armPlays(done);
    return done;
  }

  async cancel(p: StaffPrincipal, id: string): Promise<BroadcastDoc> {
    const b = await this.get(p.communityId, id);
    this.checkZones(p, b.zones);
    const done = await this.d.repo.setStatus(p.communityId, b._id, ['pending', 'scheduled'], {
      status: 'cancelled',
      plays: b.plays.map((pl) => (pl.status === 'sent' ? pl : { ...pl, status: 'cancelled' as const })),
    });
    if (!done) throw new AppError('CONFLICT', '该广播已播放或已取消');
    for (let i = 0; i < b.plays.length; i++) await this.d.scheduler.cancel(playKey(String(b._id), i));
    return done;
  }

  async getSettings(communityId: string): Promise<BroadcastSettingsDto> {
    return { ...(await this.d.repo.getSettings(communityId)), quietHours: this.d.quietHours, tts: this.d.tts.configured };
  }

  async putSettings(communityId: string, autoAlertTypes: AlertType[]) {
    return this.d.repo.putSettings(communityId, autoAlertTypes);
  }

  // ---- reading -------------------------------------------------------------------------------

  async get(communityId: string, id: string): Promise<BroadcastDoc> {
    const b = await this.d.repo.byId(communityId, id);
    if (!b) throw notFound('广播');
    return b;
  }

  list(communityId: string, q: BroadcastQuery) {
    return this.d.repo.list(communityId, q);
  }

  async dto(b: BroadcastDoc, detail = false): Promise<BroadcastDto> {
    const deliveries = detail ? (await this.d.ledger.forBroadcast(b.communityId, String(b._id))).map(deliveryDto) : undefined;
    return {
      id: String(b._id),
      source: b.source,
      status: b.status,
      text: b.text,
      zones: b.zones,
      zoneLabel: zoneLabel(b.zones),
      urgent: b.urgent,
      repeat: b.repeat,
      audio: b.audio
        ? { id: b.audio.id, url: this.d.uploads.signedUrl(b.communityId, b.audio.id), mime: b.audio.mime, ...(b.audio.durationMs ? { durationMs: b.audio.durationMs } : {}) }
        : { id: '', url: '', mime: '' },
      plays: b.plays.map((pl) => ({ at: pl.at.toISOString(), status: pl.status, ...(pl.heldUntil ? { heldUntil: pl.heldUntil.toISOString() } : {}) })),
      ...(b.noticeId ? { noticeId: b.noticeId } : {}),
      ...(b.alertId ? { alertId: b.alertId } : {}),
      ...(b.failure ? { failure: b.failure } : {}),
      ...(b.createdBy ? { createdBy: b.createdBy } : {}),
      createdAt: b.createdAt.toISOString(),
      ...(deliveries ? { deliveries } : {}),
    };
  }

  async speakers(communityId: string): Promise<SpeakerDto[]> {
    return (await this.d.devices.speakers(communityId)).map((s) => ({
      id: String(s._id),
      name: s.name,
      zones: s.zones ?? [],
      zoneLabel: s.zones?.length ? s.zones.join('、') : '全小区',
      enabled: s.enabled,
      online: s.enabled && this.d.transport.online(communityId, String(s._id)),
      ...(s.lastSeenAt ? { lastSeenAt: s.lastSeenAt.toISOString() } : {}),
    }));
  }

  // ---- playing -------------------------------------------------------------------------------

  /** Every play of a broadcast on its own persisted timer: a restart between scheduling and playing loses nothing. */
  private async armPlays(b: BroadcastDoc): Promise<void> {
    for (let i = 0; i < b.plays.length; i++) {
      const pl = b.plays[i]!;
      if (pl.status !== 'waiting' && pl.status !== 'held') continue;
      await this.d.scheduler.schedule({
        key: playKey(String(b._id), i),
        communityId: b.communityId,
        kind: PLAY_TIMER_KIND,
        fireAt: pl.heldUntil ?? pl.at,
        payload: { broadcastId: String(b._id), play: i },
      });
    }
  }

  /**
   * A play came due. Idempotent: quiet hours move it (re-arming its own key), otherwise every speaker in the zones gets its ledger
   * row once (keyed by broadcast, play and speaker) and rows still queued are sent — so a crash mid-dispatch is finished by the retry.
   */
  async onPlayDue(job: TimerJob): Promise<void> {
    const id = String(job.payload.broadcastId);
    const i = Number(job.payload.play);
    const b = await this.d.repo.byId(job.communityId, id);
    if (!b || b.status !== 'scheduled') return;
    const play = b.plays[i];
    if (!play || play.status === 'cancelled') return;
    const now = new Date();
    if (play.status !== 'sent' && !b.urgent) {
      const until = quietUntil(now, this.d.quietHours);
      if (until) {
        await this.d.repo.setPlay(b.communityId, b._id, i, ['waiting', 'held'], { status: 'held', heldUntil: until });
        await this.d.scheduler.schedule({ key: job.key, communityId: b.communityId, kind: PLAY_TIMER_KIND, fireAt: until, payload: job.payload });
        this.d.log.info({ broadcastId: id, play: i, until }, 'broadcast held by quiet hours');
        return;
      }
    }
    if (!b.audio && !this.d.tts.configured) {
      await this.d.repo.setStatus(b.communityId, b._id, ['scheduled'], { status: 'cancelled', failure: '未配置语音合成，无法播报文字' });
      this.d.log.warn({ broadcastId: id }, 'broadcast given up: no speech synthesizer');
      return;
    }
    // Speech for notices and alerts is made here, so a TTS outage is retried by the timer instead of losing the broadcast.
    const withAudio = b.audio ? b : await this.makeAudio(b);
    await this.d.transport.ready();
    // A broker outage is waited out on the play's own persisted timer (not the scheduler's few retries), so nothing is lost to it.
    if (!this.d.transport.connected() && now.getTime() - (play.heldUntil ?? play.at).getTime() < BROKER_PATIENCE_MS) {
      await this.d.scheduler.schedule({ key: job.key, communityId: b.communityId, kind: PLAY_TIMER_KIND, fireAt: new Date(Date.now() + BROKER_RETRY_MS), payload: job.payload });
      this.d.log.warn({ broadcastId: id, play: i }, 'speaker channel down; play retried later');
      return;
    }
    await this.serialized(b.communityId, () => this.dispatch(withAudio, i));
    await this.d.repo.setPlay(b.communityId, b._id, i, ['waiting', 'held'], { status: 'sent', sentAt: new Date() });
    const after = await this.d.repo.byId(b.communityId, id);
    if (after && after.plays.every((pl) => pl.status === 'sent' || pl.status === 'cancelled')) await this.d.repo.setStatus(b.communityId, b._id, ['scheduled'], { status: 'done' });
  }

  /**
   * A few writes per play whatever the number of speakers (each write is a sync on the embedded database): one read of the
   * speakers' queues, one insert of every row, the commands published in parallel, one update for those the broker took.
   */
  private async dispatch(b: BroadcastDoc, play: number): Promise<void> {
    const audio = b.audio!;
    const bid = String(b._id);
    const slotMs = (audio.durationMs ?? UNKNOWN_AUDIO_MS) * b.repeat + GAP_MS;
    const speakers = (await this.d.devices.speakers(b.communityId)).filter((s) => s.enabled && speakerInZones(s.zones, b.zones));
    const url = this.d.audioBase + this.d.uploads.signedUrl(b.communityId, audio.id);
    const exp = Number(new URL(url).searchParams.get('exp'));
    const now = Date.now();
    // A re-fired play (crash mid-dispatch) keeps the rows it made and sends only those still queued.
    const existing = new Set((await this.d.ledger.forPlay(b.communityId, bid, play)).map((r) => r.recipient.id));
    // Urgent plays cut in now; others start when the speaker's previous announcement has ended.
    const busy = b.urgent ? new Map<string, Date>() : await this.d.ledger.busyUntil(b.communityId);
    await this.d.ledger.openMany(
      speakers
        .filter((s) => !existing.has(String(s._id)))
        .map((s) => {
          const speakerId = String(s._id);
          const online = this.d.transport.online(b.communityId, speakerId);
          const startAt = new Date(Math.max(now, busy.get(speakerId)?.getTime() ?? 0));
          return {
            _id: `${bid}:${play}:${speakerId}`,
            communityId: b.communityId,
            broadcastId: bid,
            play,
            recipient: { kind: 'speaker' as const, id: speakerId, name: s.name },
            status: online ? ('queued' as const) : ('offline' as const),
            ...(online ? { startAt, endAt: new Date(startAt.getTime() + slotMs) } : { reason: '音柱离线' }),
          };
        }),
    );
    const queued = (await this.d.ledger.forPlay(b.communityId, bid, play)).filter((r) => r.status === 'queued');
    const sent: string[] = [];
    const failed: { id: string; reason: string; attempts: number }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < queued.length) {
        const row = queued[next++]!;
        const cmd: SpeakerPlayCommand = {
          commandId: row._id,
          url,
          mime: audio.mime,
          urlExpiresAt: new Date(exp).toISOString(),
          text: b.text,
          repeat: b.repeat,
          ...(row.startAt && row.startAt.getTime() > now + 500 ? { at: row.startAt.toISOString() } : {}),
          urgent: b.urgent,
        };
        try {
          await this.d.transport.play(b.communityId, row.recipient.id, cmd);
          sent.push(row._id);
        } catch (err) {
          failed.push({ id: row._id, reason: (err as Error).message.slice(0, 200) || '下发失败', attempts: row.attempts + 1 });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queued.length) }, worker));
    await this.d.ledger.moveMany(sent, ['queued'], 'sent', undefined, { attempts: 1 });
    for (const f of failed) await this.d.ledger.move(f.id, ['queued'], 'failed', f.reason, { attempts: f.attempts });
  }

  /** A speaker's word about a command, one message at a time per speaker (its "received" is recorded before its "played"). */
  onStatus(communityId: string, speakerId: string, msg: SpeakerStatusMessage): Promise<void> {
    if (msg.type === 'online') return this.seen(speakerId);
    if (msg.type !== 'ack') return Promise.resolve();
    return this.serialized(`speaker:${speakerId}`, () => this.recordAck(communityId, speakerId, msg));
  }

  /** The panel's 最近在线 for a speaker that just came online. */
  private async seen(speakerId: string): Promise<void> {
    const device = await this.d.devices.identify(speakerId);
    if (typeof device !== 'string') this.d.devices.touch(device);
  }

  /** Only the speaker's own rows, and only forward (a late "received" never undoes "played"). */
  private async recordAck(communityId: string, speakerId: string, msg: Extract<SpeakerStatusMessage, { type: 'ack' }>): Promise<void> {
    const device = await this.d.devices.identify(speakerId);
    if (typeof device !== 'string') this.d.devices.touch(device);
    const row = await this.d.ledger.get(msg.commandId);
    if (!row || row.communityId !== communityId || row.recipient.id !== speakerId) {
      this.d.log.warn({ speakerId, commandId: msg.commandId }, 'speaker acknowledged a command that is not its own');
      return;
    }
    if (msg.status === 'played') await this.d.ledger.move(row._id, ['sent', 'queued', 'failed'], 'played', '音柱已播放', { endAt: new Date() });
    else if (msg.status === 'failed') await this.d.ledger.move(row._id, ['sent', 'queued'], 'failed', msg.reason ?? '音柱播放失败', { endAt: new Date() });
    // "received" is written only when it overtook the dispatcher's own queued → sent (the speaker answered before the batch update):
    // otherwise "sent" already says as much, and one write less per speaker counts on the embedded database.
    else if (row.status === 'queued') await this.d.ledger.move(row._id, ['queued'], 'sent', '音柱已接收并下载音频');
  }

  private async makeAudio(b: BroadcastDoc): Promise<BroadcastDoc> {
    const speech = await this.synthesize(b.text);
    const up = await this.d.uploads.saveSystem(b.communityId, speech.wav, 'broadcast.wav', 'broadcast');
    return (await this.d.repo.setAudio(b.communityId, b._id, { id: up.id, mime: up.mime, durationMs: speech.durationMs })) ?? b;
  }

  private async synthesize(text: string) {
    try {
      return await this.d.tts.speak(text);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.d.log.warn({ err }, 'broadcast speech synthesis failed');
      throw new AppError('UNAVAILABLE', '语音合成暂时不可用，请稍后再试或改用录音喊话');
    }
  }

  private serialized<T>(communityId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.dispatching.get(communityId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.dispatching.set(communityId, tail);
    void tail.then(() => {
      if (this.dispatching.get(communityId) === tail) this.dispatching.delete(communityId);
    });
    return run;
  }

  /** Grid workers broadcast only in their own buildings; estate-wide needs community staff. */
  private checkZones(p: StaffPrincipal, zones: BroadcastZones): void {
    if (p.roles.includes('admin') || p.roles.includes('staff')) return;
    if (zones.all) throw forbidden('网格员只能向自己负责的楼栋广播');
    const mine = new Set(p.buildings);
    if ((zones.buildings ?? []).some((b) => !mine.has(b))) throw forbidden('网格员只能向自己负责的楼栋广播');
  }
}

export function deliveryDto(r: SpeakerDeliveryDoc): SpeakerDeliveryDto {
  return {
    id: r._id,
    play: r.play,
    speaker: { id: r.recipient.id, name: r.recipient.name },
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.startAt ? { startAt: r.startAt.toISOString() } : {}),
    history: r.history.map((h) => ({ status: h.status, at: h.at.toISOString(), ...(h.note ? { note: h.note } : {}) })),
    updatedAt: r.updatedAt.toISOString(),
  };
}
