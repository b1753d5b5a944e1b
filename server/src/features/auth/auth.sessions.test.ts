// Issue 12 medium 9: framing and script injection headers, and staff tokens that can be revoked (logout, password change, disable, sign out everywhere).
import jwt from 'jsonwebtoken';
import { io as ioClient } from 'socket.io-client';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const login = async (username = 'admin', password = 'linli-demo') => {
  const r = await s.request('POST', '/api/auth/staff/login', { body: { username, password } });
  expect(r.status).toBe(200);
  return r.body as { token: string; refreshToken: string; expiresIn: number; user: { id: string }; mustChangePassword: boolean };
};
const me = (token: string) => s.request('GET', '/api/me', { token }).then((r) => r.status);
/** 'ok' when the socket handshake accepts the token, else the refusal. */
const handshake = (token: string) =>
  new Promise<string>((resolve) => {
    const c = ioClient(s.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    c.once('connect', () => (c.disconnect(), resolve('ok')));
    c.once('connect_error', (e) => (c.disconnect(), resolve(e.message)));
  });

it('pages and the API cannot be framed and run no inline or foreign script', async () => {
  for (const path of ['/panel/', '/h5/', '/api/docs', '/api/me', '/api/openapi.json']) {
    const r = await s.request('GET', path);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval'|\*)/);
    if (!path.startsWith('/api/') || path === '/api/docs') expect(csp).toContain("script-src 'self'");
    else expect(csp).toContain("default-src 'none'");
  }
});

it('a 30-minute access token and a single-use refresh token; a replayed refresh token ends the session', async () => {
  const a = await login();
  expect(a.expiresIn).toBe(1800);
  const claims = jwt.decode(a.token) as { exp: number; iat: number };
  expect(claims.exp - claims.iat).toBe(1800);
  const r1 = await s.request('POST', '/api/auth/staff/refresh', { body: { refreshToken: a.refreshToken } });
  expect(r1.status).toBe(200);
  expect(await me(r1.body.token)).toBe(200);
  // The stolen (old) refresh token is replayed: refused, and the session it belonged to is over for everyone.
  const replay = await s.request('POST', '/api/auth/staff/refresh', { body: { refreshToken: a.refreshToken } });
  expect(replay.status).toBe(401);
  expect(await me(r1.body.token)).toBe(401);
  expect((await s.request('POST', '/api/auth/staff/refresh', { body: { refreshToken: r1.body.refreshToken } })).status).toBe(401);
});

it('logout ends the token on HTTP and sockets; other sessions stay', async () => {
  const a = await login();
  const b = await login();
  expect(await handshake(a.token)).toBe('ok');
  expect((await s.request('POST', '/api/auth/logout', { token: a.token })).status).toBe(204);
  expect(await me(a.token)).toBe(401);
  expect(await handshake(a.token)).toBe('UNAUTHORIZED');
  expect((await s.request('POST', '/api/auth/staff/refresh', { body: { refreshToken: a.refreshToken } })).status).toBe(401);
  expect(await me(b.token)).toBe(200);
});

it('a staff token without a session (the old 12-hour kind, or forged) is refused', async () => {
  const a = await login('zhangli');
  const bare = jwt.sign({ kind: 'staff', id: a.user.id, communityId: s.communityId, roles: ['admin'], buildings: [], name: 'x' }, s.config.JWT_SECRET, { expiresIn: 3600 });
  expect(await me(bare)).toBe(401);
  expect(await handshake(bare)).toBe('UNAUTHORIZED');
});

it('a token revoked in the database behind the server (no request) is refused within a second', async () => {
  const a = await login('zhangli');
  expect(await me(a.token)).toBe(200);
  await s.app.conn.collection('staff').updateOne({ username: 'zhangli' }, { $inc: { tokenVersion: 1 } });
  await new Promise((r) => setTimeout(r, 1050)); // TOKEN_CHECK_CACHE_MS, and a timer may fire a millisecond early
  expect(await me(a.token)).toBe(401);
  expect(await handshake(a.token)).toBe('UNAUTHORIZED');
});

it('sign out everywhere, a password change and disabling invalidate every older token', async () => {
  const one = await login('zhangli');
  const two = await login('zhangli');
  // Each token is used before its revocation: the node has found it valid (and keeps that for a second) and must drop it.
  expect(await me(two.token)).toBe(200);
  expect((await s.request('POST', '/api/auth/logout-all', { token: one.token })).status).toBe(204);
  expect(await me(one.token)).toBe(401);
  expect(await me(two.token)).toBe(401);

  const three = await login('zhangli');
  const four = await login('zhangli');
  expect(await me(four.token)).toBe(200);
  const changed = await s.request('POST', '/api/auth/password', { token: three.token, body: { currentPassword: 'linli-demo', newPassword: 'Blue-river-2026' } });
  expect(changed.status).toBe(200);
  expect(await me(three.token)).toBe(401);
  expect(await me(four.token)).toBe(401);
  expect(await me(changed.body.token)).toBe(200);
  expect((await s.request('POST', '/api/auth/staff/login', { body: { username: 'zhangli', password: 'linli-demo' } })).status).toBe(401);

  const admin = (await login()).token;
  const live = await s.socket(changed.body.token);
  const ended = new Promise<string>((r) => live.once('disconnect', r));
  expect((await s.request('POST', `/api/staff/${changed.body.user.id}/disable`, { token: admin })).status).toBe(200);
  expect(await ended).toBe('io server disconnect');
  expect(await me(changed.body.token)).toBe(401);
  expect(await handshake(changed.body.token)).toBe('UNAUTHORIZED');
  expect((await s.request('POST', '/api/auth/staff/login', { body: { username: 'zhangli', password: 'Blue-river-2026' } })).status).toBe(401);
  expect((await s.request('POST', `/api/staff/${changed.body.user.id}/enable`, { token: admin })).status).toBe(200);
  expect((await s.request('POST', '/api/auth/staff/login', { body: { username: 'zhangli', password: 'Blue-river-2026' } })).status).toBe(200);
});

it('an account an admin created or reset must change its password before anything else', async () => {
  const admin = (await login()).token;
  const created = await s.request('POST', '/api/staff', { token: admin, body: { username: 'newcomer', password: 'Temp-pass-4821', name: '新同事', roles: ['staff'] } });
  expect(created.status).toBe(201);
  const first = await login('newcomer', 'Temp-pass-4821');
  expect(first.mustChangePassword).toBe(true);
  const blocked = await s.request('GET', '/api/tickets', { token: first.token });
  expect(blocked.status).toBe(403);
  expect(blocked.body.error.message).toMatch(/请先修改密码/);
  expect(await handshake(first.token)).toBe('PASSWORD_CHANGE_REQUIRED');
  const changed = await s.request('POST', '/api/auth/password', { token: first.token, body: { currentPassword: 'Temp-pass-4821', newPassword: 'My-own-pass-9034' } });
  expect(changed.status).toBe(200);
  expect(changed.body.mustChangePassword).toBe(false);
  expect((await s.request('GET', '/api/tickets', { token: changed.body.token })).status).toBe(200);

  // An admin reset: the old password and sessions stop, the temporary one must be changed again.
  expect((await s.request('POST', `/api/staff/${created.body.id}/password`, { token: admin, body: { password: 'Reset-pass-7712' } })).status).toBe(200);
  expect(await me(changed.body.token)).toBe(401);
  expect((await login('newcomer', 'Reset-pass-7712')).mustChangePassword).toBe(true);
  // Only admins may reset, disable or sign others out.
  const grid = (await login('wanggang')).token;
  for (const action of ['password', 'disable', 'enable', 'unlock', 'logout-all'])
    expect((await s.request('POST', `/api/staff/${created.body.id}/${action}`, { token: grid, body: action === 'password' ? { password: 'Grid-pass-55555' } : {} })).status).toBe(403);
});
