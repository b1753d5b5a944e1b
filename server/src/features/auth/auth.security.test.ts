// Issue 12 attacks on sign-in: password guessing behind a forged X-Forwarded-For, weak passwords, low-cost hashes, unknown communities, one bot token for all.
import { PasswordHasher } from '../staff/password';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { loadConfig } from '../../config';

const login = (s: TestServer, username: string, password: string, headers: Record<string, string> = {}) =>
  s.request('POST', '/api/auth/staff/login', { body: { username, password }, headers });

describe('password guessing (high 1)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('40 wrong passwords with a rotating X-Forwarded-For, then the right one: the right one is refused too, until an admin unlocks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login(s, 'wanggang', `guess-${i}-xxxx`, { 'X-Forwarded-For': `203.0.113.${i}` })).status);
    const right = await login(s, 'wanggang', 'linli-demo', { 'X-Forwarded-For': '198.51.100.7' });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/密码错误次数过多/);
    expect(right.body.token).toBeUndefined();
    // Only the first few guesses were checked at all (a growing wait follows); the rest were refused unseen.
    const checked = statuses.filter((x) => x === 401).length;
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(checked).toBeLessThanOrEqual(6);
    expect(statuses.filter((x) => x !== 401 && x !== 429)).toEqual([]);

    // The victim gets back in once an admin lifts the throttle.
    const admin = await s.loginStaff();
    const accounts = await s.request('GET', '/api/staff/accounts', { token: admin });
    const victim = accounts.body.items.find((a: { username: string }) => a.username === 'wanggang');
    expect(victim.failedLogins).toBe(checked);
    expect((await s.request('POST', `/api/staff/${victim.id}/unlock`, { token: admin })).status).toBe(200);
    expect((await login(s, 'wanggang', 'linli-demo')).status).toBe(200);
  });

  it('ten wrong passwords lock the account; the lock holds against the right password and only an admin (or time) lifts it', async () => {
    const staff = s.app.conn.collection('staff');
    // Nine earlier failures, long enough ago that the growing wait has passed (the clock is not waited on).
    await staff.updateOne({ username: 'liumin' }, { $set: { failedLogins: 9, lastFailedAt: new Date(Date.now() - 3600_000) } });
    expect((await login(s, 'liumin', 'wrong-password-10')).status).toBe(401);
    const locked = await login(s, 'liumin', 'linli-demo');
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/锁定/);
    const doc = await staff.findOne({ username: 'liumin' });
    expect(doc!.lockedUntil.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);

    const admin = await s.loginStaff();
    const grid = await s.loginStaff('zhangli');
    expect((await s.request('POST', `/api/staff/${doc!._id}/unlock`, { token: grid })).status).toBe(403);
    expect((await login(s, 'liumin', 'linli-demo')).status).toBe(429);
    const unlocked = await s.request('POST', `/api/staff/${doc!._id}/unlock`, { token: admin });
    expect(unlocked.body).toMatchObject({ username: 'liumin', lockedUntil: null, failedLogins: 0 });
    expect((await login(s, 'liumin', 'linli-demo')).status).toBe(200);
  });

  it('common or short passwords are refused for new accounts, resets and changes; nothing is created', async () => {
    const admin = await s.loginStaff();
    const body = { username: 'weakpw', name: '弱密码', roles: ['staff'] };
    for (const password of ['12345678', 'password', '1234567890', 'password123', 'qwertyuiop', 'weakpw-1234']) {
      const r = await s.request('POST', '/api/staff', { token: admin, body: { ...body, password } });
      expect(r.status).toBe(422);
      expect(JSON.stringify(r.body.error)).toMatch(/密码(至少 10 位|太常见|不能包含用户名)/);
    }
    expect(await s.app.conn.collection('staff').countDocuments({ username: 'weakpw' })).toBe(0);
    const me = (await s.request('GET', '/api/me', { token: admin })).body.user;
    expect((await s.request('POST', `/api/staff/${me.id}/password`, { token: admin, body: { password: 'password' } })).status).toBe(422);
    const change = await s.request('POST', '/api/auth/password', { token: admin, body: { currentPassword: 'linli-demo', newPassword: 'iloveyou12' } });
    expect(change.status).toBe(422);
    expect((await login(s, 'admin', 'linli-demo')).status).toBe(200);
  });

  it('hashes cost 2^17 in production; older, cheaper hashes are replaced at the next sign-in', async () => {
    const prod = new PasswordHasher();
    const h = await prod.hash('a-strong-passphrase');
    expect(h.startsWith('scrypt$131072$')).toBe(true);
    expect(await prod.verify('a-strong-passphrase', h)).toBe(true);
    expect(await prod.verify('a-wrong-passphrase', h)).toBe(false);
    expect(() => loadConfig({ TEST_SCRYPT_LOG_N: '12' })).toThrow(/tests only/);

    const staff = s.app.conn.collection('staff');
    const old = await new PasswordHasher(10).hash('linli-demo');
    await staff.updateOne({ username: 'caiwu' }, { $set: { passwordHash: old } });
    expect((await login(s, 'caiwu', 'linli-demo')).status).toBe(200);
    const after = (await staff.findOne({ username: 'caiwu' }))!.passwordHash as string;
    expect(after).not.toBe(old);
    expect(after.startsWith(`scrypt$${2 ** 12}$`)).toBe(true);
    expect((await login(s, 'caiwu', 'linli-demo')).status).toBe(200);
  });
});

