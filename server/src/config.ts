// The only reader of process.env: parsed once with zod, frozen, fails fast with every missing setting named.
import crypto from 'node:crypto';
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { MIN_SECRET_BITS, weakSecrets } from './secret-strength';

const bool = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  /** Tencent Cloud SMS (notices): endpoint host[:port]; plain http is used for 127.0.0.1 (tests, local fakes). */
  TENCENT_SMS_ENDPOINT: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'TENCENT_SMS_ENDPOINT must be host[:port]').default('sms.tencentcloudapi.com'),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  TENCENTCLOUD_SECRET_ID: z.string().optional(),
  TENCENTCLOUD_SECRET_KEY: z.string().optional(),
  TENCENT_SMS_SDK_APPID: z.string().optional(),
  TENCENT_SMS_SIGN: z.string().optional(),
  /** Notice SMS template with one variable {1} = the notice title. */
  TENCENT_SMS_TEMPLATE_ID: z.string().optional(),
  /** WeChat subscribe-message template for notices (fields thing1 = title, thing2 = category, time3 = time). */
  WECHAT_NOTICE_TEMPLATE_ID: z.string().optional(),
  /** First retry delay of a failed SMS / subscribe delivery (doubles each attempt), and how many attempts in all. */
  NOTICE_RETRY_BASE_MS: z.coerce.number().int().min(10).default(60_000),
  NOTICE_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  /** Multiplies the wait before a notice's door-knock list is made (1 in production; drills and tests use a small factor). */
  NOTICE_DOOR_KNOCK_SCALE: z.coerce.number().positive().max(100).default(1),
  /** Elderly care: the quiet hours of every elder without her own (Shanghai time, HH:MM-HH:MM, or off): no check-in question inside. */
  CARE_QUIET_HOURS: z.string().regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'CARE_QUIET_HOURS must be HH:MM-HH:MM or off').default('22:00-07:00'),
  /** Alert SMS (notifications): template with {1} who, {2} what, {3} where, e.g. "{1}在{2}发出{3}，请立即处理". Unset = no alert SMS. */
  TENCENT_SMS_ALERT_TEMPLATE_ID: z.string().optional(),
  /** "Someone took it" SMS to the others reached: {1} who, {2} what, {3} the staff member, e.g. "{1}的{2}已由{3}接单，正在处理". */
  TENCENT_SMS_ACK_TEMPLATE_ID: z.string().optional(),
  /** Asking the elder herself after a missed check-in ({1} her name: "{1}，您今天还好吗？回复1报平安"). */
  TENCENT_SMS_CHECK_TEMPLATE_ID: z.string().optional(),
  /** 接诉即办 ladder SMS to staff: {1} ticket number, {2} the step (催办/督办/街道督办), {3} the deadline, e.g. "工单{1}{2}：请在{3}前处理". */
  TENCENT_SMS_LADDER_TEMPLATE_ID: z.string().optional(),
  /** 回访 SMS to a resident without a bound WeChat: {1} ticket number, {2} what she reported, e.g. "您反映的{2}（{1}）已办结，请在小程序评价". */
  TENCENT_SMS_REVISIT_TEMPLATE_ID: z.string().optional(),
  /** Tencent Cloud voice messages (VMS SendTtsVoice): endpoint host[:port]; plain http for 127.0.0.1 (local fakes). */
  TENCENT_VMS_ENDPOINT: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'TENCENT_VMS_ENDPOINT must be host[:port]').default('vms.tencentcloudapi.com'),
  TENCENT_VMS_REGION: z.string().default('ap-guangzhou'),
  TENCENT_VMS_SDK_APPID: z.string().optional(),
  /** TTS voice template with {1} who, {2} what, {3} where; read aloud to each recipient of a critical personal alert. */
  TENCENT_VMS_TEMPLATE_ID: z.string().optional(),
  /** The same question read aloud to the elder ({1} her name). */
  TENCENT_VMS_CHECK_TEMPLATE_ID: z.string().optional(),
  TENCENT_VMS_PLAY_TIMES: z.coerce.number().int().min(1).max(3).default(2),
  /** Shared secret in the provider callback URLs (/api/notifications/callbacks/<token>/sms|voice); derived from JWT_SECRET when unset. */
  NOTIFY_CALLBACK_TOKEN: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'NOTIFY_CALLBACK_TOKEN must be 16-128 of A-Z a-z 0-9 _ -').optional(),
  /** First retry of a failed alert SMS / call (doubles per attempt), and how many attempts in all per recipient and channel. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  NOTIFY_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  /** How long the one-tap link in an alert SMS (<PUBLIC_URL>/a/<code>) works. */
  NOTIFY_ACK_LINK_TTL_HOURS: z.coerce.number().positive().max(168).default(24),
  NODE_ENV: z.string().default('development'),
  /** production refuses to start without real secrets; demo generates them. */
  LINLI_MODE: z.enum(['demo', 'production']).default('demo'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb://').optional(),
  FERRETDB_BIN: z.string().optional(),
  /** Embedded database (no MONGODB_URI): `in-process` = the server starts FerretDB itself; `separate` = a supervised database process runs it (npm start, systemd) and the server waits for its socket. */
  EMBEDDED_DB: z.enum(['in-process', 'separate']).default('in-process'),
  /** The storage under the embedded FerretDB: `postgresql` = a private PostgreSQL 15 cluster in DATA_DIR/ferretdb (advisory locks, GIN indexes); `sqlite` = explicit opt-in, not run by CI. */
  LINLI_DB_ENGINE: z.enum(['postgresql', 'sqlite']).default('postgresql'),
  /** How long the server waits at start for an unreachable database before it exits (its supervisor then restarts it). */
  DB_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  DEV_LOGIN: bool,
  BOT_TOKEN: z.string().min(16, 'BOT_TOKEN must be at least 16 characters').optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(12 * 3600),
  /** Staff access tokens are short; the panel renews them with a refresh token that lives STAFF_SESSION_TTL_SECONDS after its last use. */
  STAFF_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(30 * 60),
  STAFF_SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(30 * 86400).default(12 * 3600),
  /** Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, e.g. 127.0.0.1,10.0.0.0/8); unset = none. */
  TRUSTED_PROXIES: z.string().optional(),
  /** One bot token per community: `beimen:token1,other:token2` (BOT_TOKEN alone serves COMMUNITY_ID). */
  BOT_TOKENS: z
    .string()
    .regex(/^[a-z0-9-]{2,32}:[^,:\s]{16,200}(,[a-z0-9-]{2,32}:[^,:\s]{16,200})*$/, 'BOT_TOKENS must be community:token pairs (tokens ≥ 16 chars), comma-separated')
    .optional(),
  /** Bearer token a Prometheus scraper off this host sends to GET /metrics (on the host, loopback needs none); unset = loopback only. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** Tests only (NODE_ENV=test): a cheaper scrypt cost (log2 N) so suites stay fast; refused anywhere else. */
  TEST_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(17).optional(),
  COMMUNITY_ID: z.string().regex(/^[a-z0-9-]{2,32}$/).default('beimen'),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  /** How often the timer sweep looks for due timers armed by other nodes (ms). */
  TIMER_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  SEED_DEMO: bool,
  /** Device events over MQTT (e.g. mqtt://127.0.0.1:1883); unset = HTTP ingestion only. */
  /** Several server nodes on MongoDB: Socket.io events cross nodes through this Redis (the embedded engine uses its PostgreSQL). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be redis:// or rediss://').optional(),
  MQTT_URL: z.string().regex(/^(mqtts?|wss?|tcp|ssl):\/\//, 'MQTT_URL must be mqtt://, mqtts://, ws:// or wss://').optional(),
  MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  /** The server's own broker account (default linli-server-<COMMUNITY_ID>); with use_username_as_clientid it is also its client id. */
  MQTT_USERNAME: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'MQTT_USERNAME: 1-64 of A-Z a-z 0-9 _ . -').optional(),
  MQTT_PASSWORD: z.string().min(16, 'MQTT_PASSWORD needs at least 16 characters').optional(),
  /** Where the server keeps Mosquitto's password file and ACL (`passwd`, `acl`): devices log in with their id and key and may publish only to their own topic. */
  MQTT_BROKER_AUTH_DIR: z.string().optional(),
  /** Mosquitto's pid_file: SIGHUP after each rewrite of those files (unset = a file watcher reloads the broker). */
  MQTT_BROKER_PID_FILE: z.string().optional(),
  /** Same device + type while the alert is open and last seen within this window → one alert with a count. */
  ALERT_DEDUPE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Device events whose timestamp is further than this from the server clock are rejected (replay window). */
  DEVICE_EVENT_MAX_SKEW_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** Multiplies every escalation limit (1 in production; drills and tests use a small factor). */
  ALERT_ESCALATION_SCALE: z.coerce.number().positive().max(100).default(1),
  /** Multiplies every service deadline (签收, 办结, the 催办/督办 ladder, extensions): 1 in production; drills and tests use a small factor (every clock then runs day and night). */
  SERVICE_CLOCK_SCALE: z.coerce.number().positive().max(100).default(1),
  /** Smart broadcast: Tencent Cloud TTS (TextToVoice, official SDK) with TENCENTCLOUD_SECRET_ID/_KEY; host[:port], plain http for 127.0.0.1 (local fakes). */
  TENCENT_TTS_ENDPOINT: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'TENCENT_TTS_ENDPOINT must be host[:port]').default('tts.tencentcloudapi.com'),
  TENCENT_TTS_REGION: z.string().default('ap-shanghai'),
  TENCENT_TTS_VOICE_TYPE: z.coerce.number().int().min(0).optional(),
  /** How speakers fetch broadcast audio (signed URLs): the server's address as the speakers reach it; default PUBLIC_URL, else http://127.0.0.1:PORT. */
  BROADCAST_AUDIO_BASE_URL: z.string().url().optional(),
  /** How play commands reach speakers: mqtt (MQTT_URL), simulated (in-process speakers, demo), none; auto = mqtt with MQTT_URL, simulated in demo mode, else none. */
  BROADCAST_TRANSPORT: z.enum(['auto', 'mqtt', 'simulated', 'none']).default('auto'),
  /** Broadcast speech: tencent (TextToVoice), espeak (Debian espeak-ng, offline, demo quality), none; auto = tencent with TENCENTCLOUD keys, espeak in demo mode when installed, else none. */
  BROADCAST_TTS: z.enum(['auto', 'tencent', 'espeak', 'none']).default('auto'),
  /** Quiet hours (Shanghai time, HH:MM-HH:MM): non-urgent broadcasts due inside them are held until they end. */
  BROADCAST_QUIET_HOURS: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'BROADCAST_QUIET_HOURS must be HH:MM-HH:MM').default('22:00-07:00'),
  /** Demo mode: the bot's local 群聊模拟 API (e.g. http://127.0.0.1:3011), proxied for staff at /api/bot/demo/*. */
  BOT_DEMO_URL: z.string().regex(/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/, 'BOT_DEMO_URL must be http://127.0.0.1:PORT').optional(),
});

