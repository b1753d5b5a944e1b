// createBot({ puppet, serverUrl, token, transcriber?, communityId }) → { start, stop }: the community group bot on any wechaty puppet.
import fs from 'node:fs';
import path from 'node:path';
import { WechatyBuilder, type Wechaty, type WechatyOptions } from 'wechaty';
import { ServerApi } from './api';
import { readEnv } from './config';
import { speak, speakVoice, type BotContext } from './context';
import { createLog, type BotLog } from './log';
import { Outbox } from './outbox';
import { BroadcastPlugin, FeedConsumer } from './plugins/broadcast/broadcast.plugin';
import { IntakePlugin, type GroupMode } from './plugins/intake';
import { MembersPlugin } from './plugins/members/members.plugin';
import { PlaceAsks, ReportConfirms } from './plugins/report/ask-place';
import { receipt, reportDeliverer, type ReportJob, type ReportResult } from './plugins/report/report.plugin';
import { speakerFromEnv, type Speaker } from './speech';
import { transcriberFromEnv, type Transcriber } from './transcriber';

export interface CreateBotOptions {
  puppet: NonNullable<WechatyOptions['puppet']>;
  /** For a puppet given by module name (e.g. the token of wechaty-puppet-service). */
  puppetOptions?: Record<string, unknown>;
  serverUrl: string;
  token: string;
  communityId: string;
  /** Defaults to the one ASR_PROVIDER / TENCENT* in the environment describe (or none). */
  transcriber?: Transcriber;
  /** Voice replies to voice reports; defaults to what TTS_PROVIDER / TENCENT_TTS_* in the environment describe (or none). */
  speaker?: Speaker;
  /** Outbox journal and feed ledger; defaults to $BOT_DATA_DIR or <DATA_DIR>/bot/<communityId>. */
  dataDir?: string;
  /** Wechaty session name (real puppets keep their login under it); default <dataDir>/linli-bot-<community>. */
  name?: string;
  /** Which rooms are this community's groups (by topic or id); none given → every room the bot is in. */
  rooms?: { topics?: string[]; ids?: string[] };
  rateLimit?: { limit: number; windowMs: number };
  /** listen (default, BOT_GROUP_MODE): un-addressed reports and commands in the community groups are heard; mention: only @ and prefixes. */
  groupMode?: GroupMode;
  /** Reports filed from un-addressed group messages per sender (default 3 per 10 minutes). */
  listenLimit?: { limit: number; windowMs: number };
  /** Community groups (topic or id) that need an @ even in listen mode (BOT_MENTION_ROOMS). */
  mentionOnlyRooms?: string[];
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  feedPollMs?: number;
  log?: BotLog;
}

export interface LinliBot {
  start(): Promise<void>;
  stop(): Promise<void>;
  wechaty: Wechaty;
  api: ServerApi;
  outbox: Outbox<ReportJob, ReportResult>;
}

export function createBot(o: CreateBotOptions): LinliBot {
  const env = readEnv();
  const log = o.log ?? createLog(env.logLevel);
  const dataDir = o.dataDir ?? env.dataDir;
  fs.mkdirSync(dataDir, { recursive: true });
  const wechaty = WechatyBuilder.build({ puppet: o.puppet as never, puppetOptions: o.puppetOptions as never, name: o.name ?? path.join(dataDir, env.sessionName) });
  const api = new ServerApi(o.serverUrl.replace(/\/$/, ''), o.token, o.communityId);
  const transcriber = o.transcriber ?? transcriberFromEnv(env);
  const speaker = o.speaker ?? speakerFromEnv(env);
  const topics = new Set(o.rooms?.topics ?? env.roomTopics);
  const ids = new Set(o.rooms?.ids ?? env.roomIds);

  const ctx: BotContext = {
    wechaty,
    api,
    transcriber,
    communityId: o.communityId,
    log,
    outbox: undefined as unknown as Outbox<ReportJob, ReportResult>,
    async isCommunityRoom(room) {
      if (!topics.size && !ids.size) return true;
      return ids.has(room.id) || topics.has(await room.topic());
    },
    async say(to, text, opts) {
      try {
        const ok = await speak(wechaty, to, text, opts?.mention ?? true);
        if (!ok) log.warn('reply target not found', { to });
      } catch (err) {
        log.error('saying failed', { err: (err as Error).message });
      }
    },
    speaker,
    asks: new PlaceAsks(dataDir),
    confirms: new ReportConfirms(dataDir),
    async sayVoice(to, text) {
      if (speaker.name === 'none') return;
      try {
        const silk = await speaker.speak(text);
        if (!(await speakVoice(wechaty, to, silk))) log.warn('voice reply target not found', { to });
      } catch (err) {
        log.warn('voice reply failed; the text reply stands', { provider: speaker.name, err: (err as Error).message });
      }
    },
  };
  const outbox = new Outbox<ReportJob, ReportResult>({
    dir: dataDir,
    deliver: reportDeliverer(api, transcriber, log),
    onLateDelivery: async (job, r) => {
      const text = receipt(job.data, r, true);
      if (text && job.data.type !== 'transcribe') await ctx.say(job.data.reply, text);
    },
    onGiveUp: async (job, err) => {
      if (job.data.type === 'transcribe') return log.warn('giving up on recognition; staff will listen', { ticket: job.data.ticketNo, err: (err as Error).message });
      await ctx.say(job.data.reply, `抱歉，登记没有成功（${(err as Error).message}），请联系社区工作人员`);
    },
    baseDelayMs: o.retry?.baseDelayMs ?? 2000,
    maxDelayMs: o.retry?.maxDelayMs ?? 5 * 60_000,
    log: (msg, extra) => log.info(msg, extra),
  });
  ctx.outbox = outbox;
  const consumer = new FeedConsumer(ctx, { serverUrl: api.baseUrl, token: o.token, dataDir, pollMs: o.feedPollMs });

  wechaty.use(IntakePlugin(ctx, { rateLimit: o.rateLimit ?? env.rateLimit, groupMode: o.groupMode ?? env.groupMode, listenLimit: o.listenLimit, mentionOnlyRooms: o.mentionOnlyRooms ?? env.mentionOnlyRooms }), BroadcastPlugin(consumer), MembersPlugin(ctx));
  // Replay what is pending once the bot can speak again.
  wechaty.on('login', (user) => {
    log.info('bot logged in', { name: user.name() });
    outbox.resume();
  });
  wechaty.on('error', (err) => log.error('wechaty error', { err: (err as Error).message }));

  return {
    wechaty,
    api,
    outbox,
    async start() {
      outbox.open();
      await wechaty.start();
    },
    async stop() {
      await consumer.stop();
      outbox.close();
      await wechaty.stop();
    },
  };
}

export { ServerApi } from './api';
export { transcriberFromEnv, NoTranscriber, TencentTranscriber, type Transcriber } from './transcriber';
export { speakerFromEnv, NoSpeaker, TencentSpeaker, type Speaker } from './speech';