describe('unknown user names answer like real ones (no account enumeration)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('wrong passwords for a name that is no account are throttled with the same answers as for a real account', async () => {
    const run = async (username: string) => {
      const answers: Array<{ status: number; message: string }> = [];
      for (let i = 0; i < 8; i++) {
        const r = await login(s, username, `guess-${i}-xxxx`);
        answers.push({ status: r.status, message: String(r.body.error?.message ?? '').replace(/\d+/g, 'N') });
      }
      return answers;
    };
    const real = await run('wanggang');
    const ghost = await run('no-such-worker');
    for (const answers of [real, ghost]) {
      expect(answers.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
      expect(answers.some((a) => a.status === 429 && /密码错误次数过多/.test(a.message))).toBe(true);
    }
    expect(new Set(ghost.map((a) => JSON.stringify(a)))).toEqual(new Set(real.map((a) => JSON.stringify(a))));
  });
});

describe('one client, many usernames', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('a client guessing across many usernames is refused after 20 failures, whatever X-Forwarded-For it sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(s, `ghost${i}`, 'wrong-password', { 'X-Forwarded-For': `192.0.2.${i}` })).status);
    expect(statuses.slice(0, 20).every((x) => x === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });
});

describe('X-Forwarded-For from a trusted proxy', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(() => s.close());

  it('is walked right to left: an entry the client prepended does not change who it is', async () => {
    const statuses: number[] = [];
    // The proxy (127.0.0.1) appends the real client 198.51.100.9; the attacker's own entries come before it.
    for (let i = 0; i < 22; i++) statuses.push((await login(s, `ghost${i}`, 'wrong-password', { 'X-Forwarded-For': `10.9.9.${i}, 198.51.100.9` })).status);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another real client behind the same proxy is not affected.
    expect((await login(s, 'admin', 'linli-demo', { 'X-Forwarded-For': '198.51.100.10' })).status).toBe(200);
  });
});

describe('communities and bot tokens (low 13)', () => {
  let s: TestServer;
  const otherToken = 'b7e1c04f9a2d3e5f60718293a4b5c6d7';
  beforeAll(async () => {
    s = await startTestServer({ env: { BOT_TOKENS: `other-town:${otherToken}` } });
  });
  afterAll(() => s.close());

  it('a resident login naming a community that does not exist is refused and creates nothing', async () => {
    const r = await s.request('POST', '/api/auth/dev/login', { body: { openid: 'attacker-1' }, headers: { 'X-Community-Id': 'no-such-place' } });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/社区不存在/);
    expect(await s.app.conn.collection('residents').countDocuments({ communityId: 'no-such-place' })).toBe(0);
    expect(await s.app.conn.collection('residents').countDocuments({ openid: 'attacker-1' })).toBe(0);
    // The real community still works.
    expect((await s.request('POST', '/api/auth/dev/login', { body: { openid: 'resident-ok' }, headers: { 'X-Community-Id': s.communityId } })).status).toBe(200);
  });

  it("a community's bot token acts for that community only, whatever X-Community-Id says", async () => {
    const asOther = await s.request('GET', '/api/me', { token: s.config.BOT_TOKEN, headers: { 'X-Community-Id': 'other-town' } });
    expect(asOther.status).toBe(200);
    expect(asOther.body.communityId).toBe(s.communityId);
    const other = await s.request('GET', '/api/me', { token: otherToken, headers: { 'X-Community-Id': s.communityId } });
    expect(other.body.communityId).toBe('other-town');
    expect((await s.request('GET', '/api/bot/feed', { token: otherToken })).status).not.toBe(401);
  });
});

describe('weak secrets in production (medium 10)', () => {
  const base = { LINLI_MODE: 'production', BOT_TOKEN: '3f9c2a7e1b8d4c6f0a5e9b2d7c1f8a3e6b0d4c9f', WECHAT_APPID: 'wx1', WECHAT_SECRET: 'wxs' };
  it('refuses JWT_SECRET = 32 × "a" (the forged-admin attack) and other guessable secrets, naming them', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'a'.repeat(32) })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'password'.repeat(4) })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'abcdefghijklmnopqrstuvwxyz012345' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, JWT_SECRET: '9d4f1a7c3e8b2d6f0a5c9e1b7d3f8a2c', BOT_TOKEN: '1'.repeat(40) })).toThrow(/BOT_TOKEN/);
    expect(() => loadConfig({ ...base, JWT_SECRET: '9d4f1a7c3e8b2d6f0a5c9e1b7d3f8a2c', BOT_TOKENS: 'beimen:aaaaaaaaaaaaaaaaaaaa' })).toThrow(/BOT_TOKENS\[beimen\]/);
  });
  it('accepts random secrets', () => {
    const c = loadConfig({ ...base, JWT_SECRET: '9d4f1a7c3e8b2d6f0a5c9e1b7d3f8a2c' });
    expect(c.LINLI_MODE).toBe('production');
  });
});

