// Who is in the community WeChat groups, as the bot last reported (issue 14): staff see the members no resident is bound to yet.
import { Schema, type Connection, type Model } from 'mongoose';
import type { BotGroupMembers, UnboundMemberDto } from '@linli/contracts';
import { scoped } from '../../db/scope';
import type { ResidentRepository } from './resident.repository';

interface GroupMembersDoc {
  communityId: string;
  roomId: string;
  topic?: string;
  members: Array<{ contactId: string; name: string }>;
  syncedAt: Date;
}

const GroupMembersSchema = new Schema<GroupMembersDoc>(
  {
    communityId: { type: String, required: true },
    roomId: { type: String, required: true },
    topic: String,
    members: { type: [{ _id: false, contactId: String, name: String }], default: [] },
    syncedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
GroupMembersSchema.index({ communityId: 1, roomId: 1 }, { unique: true });

export class GroupMembers {
  private readonly model: Model<GroupMembersDoc>;
  constructor(
    conn: Connection,
    private readonly residents: ResidentRepository,
  ) {
    this.model = (conn.models.BotGroupMembers as Model<GroupMembersDoc>) ?? conn.model<GroupMembersDoc>('BotGroupMembers', GroupMembersSchema, 'bot_group_members');
  }

  /** The bot's latest view of one group replaces the previous one. */
  async report(communityId: string, g: BotGroupMembers): Promise<{ members: number }> {
    await this.model.findOneAndUpdate(
      scoped<GroupMembersDoc>(communityId, { roomId: g.roomId }),
      { $set: { communityId, roomId: g.roomId, members: g.members, syncedAt: new Date(), ...(g.topic ? { topic: g.topic } : {}) } },
      { upsert: true },
    );
    return { members: g.members.length };
  }

  /** Members of every reported group whose contact id no resident is bound to (self or family), by group. */
  async unbound(communityId: string): Promise<UnboundMemberDto[]> {
    const groups = await this.model.find(scoped<GroupMembersDoc>(communityId, {})).lean<GroupMembersDoc[]>();
    const ids = [...new Set(groups.flatMap((g) => g.members.map((m) => m.contactId)))];
    const bound = new Set<string>();
    if (ids.length) {
      const found = await this.residents.find(communityId, { verified: true, $or: [{ wechatIds: { $in: ids } }, { wechatId: { $in: ids } }] }, { wechatIds: 1, wechatId: 1 });
      for (const r of found) for (const id of [...(r.wechatIds ?? []), ...(r.wechatId ? [r.wechatId] : [])]) bound.add(id);
    }
    return groups.flatMap((g) =>
      g.members
        .filter((m) => !bound.has(m.contactId))
        .map((m) => ({ name: m.name || '微信用户', ...(g.topic ? { roomTopic: g.topic } : {}), syncedAt: g.syncedAt.toISOString() })),
    );
  }
}
