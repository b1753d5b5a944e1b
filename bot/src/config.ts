// The bot's only reader of process.env: server, token, community, puppet, rooms, data dir, ASR (see .env.example).
import path from 'node:path';
import type { BotGroupMode } from '@linli/contracts';
import type { LogLevel } from './log';
import type { SpeakerEnv } from './speech';
import type { TranscriberEnv } from './transcriber';

export interface BotEnv extends TranscriberEnv, SpeakerEnv {
  serverUrl: string;
  token?: string;
  communityId: string;
  dataDir: string;
  puppet?: string;
  puppetToken?: string;
  /** Persistent session name: real puppets keep their login under it. */
  sessionName: string;
  roomTopics: string[];
  roomIds: string[];
  logLevel: LogLevel;
  /** Demo: port of the local 群聊模拟 API (127.0.0.1 only); 0 = off. */
  demoPort: number;
  rateLimit: { limit: number; windowMs: number };
  /** BOT_GROUP_MODE: listen (default) hears un-addressed reports and commands in community groups and asks before filing; auto files a bound resident's at once; mention needs an @. */
  groupMode: BotGroupMode;
  /** BOT_MENTION_ROOMS: community groups (topic or id) that need an @ even when the others listen. */
  mentionOnlyRooms: string[];
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function readEnv(env: NodeJS.ProcessEnv = process.env): BotEnv {
  const communityId = env.BOT_COMMUNITY_ID || env.COMMUNITY_ID || 'beimen';
  return {
    serverUrl: (env.BOT_SERVER_URL || env.LINLI_SERVER_URL || `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/$/, ''),
    token: env.BOT_TOKEN,
    communityId,
    dataDir: path.resolve(env.BOT_DATA_DIR || path.join(env.DATA_DIR || './data', 'bot', communityId)),
    puppet: env.WECHATY_PUPPET || undefined,
    puppetToken: env.WECHATY_PUPPET_SERVICE_TOKEN || undefined,
    sessionName: env.WECHATY_NAME || `linli-bot-${communityId}`,
    roomTopics: list(env.BOT_ROOM_TOPICS),
    roomIds: list(env.BOT_ROOM_IDS),
    logLevel: (env.BOT_LOG_LEVEL as LogLevel) || 'info',
    demoPort: Number(env.BOT_DEMO_PORT ?? 0) || 0,
    rateLimit: { limit: Number(env.BOT_RATE_LIMIT ?? 6) || 6, windowMs: Number(env.BOT_RATE_WINDOW_MS ?? 60_000) || 60_000 },
    groupMode: env.BOT_GROUP_MODE === 'mention' || env.BOT_GROUP_MODE === 'auto' ? env.BOT_GROUP_MODE : 'listen',
    mentionOnlyRooms: list(env.BOT_MENTION_ROOMS),
    ASR_PROVIDER: env.ASR_PROVIDER,
    TENCENTCLOUD_SECRET_ID: env.TENCENTCLOUD_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: env.TENCENTCLOUD_SECRET_KEY,
    TENCENT_ASR_REGION: env.TENCENT_ASR_REGION,
    TENCENT_ASR_ENDPOINT: env.TENCENT_ASR_ENDPOINT,
    TTS_PROVIDER: env.TTS_PROVIDER,
    TENCENT_TTS_REGION: env.TENCENT_TTS_REGION,
    TENCENT_TTS_ENDPOINT: env.TENCENT_TTS_ENDPOINT,
    TENCENT_TTS_VOICE_TYPE: env.TENCENT_TTS_VOICE_TYPE,
  };
}
