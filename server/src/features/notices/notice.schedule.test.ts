// Scheduled publication is a persisted timer: it survives a restart, fires when it came due while the server was down, and publishes exactly once.
import { Types } from 'mongoose';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let srv: TestServer;
afterAll(async () => {
  await srv?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await sleep(100);
  }
}

/** Receipts written for a notice, read straight from the database. */
const receiptCount = (id: string) =>
  srv.app.conn.models.NoticeReceipt!.countDocuments({ communityId: srv.communityId, noticeId: new Types.ObjectId(id) });

const notice = (title: string, publishAt: Date) => ({
  title,
  body: '定时发布的正文',
  category: '活动',
  audience: { buildings: ['3号楼'] },
  channels: ['feed', 'push', 'group'],
  publishAt: publishAt.toISOString(),
});

test('scheduled notice published once after a restart before its time', async () => {
  srv = await startTestServer();
  let admin = await srv.loginStaff();
  const created = await srv.request('POST', '/api/notices', { token: admin, body: notice('重启前定时', new Date(Date.now() + 2500)) });
  expect(created.body.status).toBe('scheduled');
  const id = created.body.id;

  srv = await srv.restart();
  admin = await srv.loginStaff();
  const liu = await srv.loginResident('demo-resident');
  const s = await srv.socket(liu.token);
  let pushes = 0;
  s.on('notice:published', (n: any) => n.id === id && pushes++);
  expect((await srv.request('GET', '/api/notices?limit=100', { token: liu.token })).body.items.map((n: any) => n.id)).not.toContain(id);

  const first = await nextEvent(s, 'notice:published', 10_000, (n: any) => n.id === id);
  expect(first.title).toBe('重启前定时');
  await sleep(1000);
  expect(pushes).toBe(1);
  await waitFor(async () => (await srv.app.scheduler.get(`notice-publish:${id}`))?.status === 'done');
  const staffView = (await srv.request('GET', `/api/notices/${id}`, { token: admin })).body;
  expect(staffView).toMatchObject({ status: 'published', recipientCount: 2 });
  expect(new Date(staffView.publishedAt).getTime()).toBeGreaterThanOrEqual(new Date(staffView.publishAt).getTime());
  const timer = await srv.app.scheduler.get(`notice-publish:${id}`);
  expect(timer).toMatchObject({ status: 'done', attempts: 1 });
  const feed = (await srv.request('GET', '/api/notices?limit=100', { token: liu.token })).body.items.filter((n: any) => n.id === id);
  expect(feed).toHaveLength(1);
  // The group channel: exactly one item queued for the bot.
  const bot = await srv.request('GET', '/api/bot/feed?limit=100', { token: srv.config.BOT_TOKEN });
  expect(bot.body.items.filter((i: any) => i.ref === `notice:${id}`)).toHaveLength(1);
});

test('a notice that came due while the server was down is published at boot, once', async () => {
  let admin = await srv.loginStaff();
  const created = await srv.request('POST', '/api/notices', { token: admin, body: notice('停机期间到期', new Date(Date.now() + 800)) });
  const id = created.body.id;
  const dbName = new URL(srv.mongoUri).pathname.slice(1);
  await srv.close();
  await sleep(1500);
  srv = await startTestServer({ dbName });
  admin = await srv.loginStaff();
  const view = await waitFor(async () => {
    const r = (await srv.request('GET', `/api/notices/${id}`, { token: admin })).body;
    return r.status === 'published' && r;
  });
  expect(view.recipientCount).toBe(2);
  await waitFor(async () => (await srv.app.scheduler.get(`notice-publish:${id}`))?.status === 'done');
  expect(await srv.app.scheduler.get(`notice-publish:${id}`)).toMatchObject({ status: 'done', attempts: 1 });
  const receipts = await receiptCount(id);
  expect(receipts).toBe(2);
});

