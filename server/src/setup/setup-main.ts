// `npm run setup`: asks for (or takes as flags) a community and its first admin, completes .env with generated secrets, and creates both.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { StaffCreate } from '@linli/contracts';
import { ConfigError, loadConfig } from '../config';
import { TokenService } from '../core/tokens';
import { connectDb } from '../db/connection';
import { embeddedDbRunning, embeddedSocketPath, REPO_ROOT, startEmbeddedDb, unixSocketUri, type EmbeddedDb } from '../db/embedded';
import { CommunityService } from '../features/communities/community.service';
import { checkPasswordPolicy } from '../features/staff/password';
import { StaffService } from '../features/staff/staff.service';
import { completeEnvFile, randomSecret, readEnvFile, type EnvEntry } from './env-file';
import { defaultTicketPrefix, setupCommunity, type CommunitySetup } from './setup-community';
import { setupStreet, type StreetSetup } from './setup-street';

const USAGE = `npm run setup -- [--community-id beimen] [--community-name 北门社区] [--admin <username>] [--admin-password <password>]
                 [--admin-name 社区管理员] [--ticket-prefix BM] [--buildings 1号楼,2号楼] [--env-path .env] [--yes]
                 [--street-id beimen-jiedao --street-name 北门街道 [--street-account jiedao --street-password <password>
                  [--street-account-name 北门街道]]]
Without flags it asks. Run it again to add another community; what exists is left as it is.
--street-id puts this community under that street (街道; created on first use). --street-account makes the street's
read-only account (KPIs and supervised tickets of all its communities), homed in this community.`;

