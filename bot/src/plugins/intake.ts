// The message plugin: decides whether a message is for the bot and hands it to exactly one feature (alert reply, bind, query, check-in, FAQ, report);
// in a listening group it also hears un-addressed commands and clear problem reports.
import crypto from 'node:crypto';
import { types, type Message, type Wechaty, type WechatyPlugin } from 'wechaty';
import type { BotGroupMode, Reporter } from '@linli/contracts';
import { detectAudioFormat, silkDurationMs } from '../audio';
import type { BotContext, Conversation } from '../context';
import { boundReport, SenderLimiter } from '../safety';
import { handleAlertReply } from './alert-reply/alert-reply.plugin';
import { handleBind } from './bind/bind.plugin';
import { parseBind } from './bind/bind.parser';
import { handleCheckin } from './checkin/checkin.plugin';
import { isCheckin } from './checkin/checkin.parser';
import { answerFaq } from './faq/faq.plugin';
import { looksLikeInfoQuestion } from './faq/faq.parser';
import { looksLikeReport } from './listen/listen.parser';
import { handleQuery } from './query/query.plugin';
import { handleRevisitReply } from './revisit-reply/revisit-reply.plugin';
import { parseQuery } from './query/query.parser';
import { conversationKey, type PendingConfirm } from './report/ask-place';
import { answerPlace, fileReport, mimeOf, textJob } from './report/report.plugin';
import { addressing, looksLikeProblem, parsePlaceAnswer, parseYesNo } from './report/report.parser';

/** A voice in a group counts as addressed for this long after the sender @-mentioned the bot without text. */
const VOICE_ARM_MS = 3 * 60 * 1000;
/** Puppets replay history after a reconnect: older messages are not acted on. */
const MAX_AGE_S = 10 * 60;

/** listen, auto or mention (see BOT_GROUP_MODES in contracts). */
export type GroupMode = BotGroupMode;

export interface IntakeOptions {
  rateLimit: { limit: number; windowMs: number };
  groupMode?: GroupMode;
  /** Reports filed from un-addressed messages per sender (default 3 per 10 minutes); more are ignored silently. */
  listenLimit?: { limit: number; windowMs: number };
  /** Groups (topic or room id) that stay in mention mode while the others listen (e.g. a busy chat group). */
  mentionOnlyRooms?: string[];
}

/** Un-addressed commands are heard only when the message is just the command (not a sentence that contains it). */
const MAX_UNADDRESSED_COMMAND_CHARS = 16;
/** Un-addressed voices of bound residents sent to recognition per sender and listen window. */
const VOICE_LISTEN_LIMIT = 10;

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');

export function idempotencyKey(communityId: string, messageId: string): string {
  return `wx-${crypto.createHash('sha256').update(`${communityId}:${messageId}`).digest('hex').slice(0, 40)}`;
}

