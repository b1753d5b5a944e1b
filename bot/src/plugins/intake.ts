// The message plugin: decides whether a message is for the bot and hands it to exactly one feature (query, check-in, FAQ, report).
import crypto from 'node:crypto';
import { types, type Message, type Wechaty, type WechatyPlugin } from 'wechaty';
import type { Reporter } from '@linli/contracts';
import { detectAudioFormat, silkDurationMs } from '../audio';
import type { BotContext, Conversation } from '../context';
import { SenderLimiter } from '../safety';
import { handleCheckin } from './checkin/checkin.plugin';
import { isCheckin } from './checkin/checkin.parser';
import { answerFaq } from './faq/faq.plugin';
import { looksLikeInfoQuestion } from './faq/faq.parser';
import { handleQuery } from './query/query.plugin';
import { parseQuery } from './query/query.parser';
import { fileReport, mimeOf, textJob } from './report/report.plugin';
import { addressing, looksLikeProblem } from './report/report.parser';

/** A voice in a group counts as addressed for this long after the sender @-mentioned the bot without text. */
const VOICE_ARM_MS = 3 * 60 * 1000;
/** Puppets replay history after a reconnect: older messages are not acted on. */
const MAX_AGE_S = 10 * 60;

export interface IntakeOptions {
  rateLimit: { limit: number; windowMs: number };
}

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');

export function idempotencyKey(communityId: string, messageId: string): string {
  return `wx-${crypto.createHash('sha256').update(`${communityId}:${messageId}`).digest('hex').slice(0, 40)}`;
}

export function IntakePlugin(ctx: BotContext, o: IntakeOptions): WechatyPlugin {
  const limiter = new SenderLimiter(o.rateLimit.limit, o.rateLimit.windowMs);
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
    const senderKey = `${room?.id ?? 'dm'}:${talker.id}`;
    const type = msg.type();

    if (type === types.Message.Audio) {
      const addressed = !room || (armed.get(senderKey) ?? 0) > Date.now();
      if (!addressed) return;
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
    if (!a.addressed) return;
    if (!(await allowed(senderKey, reply))) return;
    const body = a.body;

    if (!body) {
      armed.set(senderKey, Date.now() + VOICE_ARM_MS);
      await ctx.say(reply, '您好，请直接说明要反映的问题，可以打字也可以发语音，例如：3号楼电梯坏了。查询进度请发「查询 工单号」或「我的工单」。');
      return;
    }
    if (!a.explicitReport) {
      const q = parseQuery(body);
      if (q) return handleQuery(ctx, q, { wechatName, wechatId: talker.id }, reply);
      if (isCheckin(body)) return handleCheckin(ctx, { wechatName, wechatId: talker.id }, reply);
      // Asking for information ("电梯维修电话是多少") gets the FAQ answer even when it names a problem; a problem to fix is filed.
      if (!looksLikeProblem(body) || looksLikeInfoQuestion(body)) {
        if (await answerFaq(ctx, body, reply)) return;
        if (Array.from(body).length < 4) {
          await ctx.say(reply, '您好，有什么问题请直接说明，例如：3号楼电梯坏了。查询进度请发「我的工单」。');
          return;
        }
      }
    }
    await fileReport(ctx, idempotencyKey(ctx.communityId, msg.id), textJob(body, reporter, reply));
  }

  async function allowed(senderKey: string, reply: Conversation): Promise<boolean> {
    const v = limiter.take(senderKey);
    if (v === 'warn') await ctx.say(reply, '您发送得太频繁了，请稍后再试');
    return v === 'ok';
  }
}
