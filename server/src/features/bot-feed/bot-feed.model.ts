// One item the community's group bot must post; kept until the bot acknowledges it, so nothing is missed while the bot is offline.
import { Schema, type Connection, type Model } from 'mongoose';
import type { BotFeedItemDto } from '@linli/contracts';
import type { Stored } from '../../db/stored';

/** The item as the bot reads it, plus its dedupe key. */
export type BotFeedDoc = Stored<BotFeedItemDto, 'createdAt' | 'ackedAt'> & {
  /** Dedupe key: the same source event queues one item only (e.g. "ticket:<id>:<timeline index>"). */
  key: string;
  updatedAt: Date;
};

const BotFeedSchema = new Schema<BotFeedDoc>(
  {
    communityId: { type: String, required: true },
    key: { type: String, required: true },
    kind: { type: String, required: true },
    text: { type: String, required: true },
    target: { roomId: String, roomTopic: String, wechatName: String, wechatId: String },
    ref: String,
    ackedAt: Date,
  },
  { timestamps: true, versionKey: false, minimize: true },
);
BotFeedSchema.index({ communityId: 1, key: 1 }, { unique: true });
BotFeedSchema.index({ communityId: 1, ackedAt: 1, _id: 1 });

export function botFeedModel(conn: Connection): Model<BotFeedDoc> {
  return (conn.models.BotFeed as Model<BotFeedDoc>) ?? conn.model<BotFeedDoc>('BotFeed', BotFeedSchema, 'bot_feed');
}