/** A mistake in what was asked for: reported in one line, exit code 2 (1 for a conflict with what exists). */
class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Prompts on a terminal; the password is read without echo. */
function prompter() {
  let muted = false;
  const output = new Writable({
    write(chunk, enc, cb) {
      if (!muted) process.stdout.write(chunk, enc);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return {
    async ask(question: string, fallback?: string): Promise<string> {
      const a = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
      return a || fallback || '';
    },
    async secret(question: string): Promise<string> {
      process.stdout.write(`${question}: `);
      muted = true;
      try {
        return await rl.question('');
      } finally {
        muted = false;
        process.stdout.write('\n');
      }
    },
    close: () => rl.close(),
  };
}

async function gather(argv: string[]): Promise<{ input: CommunitySetup; envFile: string; street?: StreetSetup }> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'community-id': { type: 'string' },
      'community-name': { type: 'string' },
      admin: { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
      'ticket-prefix': { type: 'string' },
      buildings: { type: 'string' },
      'env-path': { type: 'string' },
      'street-id': { type: 'string' },
      'street-name': { type: 'string' },
      'street-account': { type: 'string' },
      'street-password': { type: 'string' },
      'street-account-name': { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const envFile = path.resolve(values['env-path'] ?? path.join(REPO_ROOT, '.env'));
  const interactive = process.stdin.isTTY && !values.yes;
  const p = interactive ? prompter() : null;
  try {
    const need = async (v: string | undefined, flag: string, question: string, fallback?: string) => {
      if (v) return v;
      if (!p) throw new UsageError(`--${flag} is required without a terminal (or pass --yes only with every value)\n\n${USAGE}`);
      return p.ask(question, fallback);
    };
    const communityId = await need(values['community-id'], 'community-id', '社区编号 community id (a-z 0-9 -)', readEnvFile(envFile).COMMUNITY_ID);
    const communityName = await need(values['community-name'], 'community-name', '社区名称 community name');
    const ticketPrefix = values['ticket-prefix'] ?? (p ? await p.ask('工单号前缀 ticket prefix', defaultTicketPrefix(communityId)) : defaultTicketPrefix(communityId));
    const username = await need(values.admin, 'admin', '管理员用户名 admin username', 'admin');
    let password = values['admin-password'];
    if (!password) {
      if (!p) throw new UsageError(`--admin-password is required without a terminal\n\n${USAGE}`);
      password = await p.secret('管理员密码 admin password (≥ 10, not a common one)');
      if ((await p.secret('再输入一次 again')) !== password) throw new UsageError('两次输入的密码不一致 (passwords differ)');
    }
    const input: CommunitySetup = {
      communityId,
      communityName,
      ticketPrefix,
      buildings: values.buildings?.split(/[,，]/).map((b) => b.trim()).filter(Boolean),
      admin: { username, password, name: values['admin-name'] ?? '社区管理员' },
    };
    validate(input);
    const street = streetInput(values, communityId);
    if (p) {
      console.log(`\n  社区 ${input.communityId} ${input.communityName}（工单号 ${input.ticketPrefix}-000001），管理员 ${username}\n  配置文件 ${envFile}`);
      if (!/^y(es)?$/i.test(await p.ask('确认 continue? (y/N)'))) throw new UsageError('cancelled', 1);
    }
    return { input, envFile, street };
  } finally {
    p?.close();
  }
}

/** The street flags (never asked for: a street is an operator's decision), checked like the admin's. */
function streetInput(values: Record<string, string | boolean | undefined>, communityId: string): StreetSetup | undefined {
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const streetId = v('street-id');
  if (!streetId) {
    if (v('street-name') || v('street-account') || v('street-password')) throw new UsageError('--street-name/--street-account need --street-id');
    return undefined;
  }
  const streetName = v('street-name');
  if (!streetName) throw new UsageError('--street-id needs --street-name (e.g. 北门街道)');
  const username = v('street-account');
  if (!username) return { streetId, streetName, communityId };
  const password = v('street-password');
  if (!password) throw new UsageError('--street-account needs --street-password');
  const account = { username, password, name: v('street-account-name') ?? streetName };
  const r = StaffCreate.safeParse({ ...account, roles: ['staff'] });
  if (!r.success) throw new UsageError(`street account: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  try {
    checkPasswordPolicy(password, username);
  } catch (err) {
    throw new UsageError(`street password: ${(err as Error).message}`);
  }
  return { streetId, streetName, communityId, account };
}

/** The same rules the API applies: the StaffCreate schema, the password policy, a community id the config accepts. */
function validate(input: CommunitySetup): void {
  if (!/^[a-z0-9-]{2,32}$/.test(input.communityId)) throw new UsageError('community id: 2-32 of a-z 0-9 - (e.g. beimen)');
  if (!input.communityName.trim() || input.communityName.length > 50) throw new UsageError('community name: 1-50 characters');
  if (!/^[A-Z0-9]{1,6}$/.test(input.ticketPrefix)) throw new UsageError('ticket prefix: 1-6 of A-Z 0-9');
  const r = StaffCreate.safeParse({ ...input.admin, roles: ['admin'] });
  if (!r.success) throw new UsageError(`admin: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  try {
    checkPasswordPolicy(input.admin.password, input.admin.username);
  } catch (err) {
    throw new UsageError(`admin password: ${(err as Error).message}`);
  }
}

/** What a production .env must have; only missing or empty keys are written, so secrets are generated once. */
function envEntries(input: CommunitySetup, dataDir: string, firstCommunity: string): EnvEntry[] {
  const entries: EnvEntry[] = [
    { key: 'NODE_ENV', value: () => 'production', comment: 'production: npm start runs the build (npm run build) with node' },
    { key: 'LINLI_MODE', value: () => 'production', comment: 'production refuses weak secrets, demo data and the dev login' },
    { key: 'DATA_DIR', value: () => dataDir, comment: 'embedded database, uploads, bot outbox (back this up)' },
    { key: 'HOST', value: () => '127.0.0.1', comment: 'nginx in front (deploy/nginx/linli.conf) terminates HTTPS; listen on loopback only' },
    { key: 'PORT', value: () => '3000' },
    { key: 'TRUSTED_PROXIES', value: () => '127.0.0.1', comment: "the nginx address(es) whose X-Forwarded-For is believed; change it if nginx runs elsewhere" },
    { key: 'COMMUNITY_ID', value: () => input.communityId, comment: 'the default community (the bot of BOT_TOKEN serves it)' },
    { key: 'JWT_SECRET', value: randomSecret, comment: 'generated by npm run setup; keep it secret, changing it signs everyone out' },
    { key: 'BOT_TOKEN', value: randomSecret, comment: "the group bot's service token for COMMUNITY_ID" },
    { key: 'WECHAT_APPID', value: () => '', placeholder: true, comment: 'fill in: the mini-program appid and secret (mp.weixin.qq.com → 开发管理 → 开发设置)' },
    { key: 'WECHAT_SECRET', value: () => '', placeholder: true },
  ];
  if (input.communityId !== firstCommunity) {
    // Another community: its bot gets a token of its own (a token acts only for its community).
    const pair = () => `${input.communityId}:${randomSecret()}`;
    entries.push({
      key: 'BOT_TOKENS',
      value: pair,
      comment: 'one bot token per further community (community:token, comma-separated)',
      merge: (cur) => (cur.split(',').some((p) => p.startsWith(`${input.communityId}:`)) ? null : `${cur},${pair()}`),
    });
  }
  return entries;
}

async function main() {
  const { input, envFile, street } = await gather(process.argv.slice(2));

  // Defaults as the server would read them from the environment as it is now (demo: no secrets needed yet).
  const before = loadConfig(process.env, { LINLI_MODE: 'demo' });
  const firstCommunity = readEnvFile(envFile).COMMUNITY_ID || input.communityId;
  const { added } = completeEnvFile(envFile, envEntries(input, before.DATA_DIR, firstCommunity), '# Linli 邻里 — written by npm run setup; every variable is described in .env.example');
  console.log(`[setup] ${envFile}: ${added.length ? `added ${added.join(', ')}` : 'complete already'}`);

  // The environment as start will see it: the process environment wins over the file.
  process.loadEnvFile(envFile);
  let todo: string | null = null;
  try {
    loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    todo = err.message;
  }
  const config = loadConfig(process.env, { LINLI_MODE: 'demo' });

  let embedded: EmbeddedDb | undefined;
  let uri = config.MONGODB_URI;
  if (!uri) {
    const dbDir = path.join(config.DATA_DIR, 'ferretdb');
    if (await embeddedDbRunning(dbDir)) uri = unixSocketUri(embeddedSocketPath(dbDir), 'linli');
    else {
      fs.mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
      embedded = await startEmbeddedDb({ dataDir: dbDir, binary: config.FERRETDB_BIN, engine: config.LINLI_DB_ENGINE });
      uri = embedded.uri;
    }
  }
  const conn = await connectDb(uri);
  try {
    const tokens = new TokenService(config);
    const communities = new CommunityService(conn);
    const staff = new StaffService(conn, {
      tokens,
      scryptLogN: config.TEST_SCRYPT_LOG_N,
      accessTtlSeconds: config.STAFF_ACCESS_TTL_SECONDS,
      sessionTtlSeconds: config.STAFF_SESSION_TTL_SECONDS,
    });
    // Indexes first (the unique username index among them): a fresh database gets them before the first write.
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const out = await setupCommunity({ communities, staff }, input);
    console.log(`[setup] community ${input.communityId} (${input.communityName}): ${out.communityCreated ? 'created' : 'exists, left as it was'}`);
    console.log(`[setup] admin ${input.admin.username}: ${out.admin === 'created' ? 'created' : 'exists, password unchanged (reset it in the panel)'}`);
    if (street) {
      const st = await setupStreet({ conn, communities, staff }, street);
      console.log(`[setup] street ${street.streetId} (${street.streetName}): communities ${st.communities.join(', ')}`);
      if (street.account) console.log(`[setup] street account ${street.account.username}: ${st.account === 'created' ? 'created' : 'exists, password unchanged'}`);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'CONFLICT' || code === 'VALIDATION') throw new UsageError(`${(err as Error).message} (${input.admin.username})`, 1);
    throw err;
  } finally {
    await conn.close();
    await embedded?.stop();
  }
  if (todo) console.log(`\n[setup] before \`npm start\` in production, edit ${envFile}:\n${todo}`);
  console.log('\n[setup] next: npm run build, then npm start (or the systemd units in deploy/systemd)');
}

main().catch((err: Error & { code?: string }) => {
  if (err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`\n[setup] ${err.message}`);
    process.exit(err instanceof UsageError ? err.exitCode : 2);
  }
  console.error(err);
  process.exit(1);
});
