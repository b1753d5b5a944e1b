// Ledger rows for channels other features drive themselves (today: broadcast speakers): opened once per key, moved only from the statuses the caller expects.
import type { Connection, Model } from 'mongoose';
import type { SpeakerDeliveryStatus } from '@linli/contracts';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { speakerDeliveryModel, type SpeakerDeliveryDoc } from './notifications.model';

export type { SpeakerDeliveryDoc };

export type NewSpeakerDelivery = Pick<SpeakerDeliveryDoc, '_id' | 'communityId' | 'broadcastId' | 'play' | 'recipient' | 'status' | 'reason' | 'startAt' | 'endAt'>;

/** What the broadcast feature may do with the ledger: open its speakers' rows, move them, read them back. */
export type SpeakerLedgerApi = Pick<SpeakerLedger, 'openMany' | 'move' | 'moveMany' | 'get' | 'forBroadcast' | 'forPlay' | 'busyUntil'>;

export class SpeakerLedger {
  private readonly model: Model<SpeakerDeliveryDoc>;
  constructor(conn: Connection) {
    this.model = speakerDeliveryModel(conn);
  }

  /** Inserts the rows in one write; rows whose key exists (a play re-fired after a crash) are left as they are. */
  async openMany(rows: NewSpeakerDelivery[]): Promise<void> {
    if (!rows.length) return;
    const now = new Date();
    const docs = rows.map((d) => ({ ...d, purpose: 'broadcast', channel: 'speaker', attempts: 0, history: [{ status: d.status, at: now, ...(d.reason ? { note: d.reason } : {}) }] }));
    try {
      await this.model.insertMany(docs, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** One write for a batch that moved together (the play commands the broker accepted). */
  async moveMany(ids: string[], from: readonly SpeakerDeliveryStatus[], to: SpeakerDeliveryStatus, note?: string, set: Partial<SpeakerDeliveryDoc> = {}) {
    if (!ids.length) return;
    await this.model.updateMany(
      { _id: { $in: ids }, status: { $in: [...from] } },
      { $set: { ...set, status: to }, $push: { history: { status: to, at: new Date(), ...(note ? { note } : {}) } } },
    );
  }

  /** The rows of one play of a broadcast. */
  forPlay(communityId: string, broadcastId: string, play: number) {
    return this.model.find(scoped<SpeakerDeliveryDoc>(communityId, { broadcastId, play })).lean<SpeakerDeliveryDoc[]>();
  }

  /** Moves a row to `to` only from one of `from` (a late or repeated acknowledgement changes nothing); every move is in its history. */
  move(id: string, from: readonly SpeakerDeliveryStatus[], to: SpeakerDeliveryStatus, note?: string, set: Partial<SpeakerDeliveryDoc> = {}) {
    const at = new Date();
    return this.model
      .findOneAndUpdate(
        { _id: id, status: { $in: [...from] } },
        {
          $set: { ...set, status: to, ...(to === 'played' ? { deliveredAt: at } : {}), ...(note && to !== 'played' ? { reason: note } : {}) },
          $push: { history: { status: to, at, ...(note ? { note } : {}) } },
        },
        { new: true },
      )
      .lean<SpeakerDeliveryDoc>();
  }

  get(id: string) {
    return this.model.findById(id).lean<SpeakerDeliveryDoc>();
  }

  forBroadcast(communityId: string, broadcastId: string) {
    return this.model.find(scoped<SpeakerDeliveryDoc>(communityId, { broadcastId })).sort({ play: 1, _id: 1 }).lean<SpeakerDeliveryDoc[]>();
  }

  /** When each speaker's last queued or sent play ends (one read for all): the next one starts after it (survives a restart). */
  async busyUntil(communityId: string, now = new Date()): Promise<Map<string, Date>> {
    const rows = await this.model
      .find(scoped<SpeakerDeliveryDoc>(communityId, { channel: 'speaker', status: { $in: ['queued', 'sent'] }, endAt: { $gt: now } }), { recipient: 1, endAt: 1 })
      .lean<Pick<SpeakerDeliveryDoc, 'recipient' | 'endAt'>[]>();
    const out = new Map<string, Date>();
    for (const r of rows) if (r.endAt && (out.get(r.recipient.id)?.getTime() ?? 0) < r.endAt.getTime()) out.set(r.recipient.id, r.endAt);
    return out;
  }
}
