// What every bot feature shares: the server client, the outbox, the transcriber, and one way to speak (masked, bounded, with @).
import type { Wechaty } from 'wechaty';
import type { ServerApi } from './api';
import type { BotLog } from './log';
import type { Outbox } from './outbox';
import { safeOutgoing } from './safety';
import { FileBox } from 'file-box';
import type { PlaceAsks, ReportConfirms } from './plugins/report/ask-place';
import type { Speaker } from './speech';
import type { Transcriber } from './transcriber';
import type { ReportJob, ReportResult } from './plugins/report/report.plugin';

/** Where to answer: a room (with an @ to the person) or a private chat. Plain ids, so it survives a restart in the outbox. */
export interface Conversation {
  roomId?: string;
  roomTopic?: string;
  contactId?: string;
  contactName?: string;
}

export interface BotContext {
  wechaty: Wechaty;
  api: ServerApi;
  outbox: Outbox<ReportJob, ReportResult>;
  transcriber: Transcriber;
  communityId: string;
  log: BotLog;
  isCommunityRoom(room: { id: string; topic(): Promise<string> }): Promise<boolean>;
  say(to: Conversation, text: string, opts?: { mention?: boolean }): Promise<void>;
  /** Pending 「请问是几号楼几单元？」 questions (persisted in the data dir). */
  asks: PlaceAsks;
  /** Overheard reports of senders nobody is bound to, waiting for 「是」 (persisted in the data dir). */
  confirms: ReportConfirms;
  /** Text to speech for voice replies (NoSpeaker when off). */
  speaker: Speaker;
  /** Says `text` aloud as a WeChat voice message (after the text reply); failures are logged, never thrown. */
  sayVoice(to: Conversation, text: string): Promise<void>;
}

/** Sends a SILK clip as a voice message to the room (a voice cannot @ anyone) or the private chat; false when the target is gone. */
export async function speakVoice(wechaty: Wechaty, to: Conversation, silk: Buffer): Promise<boolean> {
  // `.sil` is what puppets (and the mock) deliver as an Audio message; only base64 boxes cross every puppet.
  const box = FileBox.fromBase64(silk.toString('base64'), 'reply.sil');
  if (to.roomId || to.roomTopic) {
    const room = (to.roomId ? await wechaty.Room.find({ id: to.roomId }) : undefined) ?? (to.roomTopic ? await wechaty.Room.find({ topic: to.roomTopic }) : undefined);
    if (room) {
      await room.say(box);
      return true;
    }
  }
  const contact = to.contactId ? await wechaty.Contact.find({ id: to.contactId }).catch(() => undefined) : undefined;
  if (!contact) return false;
  await contact.say(box);
  return true;
}

/** Posts text to a room (mentioning the person when asked and present) or privately; returns false when the target cannot be found. */
export async function speak(wechaty: Wechaty, to: Conversation, text: string, mention = true): Promise<boolean> {
  const safe = safeOutgoing(text);
  if (to.roomId || to.roomTopic) {
    const room = (to.roomId ? await wechaty.Room.find({ id: to.roomId }) : undefined) ?? (to.roomTopic ? await wechaty.Room.find({ topic: to.roomTopic }) : undefined);
    if (room) {
      if (mention && (to.contactId || to.contactName)) {
        const members = await room.memberAll().catch(() => []);
        const contact =
          (to.contactId ? members.find((c) => c.id === to.contactId) : undefined) ??
          (to.contactName ? members.find((c) => c.name() === to.contactName) : undefined);
        if (contact) await room.say(safe, contact);
        else await room.say(`@${to.contactName ?? ''} ${safe}`.trim());
      } else await room.say(safe);
      return true;
    }
    if (!to.contactId && !to.contactName) return false;
  }
  const contact =
    (to.contactId ? await wechaty.Contact.find({ id: to.contactId }).catch(() => undefined) : undefined) ??
    (to.contactName ? await wechaty.Contact.find({ name: to.contactName }).catch(() => undefined) : undefined);
  if (!contact) return false;
  await contact.say(safe);
  return true;
}