export type Config = Readonly<
  Omit<z.infer<typeof EnvSchema>, 'JWT_SECRET' | 'BOT_TOKEN' | 'NOTIFY_CALLBACK_TOKEN' | 'TRUSTED_PROXIES' | 'BOT_TOKENS'> & {
    /** Parsed TRUSTED_PROXIES (empty: X-Forwarded-For is never believed). */
    TRUSTED_PROXIES: string[];
    /** community id → its bot token (BOT_TOKEN serves COMMUNITY_ID unless BOT_TOKENS names it). */
    BOT_TOKENS: Readonly<Record<string, string>>;
    JWT_SECRET: string;
    BOT_TOKEN: string;
    NOTIFY_CALLBACK_TOKEN: string;
    DATA_DIR: string;
    generatedSecrets: string[];
  }
>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<string, string>> = {}): Config {
  // An empty variable (`MONGODB_URI=` in a .env file) means "not set".
  const merged = Object.fromEntries(Object.entries({ ...env, ...overrides }).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.MQTT_BROKER_AUTH_DIR && !e.MQTT_PASSWORD) throw new ConfigError('MQTT_BROKER_AUTH_DIR needs MQTT_PASSWORD: the server writes its own broker account there');
  const generated: string[] = [];
  if (e.LINLI_MODE === 'production') {
    const missing: string[] = [];
    if (!e.JWT_SECRET) missing.push('JWT_SECRET');
    if (!e.BOT_TOKEN) missing.push('BOT_TOKEN');
    if (!e.WECHAT_APPID) missing.push('WECHAT_APPID');
    if (!e.WECHAT_SECRET) missing.push('WECHAT_SECRET');
    if (e.DEV_LOGIN) missing.push('DEV_LOGIN must be off in production');
    // An anonymous broker lets any subscriber read device events and anyone publish them (issue 12).
    if (e.MQTT_URL && !e.MQTT_PASSWORD) missing.push('MQTT_PASSWORD (with MQTT_URL)');
    if (e.MQTT_URL && !e.MQTT_BROKER_AUTH_DIR) missing.push('MQTT_BROKER_AUTH_DIR (with MQTT_URL)');
    if (missing.length) throw new ConfigError(`Production mode needs real settings, missing: ${missing.join(', ')}`);
    // Length alone let 32 × "a" through and a token forged with it was accepted (issue 12): estimate the entropy.
    const weak = weakSecrets({
      JWT_SECRET: { value: e.JWT_SECRET, minBits: MIN_SECRET_BITS.JWT_SECRET },
      BOT_TOKEN: { value: e.BOT_TOKEN, minBits: MIN_SECRET_BITS.token },
      NOTIFY_CALLBACK_TOKEN: { value: e.NOTIFY_CALLBACK_TOKEN, minBits: MIN_SECRET_BITS.token },
      MQTT_PASSWORD: { value: e.MQTT_PASSWORD, minBits: MIN_SECRET_BITS.token },
      ...Object.fromEntries(botTokenPairs(e.BOT_TOKENS).map(([c, t]) => [`BOT_TOKENS[${c}]`, { value: t, minBits: MIN_SECRET_BITS.token }])),
    });
    if (weak.length) throw new ConfigError(`Production mode refuses guessable secrets (generate them with \`openssl rand -hex 32\`): ${weak.join(', ')}`);
  }
  if (e.TEST_SCRYPT_LOG_N !== undefined && (e.NODE_ENV !== 'test' || e.LINLI_MODE === 'production'))
    throw new ConfigError('TEST_SCRYPT_LOG_N is for tests only (NODE_ENV=test): real password hashes keep the full cost');
  const trustedProxies = (e.TRUSTED_PROXIES ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  try {
    proxyaddr.compile(trustedProxies);
  } catch (err) {
    throw new ConfigError(`TRUSTED_PROXIES: ${(err as Error).message}`);
  }
  const secret = (name: string, v: string | undefined) => {
    if (v) return v;
    generated.push(name);
    return crypto.randomBytes(32).toString('hex');
  };
  const jwtSecret = secret('JWT_SECRET', e.JWT_SECRET);
  return Object.freeze({
    ...e,
    DATA_DIR: path.resolve(e.DATA_DIR),
    JWT_SECRET: jwtSecret,
    BOT_TOKEN: secret('BOT_TOKEN', e.BOT_TOKEN),
    TRUSTED_PROXIES: trustedProxies,
    BOT_TOKENS: Object.freeze(Object.fromEntries(botTokenPairs(e.BOT_TOKENS))),
    // Derived rather than random so the URL registered with Tencent survives restarts whenever JWT_SECRET is set (demo: generated with it).
    NOTIFY_CALLBACK_TOKEN:
      e.NOTIFY_CALLBACK_TOKEN ?? crypto.createHmac('sha256', jwtSecret).update('linli-notify-callback').digest('base64url').slice(0, 32),
    generatedSecrets: generated,
  });
}

function botTokenPairs(v: string | undefined): [string, string][] {
  return (v ?? '').split(',').filter(Boolean).map((pair) => {
    const i = pair.indexOf(':');
    return [pair.slice(0, i), pair.slice(i + 1)];
  });
}

/** For process entry points: a configuration error is printed and exits 78 (EX_CONFIG), which supervisors do not restart. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}
