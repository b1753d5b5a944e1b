// Channel fan-out against fake Tencent SMS and WeChat servers on 127.0.0.1: a failing SMS channel is retried with backoff (across a restart) while push, feed, group and subscribe go out at once; consent and contact details decide who gets what.
import crypto from 'node:crypto';
import http from 'node:http';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

const SECRET_ID = 'AKIDtestnoticesms000000000000000';
const SECRET_KEY = 'test-secret-key-for-the-fake-sms';
/** The first SMS call hangs this long before failing: push and feed must not wait for it. */
const SLOW_MS = 3000;

interface SmsCall {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  signatureValid: boolean;
}

const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => crypto.createHmac('sha256', key).update(s).digest();

/** Recomputes Tencent Cloud's TC3-HMAC-SHA256 signature from the raw request, as the real endpoint does. */
function tc3Valid(req: http.IncomingMessage, raw: string): boolean {
  const auth = String(req.headers.authorization ?? '');
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m || m[1] !== SECRET_ID) return false;
  const [, , date, service, signedHeaders, signature] = m;
  const ts = Number(req.headers['x-tc-timestamp']);
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== date) return false;
  const canonicalHeaders = signedHeaders!
    .split(';')
    .map((h) => `${h}:${h === 'host' ? String(req.headers.host).split(':')[0] : String(req.headers[h])}\n`)
    .join('');
  const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(raw)].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(ts), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date!), service!), 'tc3_request');
  return crypto.createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server; port: number }> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

let srv: TestServer;
let sms: { server: http.Server; port: number };
let wx: { server: http.Server; port: number };
const smsCalls: SmsCall[] = [];
const wxCalls = { token: 0, sends: [] as { touser: string; token: string; body: any }[] };

beforeAll(async () => {
  sms = await listen(async (req, res) => {
    const raw = await readBody(req);
    const call: SmsCall = { at: Date.now(), headers: req.headers, body: JSON.parse(raw), signatureValid: tc3Valid(req, raw) };
    smsCalls.push(call);
    const reply = (x: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Response: { ...(x as object), RequestId: crypto.randomUUID() } }));
    };
    if (!call.signatureValid) return reply({ Error: { Code: 'AuthFailure.SignatureFailure', Message: '签名错误' } });
    // The first two calls fail (the first one slowly): the channel is down for a while.
    if (smsCalls.length === 1) return setTimeout(() => reply({ Error: { Code: 'InternalError.Timeout', Message: '请求超时' } }), SLOW_MS);
    if (smsCalls.length === 2) return reply({ Error: { Code: 'InternalError.RequestFailed', Message: '服务繁忙' } });
    reply({
      SendStatusSet: call.body.PhoneNumberSet.map((p: string) =>
        p.endsWith('0002')
          ? { SerialNo: '', PhoneNumber: p, Fee: 0, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: '手机号格式错误', IsoCode: 'CN' }
          : { SerialNo: crypto.randomUUID(), PhoneNumber: p, Fee: 1, Code: 'Ok', Message: 'send success', IsoCode: 'CN' },
      ),
    });
  });
  wx = await listen(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/cgi-bin/token') {
      wxCalls.token++;
      const ok = url.searchParams.get('appid') === 'wx-test-app' && url.searchParams.get('secret') === 'wx-test-secret';
      return res.end(JSON.stringify(ok ? { access_token: `tok-${wxCalls.token}`, expires_in: 7200 } : { errcode: 40013, errmsg: 'invalid appid' }));
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req));
      wxCalls.sends.push({ touser: body.touser, token: url.searchParams.get('access_token')!, body });
      if (body.touser === 'demo-zhaozhiqiang') return res.end(JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }));
      return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
  srv = await startTestServer({
    env: {
      TENCENT_SMS_ENDPOINT: `127.0.0.1:${sms.port}`,
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_SMS_SDK_APPID: '1400000001',
      TENCENT_SMS_SIGN: '北门社区',
      TENCENT_SMS_TEMPLATE_ID: '100001',
      WECHAT_API_BASE: `http://127.0.0.1:${wx.port}`,
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'wx-test-secret',
      WECHAT_NOTICE_TEMPLATE_ID: 'tmpl-notice',
      NOTICE_RETRY_BASE_MS: '300',
    },
  });
});

afterAll(async () => {
  await srv?.close();
  sms?.server.close();
  wx?.server.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await sleep(100);
  }
}