test('concurrent and repeated publication runs write each receipt once and announce once', async () => {
  const admin = await srv.loginStaff();
  const created = await srv.request('POST', '/api/notices', { token: admin, body: notice('并发发布', new Date(Date.now() + 3600_000)) });
  const id = created.body.id;
  await srv.app.scheduler.cancel(`notice-publish:${id}`);
  let announced = 0;
  const off = srv.app.bus.on('notice.published', ({ notice: n }) => {
    if (String(n._id) === id) announced++;
  });
  const svc = srv.app.services.notices;
  const runs = await Promise.all([1, 2, 3, 4].map(() => svc.publish(srv.communityId, id)));
  await svc.publish(srv.communityId, id);
  off();
  expect(runs.every((n) => n?.status === 'published')).toBe(true);
  expect(announced).toBe(1);
  expect(await receiptCount(id)).toBe(2);

  // A run interrupted after the receipts but before the announcement is finished by the next run.
  const c2 = await srv.request('POST', '/api/notices', { token: admin, body: notice('中断后补发', new Date(Date.now() + 3600_000)) });
  await srv.app.scheduler.cancel(`notice-publish:${c2.body.id}`);
  await srv.app.conn.models.Notice!.updateOne({ _id: c2.body.id }, { $set: { status: 'published', publishedAt: new Date(), recipientCount: 0 } });
  let again = 0;
  const off2 = srv.app.bus.on('notice.published', ({ notice: n }) => {
    if (String(n._id) === c2.body.id) again++;
  });
  await svc.publish(srv.communityId, c2.body.id);
  await svc.publish(srv.communityId, c2.body.id);
  expect(again).toBe(1);

  // A run that claimed the announcement and died: nobody announces while its claim is fresh, the next run after it has aged does.
  const c4 = await srv.request('POST', '/api/notices', { token: admin, body: notice('认领后中断', new Date(Date.now() + 3600_000)) });
  await srv.app.scheduler.cancel(`notice-publish:${c4.body.id}`);
  const Notice = srv.app.conn.models.Notice!;
  await Notice.updateOne({ _id: c4.body.id }, { $set: { status: 'published', publishedAt: new Date(), recipientCount: 0, fanOutClaimedAt: new Date() } });
  const before = again;
  const off4 = srv.app.bus.on('notice.published', ({ notice: n }) => {
    if (String(n._id) === c4.body.id) again++;
  });
  await svc.publish(srv.communityId, c4.body.id);
  expect(again).toBe(before);
  await Notice.updateOne({ _id: c4.body.id }, { $set: { fanOutClaimedAt: new Date(Date.now() - 61_000) } });
  await Promise.all([svc.publish(srv.communityId, c4.body.id), svc.publish(srv.communityId, c4.body.id)]);
  expect(again).toBe(before + 1);
  off4();
  off2();

  // Between the push and the receipts, a recipient who taps the push can open it (same audience predicate); others cannot.
  const c3 = await srv.request('POST', '/api/notices', { token: admin, body: notice('发布窗口', new Date(Date.now() + 3600_000)) });
  await srv.app.scheduler.cancel(`notice-publish:${c3.body.id}`);
  await srv.app.conn.models.Notice!.updateOne({ _id: c3.body.id }, { $set: { status: 'publishing', publishedAt: new Date() } });
  const liu = await srv.loginResident('demo-resident'); // 3号楼
  const zhao = await srv.loginResident('demo-zhaozhiqiang'); // 2号楼
  expect((await srv.request('GET', `/api/notices/${c3.body.id}`, { token: liu.token })).status).toBe(200);
  expect((await srv.request('GET', `/api/notices/${c3.body.id}`, { token: zhao.token })).status).toBe(404);
  const early = await srv.request('POST', `/api/notices/${c3.body.id}/read`, { token: liu.token });
  expect([early.status, early.body.error.message]).toEqual([409, '通知正在发布，请稍后再试']);
  await svc.publish(srv.communityId, c3.body.id);
  expect((await srv.request('POST', `/api/notices/${c3.body.id}/read`, { token: liu.token })).status).toBe(200);
});