export function IntakePlugin(ctx: BotContext, o: IntakeOptions): WechatyPlugin {
  const limiter = new SenderLimiter(o.rateLimit.limit, o.rateLimit.windowMs);
  const listenLimit = o.listenLimit ?? { limit: 3, windowMs: 10 * 60_000 };
  const listened = new SenderLimiter(listenLimit.limit, listenLimit.windowMs);
  const mentionOnly = new Set(o.mentionOnlyRooms ?? []);
  const listens = (room: { id: string }, topic: string | undefined) =>
    (o.groupMode ?? 'listen') !== 'mention' && !mentionOnly.has(room.id) && !(topic !== undefined && mentionOnly.has(topic));
  const voices = new SenderLimiter(VOICE_LISTEN_LIMIT, listenLimit.windowMs);
  const armed = new Map<string, number>();

  return (wechaty: Wechaty) => {
    const onMessage = (msg: Message) => {
      handle(wechaty, msg).catch((err) => ctx.log.error('message handling failed', { err: (err as Error).message }));
    };
    wechaty.on('message', onMessage);
    return () => void wechaty.off('message', onMessage);
  };

  async function handle(wechaty: Wechaty, msg: Message): Promise<void> {
    if (msg.self()) return;
    if (msg.age() > MAX_AGE_S) return;
    const room = msg.room();
    if (room && !(await ctx.isCommunityRoom(room))) return;
    const talker = msg.talker();
    const wechatName = talker.name();
    const roomTopic = room ? await room.topic() : undefined;
    const reply: Conversation = { roomId: room?.id, roomTopic, contactId: talker.id, contactName: wechatName };
    // Bounded as the server's Reporter schema wants (trimmed, non-empty, by characters so emoji stay whole).
    const reporter: Reporter = {
      name: clip(wechatName, 40) || '微信用户',
      wechatName: clip(wechatName, 60) || undefined,
      wechatId: clip(talker.id, 120) || undefined,
      ...(room ? { roomId: clip(room.id, 120) || undefined, roomTopic: clip(roomTopic ?? '', 120) || undefined } : {}),
    };
    const senderKey = conversationKey(reply);
    const type = msg.type();

    if (type === types.Message.Audio) {
      const addressed = !room || (armed.get(senderKey) ?? 0) > Date.now();
      if (!addressed) {
        if (room && listens(room, roomTopic)) await overheardVoice(msg, { wechatName, wechatId: talker.id }, reporter, reply, senderKey);
        return;
      }
      if (!(await allowed(senderKey, reply))) return;
      armed.delete(senderKey);
      const box = await msg.toFileBox();
      const audio = await box.toBuffer();
      const format = detectAudioFormat(audio);
      if (format === 'unknown') {
        await ctx.say(reply, '抱歉，这段语音的格式无法识别，请用文字描述一下问题');
        return;
      }
      await fileReport(
        ctx,
        idempotencyKey(ctx.communityId, msg.id),
        { type: 'voice', format, mime: mimeOf(format), durationMs: format === 'silk' ? silkDurationMs(audio) : undefined, reporter, reply },
        audio,
      );
      return;
    }
    if (type !== types.Message.Text) return;

    const self = wechaty.currentUser;
    const alias = room ? await room.alias(self).catch(() => undefined) : undefined;
    const mentionedById = room ? await msg.mentionSelf().catch(() => false) : false;
    const a = addressing(msg.text(), { botName: [self.name(), alias ?? ''], isPrivate: !room, mentionedById });
    const who = { wechatName, wechatId: talker.id };
    // Answers to the bot's own questions are heard with or without @, in any group mode: the bot asked.
    const confirm = ctx.confirms.pending(senderKey);
    const yesNo = confirm ? parseYesNo(a.body) : null;
    if (confirm && yesNo) {
      ctx.confirms.done(senderKey);
      if (!(await allowed(senderKey, reply))) return;
      if (yesNo === 'no') return ctx.say(reply, '好的，不登记了。有需要随时说');
      return fileReport(ctx, confirm.key, textJob(confirm.text, confirm.reporter, confirm.reply));
    }
    const asked = ctx.asks.pending(senderKey);
    const place = asked ? parsePlaceAnswer(a.body) : undefined;
    if (asked && place) {
      if (!(await allowed(senderKey, reply))) return;
      return answerPlace(ctx, senderKey, asked, place, reply);
    }
    if (!a.addressed) {
      if (room && listens(room, roomTopic)) {
        const key = idempotencyKey(ctx.communityId, msg.id);
        await overheard(a.body, () => fileReport(ctx, key, textJob(a.body, reporter, reply)), who, reply, senderKey, { text: a.body, reporter, reply, key });
      }
      return;
    }
    if (!(await allowed(senderKey, reply))) return;
    const body = a.body;

    // Privately, "收到" / "1" first answers an alert message the bot sent this person (family told of an SOS, the elder asked 还好吗).
    if (!room && (await handleAlertReply(ctx, body, who, reply))) return;
    // Then "1 / 2 / 3" (满意 / 不满意 / 没解决) answers the 回访 question the bot last sent this person about her ticket.
    if (!room && (await handleRevisitReply(ctx, body, who, reply))) return;

    const bind = parseBind(body);
    if (bind) return handleBind(ctx, bind, who, reply);

    if (!body) {
      armed.set(senderKey, Date.now() + VOICE_ARM_MS);
      await ctx.say(reply, '您好，请直接说明要反映的问题，可以打字也可以发语音，例如：3号楼电梯坏了。查询进度请发「查询 工单号」或「我的工单」。');
      return;
    }
    if (!a.explicitReport) {
      const q = parseQuery(body);
      if (q) return handleQuery(ctx, q, who, reply);
      if (isCheckin(body)) return handleCheckin(ctx, who, reply);
      // Asking for information ("电梯维修电话是多少") gets the FAQ answer even when it names a problem; a problem to fix is filed.
      if (!looksLikeProblem(body) || looksLikeInfoQuestion(body)) {
        if (await answerFaq(ctx, body, reply, { suggest: looksLikeInfoQuestion(body) })) return;
        if (Array.from(body).length < 4) {
          await ctx.say(reply, '您好，有什么问题请直接说明，例如：3号楼电梯坏了。查询进度请发「我的工单」。');
          return;
        }
      }
    }
    await fileReport(ctx, idempotencyKey(ctx.communityId, msg.id), textJob(body, reporter, reply));
  }

  /**
   * A listening group, nobody addressed: 绑定/平安/我的工单/查询 when the message is only that command, and a clear problem
   * report (conservative detector, its own per-sender limit); everything else — chit-chat, greetings, thanks — gets silence.
   */
  async function overheard(
    body: string,
    file: () => Promise<void>,
    who: { wechatName: string; wechatId: string },
    reply: Conversation,
    senderKey: string,
    confirmable?: PendingConfirm,
  ) {
    const short = Array.from(body).length <= MAX_UNADDRESSED_COMMAND_CHARS;
    const bind = short ? parseBind(body) : null;
    const q = short && !bind ? parseQuery(body) : null;
    const checkin = short && !bind && !q && isCheckin(body);
    if (bind || q || checkin) {
      if (!(await allowed(senderKey, reply))) return;
      if (bind) return handleBind(ctx, bind, who, reply);
      if (q) return handleQuery(ctx, q, who, reply);
      return handleCheckin(ctx, who, reply);
    }
    if (!looksLikeReport(body)) return;
    if (listened.take(senderKey) !== 'ok') return ctx.log.info('listen: report limit reached for a sender', { room: reply.roomTopic });
    if (!(await allowed(senderKey, reply))) return;
    // Asked first (one short question, never a ticket by surprise) — except, in an auto group, someone the registry knows.
    const direct = o.groupMode === 'auto' && !!(await ctx.api.binding(who.wechatId).catch(() => null));
    if (confirmable && !direct) {
      ctx.confirms.put(senderKey, confirmable);
      return ctx.say(reply, `要帮您登记「${clip(body, 30)}」吗？回复「是」登记，不用请回复「不用」`);
    }
    await file();
  }

  /**
   * A voice nobody addressed, in a listening group: only a bound resident's (or her family's) is transcribed — at most
   * VOICE_LISTEN_LIMIT per sender and window, since recognition costs — and then handled like the same words typed.
   */
  async function overheardVoice(msg: Message, who: { wechatName: string; wechatId: string }, reporter: Reporter, reply: Conversation, senderKey: string) {
    if (ctx.transcriber.name === 'none') return;
    if (voices.take(senderKey) !== 'ok') return;
    if (!(await ctx.api.binding(who.wechatId).catch(() => null))) return;
    const audio = await (await msg.toFileBox()).toBuffer();
    const format = detectAudioFormat(audio);
    if (format === 'unknown') return;
    let text: string;
    try {
      text = boundReport(await ctx.transcriber.transcribe(audio, format)).text;
    } catch (err) {
      return ctx.log.info('listen: an overheard voice was not recognised', { err: (err as Error).message });
    }
    const job = { type: 'voice' as const, format, mime: mimeOf(format), durationMs: format === 'silk' ? silkDurationMs(audio) : undefined, reporter, reply };
    await overheard(text, () => fileReport(ctx, idempotencyKey(ctx.communityId, msg.id), job, audio, { transcript: text }), who, reply, senderKey);
  }

  async function allowed(senderKey: string, reply: Conversation): Promise<boolean> {
    const v = limiter.take(senderKey);
    if (v === 'warn') await ctx.say(reply, '您发送得太频繁了，请稍后再试');
    return v === 'ok';
  }
}
