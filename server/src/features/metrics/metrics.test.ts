// GET /metrics: Prometheus text with latency by route pattern and live gauges; only loopback (after TRUSTED_PROXIES) or METRICS_TOKEN may read it.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { TRUSTED_PROXIES: '127.0.0.1', METRICS_TOKEN: 'scrape-token-0123456789abcdef' } });
});
afterAll(() => s.close());

it('counts requests by route pattern, not by raw path, and reports sockets, database and timers', async () => {
  await s.request('GET', '/api/health');
  await s.request('GET', '/api/tickets/0123456789abcdef01234567'); // 401, but the pattern is what is counted
  const r = await s.request('GET', '/metrics');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = r.body as string;
  expect(text).toMatch(/linli_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} 1/);
  expect(text).toMatch(/linli_http_request_duration_seconds_count\{method="GET",route="\/api\/tickets\/:id",status="401"\} 1/);
  expect(text).not.toContain('0123456789abcdef01234567');
  expect(text).toMatch(/^linli_db_up 1$/m);
  expect(text).toMatch(/^linli_socket_connections 0$/m);
  expect(text).toMatch(/^linli_timers_armed \d+$/m);
});

it('refuses a client that came through the proxy unless it sends the metrics token', async () => {
  // Through nginx (a trusted proxy) from outside: the client address is the outside one.
  const outside = { 'x-forwarded-for': '203.0.113.9' };
  expect((await s.request('GET', '/metrics', { headers: outside })).status).toBe(403);
  expect((await s.request('GET', '/metrics', { headers: { ...outside, authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(403);
  const ok = await s.request('GET', '/metrics', { headers: { ...outside, authorization: 'Bearer scrape-token-0123456789abcdef' } });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatch(/^linli_db_up 1$/m);
});

it('splits health into liveness (the process) and readiness (the database)', async () => {
  const live = await s.request('GET', '/api/health/live');
  expect(live.status).toBe(200);
  expect(live.body).toMatchObject({ ok: true });
  expect((await s.request('GET', '/api/health/ready')).body).toEqual({ ok: true, db: 'up' });
});

it('measures how late timers fire and how long event subscribers take', async () => {
  let fired!: () => void;
  const done = new Promise<void>((r) => (fired = r));
  s.app.scheduler.use({ kind: 'test.metrics', fire: async () => fired() });
  await s.app.scheduler.schedule({ key: 'metrics-lag', communityId: s.communityId, kind: 'test.metrics', fireAt: new Date(Date.now() + 100), payload: {} });
  await done;
  const token = await s.loginStaff();
  const t = await s.request('POST', '/api/tickets', { token, body: { category: '其他', description: '计量测试', channel: 'desk', reporter: { name: '李建国' } } });
  expect(t.status).toBe(201);
  const text = (await s.request('GET', '/metrics')).body as string;
  expect(text).toMatch(/^linli_timer_lag_seconds_count\{kind="test\.metrics"\} 1$/m);
  expect(text).toMatch(/^linli_event_subscriber_seconds_count\{event="ticket\.created"\} [1-9]/m);
});

it("shows this node's database pool: connections by state, waiting operations, checkout time and the pool's size", async () => {
  await Promise.all([1, 2, 3].map(() => s.request('GET', '/api/health/ready')));
  const text = (await s.request('GET', '/metrics')).body as string;
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const inUse = value(/^linli_db_pool_connections\{state="in_use"\} (\d+)$/m);
  const idle = value(/^linli_db_pool_connections\{state="idle"\} (\d+)$/m);
  expect(inUse).toBeGreaterThanOrEqual(0);
  expect(inUse + idle).toBeGreaterThanOrEqual(1); // the readiness checks used at least one connection
  expect(value(/^linli_db_pool_waiting (\d+)$/m)).toBe(0);
  expect(value(/^linli_db_pool_max (\d+)$/m)).toBeGreaterThan(0);
  expect(value(/^linli_db_pool_checkout_seconds_count (\d+)$/m)).toBeGreaterThanOrEqual(3);
});

it("shows the bot's outbox as it reports it with its feed poll; a bad report or one from staff changes nothing", async () => {
  const bot = 'test-bot-token-0123456789';
  const scrape = async () => (await s.request('GET', '/metrics')).body as string;
  expect(await scrape()).not.toMatch(/^linli_bot_outbox_depth\{/m);
  expect((await s.request('GET', '/api/bot/feed?outbox=3&outboxOldestSeconds=42', { token: bot })).status).toBe(200);
  let text = await scrape();
  expect(text).toMatch(new RegExp(`^linli_bot_outbox_depth\\{community="${s.communityId}"\\} 3$`, 'm'));
  expect(text).toMatch(new RegExp(`^linli_bot_outbox_oldest_seconds\\{community="${s.communityId}"\\} 42$`, 'm'));
  expect(text).toMatch(new RegExp(`^linli_bot_last_poll_age_seconds\\{community="${s.communityId}"\\} [0-2]$`, 'm'));

  expect((await s.request('GET', '/api/bot/feed?outbox=-1', { token: bot })).status).toBe(422);
  const staff = await s.loginStaff();
  expect((await s.request('GET', '/api/bot/feed?outbox=99', { token: staff })).status).toBe(403);
  text = await scrape();
  expect(text).toMatch(new RegExp(`^linli_bot_outbox_depth\\{community="${s.communityId}"\\} 3$`, 'm'));

  // The bot drained its outbox: the next poll says so.
  expect((await s.request('GET', '/api/bot/feed?outbox=0&outboxOldestSeconds=0', { token: bot })).status).toBe(200);
  expect(await scrape()).toMatch(new RegExp(`^linli_bot_outbox_depth\\{community="${s.communityId}"\\} 0$`, 'm'));
});
