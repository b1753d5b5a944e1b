// Logins against a fake WeChat server, the dev login switch, staff accounts, health and config checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../config';
import { startTestServer, type TestServer } from '../../test-support/harness';

let wechat: http.Server;
let wechatUrl: string;
const wechatCalls: URL[] = [];

beforeAll(async () => {
  // Speaks the jscode2session protocol: code "good-*" → openid, anything else → errcode 40029.
  wechat = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    wechatCalls.push(url);
    res.setHeader('content-type', 'application/json');
    const code = url.searchParams.get('js_code') ?? '';
    if (url.pathname === '/sns/jscode2session' && code.startsWith('good-'))
      res.end(JSON.stringify({ openid: `wx-${code.slice(5)}`, session_key: 'k' }));
    else res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
  });
  await new Promise<void>((r) => wechat.listen(0, '127.0.0.1', r));
  wechatUrl = `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => wechat.close(() => r())));

describe('with WeChat configured and dev login off', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { DEV_LOGIN: '0', WECHAT_API_BASE: wechatUrl, WECHAT_APPID: 'wxapp', WECHAT_SECRET: 'wxsecret' } });
  });
  afterAll(() => s.close());

  it('a WeChat login with a registered openid becomes that resident', async () => {
    const admin = await s.loginStaff();
    const created = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: '测试居民', birthYear: 1960, building: '2号楼', unit: '1单元', room: '101', openid: 'wx-abc', tags: ['空巢'] },
    });
    expect(created.status).toBe(201);
    const r = await s.request('POST', '/api/auth/wechat/login', { body: { code: 'good-abc' } });
    expect(r.status).toBe(200);
    expect(r.body.resident.id).toBe(created.body.id);
    expect(r.body.resident.verified).toBe(true);
    const call = wechatCalls[wechatCalls.length - 1]!;
    expect(call.searchParams.get('appid')).toBe('wxapp');
    expect(call.searchParams.get('secret')).toBe('wxsecret');
    expect(call.searchParams.get('grant_type')).toBe('authorization_code');
    const me = await s.request('GET', '/api/me', { token: r.body.token });
    expect(me.body.resident.name).toBe('测试居民');
  });

  it('an unknown openid gets an unverified account that staff can later register', async () => {
    const r = await s.request('POST', '/api/auth/wechat/login', { body: { code: 'good-newcomer' } });
    expect(r.body.resident.verified).toBe(false);
    const admin = await s.loginStaff();
    const reg = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: '新住户', birthYear: 1995, building: '6号楼', unit: '2单元', room: '601', openid: 'wx-newcomer' },
    });
    expect(reg.status).toBe(201);
    expect(reg.body.id).toBe(r.body.resident.id);
    const dup = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: '冒名', birthYear: 1995, building: '6号楼', unit: '2单元', room: '602', openid: 'wx-newcomer' },
    });
    expect(dup.status).toBe(409);
  });

  it('a bad code is refused in Chinese; the dev login does not exist', async () => {
    const bad = await s.request('POST', '/api/auth/wechat/login', { body: { code: 'bad' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toMatch(/登录/);
    const dev = await s.request('POST', '/api/auth/dev/login', { body: { openid: 'demo-resident' } });
    expect(dev.status).toBe(404);
  });
});

describe('staff accounts and health', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('wrong passwords are refused; only admins create staff; roles shape what a token may do', async () => {
    expect((await s.request('POST', '/api/auth/staff/login', { body: { username: 'admin', password: 'nope' } })).status).toBe(401);
    expect((await s.request('POST', '/api/auth/staff/login', { body: { username: 'ghost', password: 'nope' } })).status).toBe(401);
    const admin = await s.loginStaff();
    const grid = await s.loginStaff('wanggang');
    const body = { username: 'newgrid', password: 'a-long-password', name: '新网格员', roles: ['grid'], buildings: ['1号楼'] };
    expect((await s.request('POST', '/api/staff', { token: grid, body })).status).toBe(403);
    const created = await s.request('POST', '/api/staff', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body.passwordHash).toBeUndefined();
    expect((await s.request('POST', '/api/staff', { token: admin, body })).status).toBe(409);
    expect((await s.request('POST', '/api/staff', { token: admin, body: { ...body, username: 'x', password: 'short' } })).status).toBe(422);
    const resident = (await s.loginResident('demo-resident')).token;
    expect((await s.request('GET', '/api/residents', { token: resident })).status).toBe(403);
    expect((await s.request('GET', '/api/staff', { token: resident })).status).toBe(403);
  });

  it('resident registry: bad input changes nothing, edits move the household', async () => {
    const admin = await s.loginStaff();
    const bad = await s.request('POST', '/api/residents', { token: admin, body: { name: '', birthYear: 3000, building: '1号楼' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.length).toBeGreaterThan(1);
    const list = await s.request('GET', '/api/residents?building=1号楼', { token: admin });
    const one = list.body.items[0];
    const moved = await s.request('PATCH', `/api/residents/${one.id}`, { token: admin, body: { building: '6号楼', room: '999' } });
    expect(moved.status).toBe(200);
    expect(moved.body.householdId).not.toBe(one.householdId);
    expect((await s.request('PATCH', `/api/residents/${one.id}`, { token: admin, body: { phone: '123' } })).status).toBe(422);
    expect((await s.request('PATCH', '/api/residents/not-an-id', { token: admin, body: {} })).status).toBe(422);
  });

  it('health is 200 with the database up and 503 once it is gone', async () => {
    const up = await s.request('GET', '/api/health');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ ok: true, db: 'up' });
    await s.app.conn.close();
    const down = await s.request('GET', '/api/health');
    expect(down.status).toBe(503);
    expect(down.body.db).toBe('down');
  });
});

describe('configuration', () => {
  it('production refuses to start without real secrets and names them', () => {
    expect(() => loadConfig({ LINLI_MODE: 'production' })).toThrow(/JWT_SECRET.*BOT_TOKEN.*WECHAT_APPID.*WECHAT_SECRET/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('demo mode generates the secrets it lacks and reports which', () => {
    const c = loadConfig({});
    expect(c.generatedSecrets).toEqual(['JWT_SECRET', 'BOT_TOKEN']);
    expect(c.JWT_SECRET).toHaveLength(64);
    expect(Object.isFrozen(c)).toBe(true);
  });
});