test('SMS down: retried with backoff across a restart; push, feed, group and subscribe are not held up', async () => {
  const admin = await srv.loginStaff();
  const byName = new Map<string, any>();
  for (const b of ['1号楼', '2号楼']) {
    for (const r of (await srv.request('GET', `/api/residents?building=${encodeURIComponent(b)}`, { token: admin })).body.items) byName.set(r.name, r);
  }
  const consent: Record<string, string[]> = {
    王秀兰: ['feed', 'push', 'group', 'sms', 'subscribe'],
    李建国: ['feed', 'push', 'sms', 'subscribe'], // phone, no WeChat binding
    赵志强: ['feed', 'push', 'subscribe'], // WeChat bound, said no to SMS
    // 张桂芳 keeps the defaults (feed, push, group): no SMS, no subscribe message.
  };
  for (const [name, channels] of Object.entries(consent)) {
    const r = await srv.request('PATCH', `/api/residents/${byName.get(name).id}`, { token: admin, body: { channels } });
    expect(r.status).toBe(200);
  }

  const wang = await srv.loginResident('demo-wangxiulan');
  const s = await srv.socket(wang.token);
  const pushed = nextEvent(s, 'notice:published', SLOW_MS, (n: any) => n.title === '明日停水');
  const t0 = Date.now();
  const created = await srv.request('POST', '/api/notices', {
    token: admin,
    body: {
      title: '明日停水',
      body: '1、2号楼明天 9:00–15:00 停水。',
      category: '停水停电',
      audience: { buildings: ['1号楼', '2号楼'] },
      channels: ['feed', 'push', 'group', 'sms', 'subscribe'],
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  // Push and feed arrive while the first SMS call is still hanging.
  const p = await pushed;
  expect(p.id).toBe(id);
  expect(Date.now() - t0).toBeLessThan(SLOW_MS - 500);
  expect(smsCalls.length).toBeLessThanOrEqual(1);
  expect((await srv.request('GET', '/api/notices', { token: wang.token })).body.items.map((n: any) => n.id)).toContain(id);
  // Group: queued for the bot; subscribe messages went out independently of SMS.
  const bot = await srv.request('GET', '/api/bot/feed?limit=100', { token: srv.config.BOT_TOKEN });
  expect(bot.body.items.filter((i: any) => i.ref === `notice:${id}`)).toHaveLength(1);
  await waitFor(async () => wxCalls.sends.length >= 2);

  // First SMS attempt failed and is waiting for its retry: restart the server in between.
  const receipt = async (name: string) => {
    const rec = (await srv.request('GET', `/api/notices/${id}/receipts`, { token: admin })).body;
    for (const b of rec.buildings) for (const x of [...b.read, ...b.unread]) if (x.name === name) return x;
    throw new Error(`no receipt for ${name}`);
  };
  await waitFor(async () => (await receipt('王秀兰')).deliveries.sms.attempts === 1);
  expect((await receipt('王秀兰')).deliveries.sms.status).toBe('pending');
  srv = await srv.restart();

  const admin2 = await srv.loginStaff();
  await waitFor(async () => {
    const rec = (await srv.request('GET', `/api/notices/${id}/receipts`, { token: admin2 })).body;
    const w = rec.buildings[0].unread.find((x: any) => x.name === '王秀兰');
    return w?.deliveries.sms.status === 'sent';
  });
  await waitFor(async () => (await srv.app.scheduler.get(`notice-deliver:${id}:sms`))?.status === 'done');
  const final = new Map<string, any>();
  for (const b of (await srv.request('GET', `/api/notices/${id}/receipts`, { token: admin2 })).body.buildings)
    for (const x of [...b.read, ...b.unread]) final.set(x.name, x.deliveries);

  expect(final.get('王秀兰')).toMatchObject({
    feed: { status: 'delivered' },
    push: { status: 'sent' },
    sms: { status: 'sent', attempts: 3 },
    subscribe: { status: 'sent', attempts: 1 },
  });
  expect(final.get('李建国')).toMatchObject({
    sms: { status: 'failed', attempts: 3, reason: expect.stringContaining('IncorrectPhoneNumber') },
    subscribe: { status: 'skipped', reason: '未绑定微信' },
  });
  expect(final.get('张桂芳')).toMatchObject({ sms: { status: 'skipped', reason: '未同意短信通知' }, subscribe: { status: 'skipped', reason: '未同意订阅消息' } });
  expect(final.get('赵志强')).toMatchObject({
    sms: { status: 'skipped', reason: '未同意短信通知' },
    subscribe: { status: 'failed', attempts: 1, reason: expect.stringContaining('43101') },
  });

  // The SDK's real signed request: TC3-HMAC-SHA256, SendSms, only consenting residents with a phone.
  expect(smsCalls).toHaveLength(3);
  for (const c of smsCalls) {
    expect(c.signatureValid).toBe(true);
    expect(c.headers['x-tc-action']).toBe('SendSms');
    expect(c.headers['x-tc-version']).toBe('2021-01-11');
    expect(String(c.headers.authorization)).toMatch(/^TC3-HMAC-SHA256 Credential=AKID/);
    expect(c.body).toMatchObject({ SmsSdkAppId: '1400000001', SignName: '北门社区', TemplateId: '100001', TemplateParamSet: ['明日停水'] });
    expect([...c.body.PhoneNumberSet].sort()).toEqual(['+8613805370001', '+8613805370002']);
  }
  // Backoff: the second retry waited about twice as long as the first.
  const gap1 = smsCalls[1]!.at - (smsCalls[0]!.at + SLOW_MS);
  const gap2 = smsCalls[2]!.at - smsCalls[1]!.at;
  expect(gap1).toBeGreaterThanOrEqual(250);
  expect(gap2).toBeGreaterThanOrEqual(550);

  // WeChat: one token fetch for both sends (cached), the right template and fields.
  expect(wxCalls.token).toBe(1);
  expect(wxCalls.sends.map((x) => x.touser).sort()).toEqual(['demo-wangxiulan', 'demo-zhaozhiqiang']);
  expect(wxCalls.sends[0]!.token).toBe('tok-1');
  expect(wxCalls.sends[0]!.body).toMatchObject({ template_id: 'tmpl-notice', page: `pages/notice/index?id=${id}`, data: { thing1: { value: '明日停水' }, thing2: { value: '停水停电' } } });
  expect(smsCalls).toHaveLength(3); // nothing sent twice
});
