// Ledger rows for channels other features drive themselves (today: broadcast speakers): opened once per key, moved only from the statuses the caller expects.
import type { Connection, Model } from 'mongoose';
import type { SpeakerDeliveryStatus } from '@linli/contracts';
import { isDuplicateKey } from '../../db/connection';
import { scoped } from '../../db/scope';
import { speakerDeliveryModel, type SpeakerDeliveryDoc } from './notifications.model';

export type { SpeakerDeliveryDoc };

export type NewSpeakerDelivery = Pick<SpeakerDeliveryDoc, '_id' | 'communityId' | 'broadcastId' | 'play' | 'recipient' | 'status' | 'reason' | 'startAt' | 'endAt'>;

/** What the broadcast feature may do with the ledger: open its speakers' rows, move them, read them back. */
export type SpeakerLedgerApi = Pick<SpeakerLedger, 'open' | 'move' | 'get' | 'forBroadcast' | 'busyUntil'>;

export class SpeakerLedger {
  private readonly model: Model<SpeakerDeliveryDoc>;
  constructor(conn: Connection) {
    this.model = speakerDeliveryModel(conn);
  }

  /** Inserts the row unless its key exists (a play re-fired after a crash): returns it only when this call created it. */
  async open(d: NewSpeakerDelivery): Promise<SpeakerDeliveryDoc | null> {
    const now = new Date();
    try {
      return (
        await this.model.create({ ...d, purpose: 'broadcast', channel: 'speaker', attempts: 0, history: [{ status: d.status, at: now, ...(d.reason ? { note: d.reason } : {}) }] })
      ).toObject();
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
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

  /** When the speaker's last queued or sent play ends: the next one starts after it (survives a restart). */
  async busyUntil(speakerId: string): Promise<Date | null> {
    const last = await this.model
      .findOne({ 'recipient.id': speakerId, channel: 'speaker', status: { $in: ['queued', 'sent'] }, endAt: { $exists: true } })
      .sort({ endAt: -1 })
      .lean<SpeakerDeliveryDoc>();
    return last?.endAt ?? null;
  }
}
