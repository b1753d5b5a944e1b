// Which ticket's 回访 the bot last asked a WeChat contact about, so her private "1 / 2 / 3" answers that ticket (one document per contact, read by bare _id).
import crypto from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

interface RevisitAskDoc {
  /** sha256 of `<communityId>:<contact id>`: a bare _id read (the only filter the embedded engine pushes down). */
  _id: string;
  communityId: string;
  ticketId: string;
  askedAt: Date;
}

const RevisitAskSchema = new Schema<RevisitAskDoc>(
  { _id: String, communityId: { type: String, required: true }, ticketId: { type: String, required: true }, askedAt: { type: Date, required: true } },
  { versionKey: false },
);

const keyOf = (communityId: string, wechatId: string) => crypto.createHash('sha256').update(`${communityId}:${wechatId}`).digest('hex');

export class RevisitAsks {
  private readonly model: Model<RevisitAskDoc>;
  constructor(conn: Connection) {
    this.model = (conn.models.TicketRevisitAsk as Model<RevisitAskDoc>) ?? conn.model<RevisitAskDoc>('TicketRevisitAsk', RevisitAskSchema, 'ticket_revisit_asks');
  }

  /** The newest question wins: an answer is about the last ticket she was asked about. */
  async asked(communityId: string, wechatId: string, ticketId: string): Promise<void> {
    await this.model.updateOne({ _id: keyOf(communityId, wechatId) }, { $set: { communityId, ticketId, askedAt: new Date() } }, { upsert: true });
  }

  async ticketOf(communityId: string, wechatId: string): Promise<string | null> {
    const d = await this.model.findById(keyOf(communityId, wechatId)).lean<RevisitAskDoc>();
    return d && d.communityId === communityId ? d.ticketId : null;
  }

  async forget(communityId: string, wechatId: string): Promise<void> {
    await this.model.deleteOne({ _id: keyOf(communityId, wechatId) });
  }
}
