// Persisted timers: fire once across restarts and across two competing nodes; failures retry with backoff.
import schedule from 'node-schedule';
import { connectDb } from '../../db/connection';
import { createLogger } from '../../logger';
import { testMongoUri, uniqueDbName } from '../../test-support/harness';
import { Scheduler, type TimerJob } from './scheduler';

const log = createLogger('silent');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a timer due while no node runs fires once after start; two nodes never both fire it', async () => {
  const uri = testMongoUri(uniqueDbName('sched'));
  const connA = await connectDb(uri);
  const connB = await connectDb(uri);
  const fired: string[] = [];
  const make = (conn: typeof connA, name: string) => {
    const s = new Scheduler(conn, log, 200);
    s.use({ kind: 'test.kind', fire: async (job: TimerJob) => {
      fired.push(`${name}:${job.key}`);
    } });
    return s;
  };
  // Scheduled by a node that stops before it is due.
  const first = make(connA, 'first');
  await first.start();
  await first.schedule({ key: 'k-past', communityId: 'c1', kind: 'test.kind', fireAt: new Date(Date.now() + 300), payload: {} });
  await first.stop();
  await wait(500);
  const scheduleSoon = new Scheduler(connA, log, 200);
  await scheduleSoon.schedule({ key: 'k-soon', communityId: 'c1', kind: 'test.kind', fireAt: new Date(Date.now() + 800), payload: {} });

  // Two nodes start on the same data and race for both timers.
  const a = make(connA, 'a');
  const b = make(connB, 'b');
  await Promise.all([a.start(), b.start()]);
  await wait(2000);
  await Promise.all([a.stop(), b.stop()]);
  expect(fired.filter((f) => f.endsWith(':k-past'))).toHaveLength(1);
  expect(fired.filter((f) => f.endsWith(':k-soon'))).toHaveLength(1);
  expect((await a.get('k-past'))?.status).toBe('done');
  await connA.close();
  await connB.close();
});

it('a failing handler is retried with backoff until it succeeds; a cancelled timer never fires', async () => {
  const conn = await connectDb(testMongoUri(uniqueDbName('sched')));
  const s = new Scheduler(conn, log, 200);
  let calls = 0;
  s.use({ kind: 'flaky', fire: async () => {
    calls++;
    if (calls < 2) throw new Error('transient');
  } });
  const cancelled: string[] = [];
  s.use({ kind: 'never', fire: async (job) => {
    cancelled.push(job.key);
  } });
  await s.start();
  await s.schedule({ key: 'flaky-1', communityId: 'c1', kind: 'flaky', fireAt: new Date(), payload: {} });
  await s.schedule({ key: 'never-1', communityId: 'c1', kind: 'never', fireAt: new Date(Date.now() + 300), payload: {} });
  await s.cancel('never-1');
  const deadline = Date.now() + 8000;
  while ((await s.get('flaky-1'))?.status !== 'done' && Date.now() < deadline) await wait(100);
  expect(calls).toBe(2);
  expect((await s.get('flaky-1'))?.attempts).toBe(2);
  await wait(500);
  expect(cancelled).toEqual([]);
  expect((await s.get('never-1'))?.status).toBe('cancelled');
  await s.stop();
  await conn.close();
});

it('a timer beyond the horizon waits outside node-schedule, is handed over by the tick and fires once; cancel and re-arm still hold', async () => {
  const conn = await connectDb(testMongoUri(uniqueDbName('sched')));
  const s = new Scheduler(conn, log, 200, undefined, { horizonMs: 1000, tickMs: 200 });
  const fired: Array<{ key: string; at: number }> = [];
  s.use({ kind: 'far', fire: async (job) => {
    fired.push({ key: job.key, at: Date.now() });
  } });
  await s.start();
  const handed = () => Object.keys(schedule.scheduledJobs).length;
  const before = handed();
  const t0 = Date.now();
  const at = (ms: number) => new Date(t0 + ms);
  s.armDerived({ key: 'derived', communityId: 'c1', kind: 'far', fireAt: at(2500), payload: {} });
  await s.schedule({ key: 'persisted', communityId: 'c1', kind: 'far', fireAt: at(2500), payload: {} });
  s.armDerived({ key: 'moved', communityId: 'c1', kind: 'far', fireAt: at(2000), payload: {} });
  s.armDerived({ key: 'moved', communityId: 'c1', kind: 'far', fireAt: at(3000), payload: {} });
  s.armDerived({ key: 'gone', communityId: 'c1', kind: 'far', fireAt: at(2000), payload: {} });
  await s.schedule({ key: 'gone-persisted', communityId: 'c1', kind: 'far', fireAt: at(2000), payload: {} });
  await s.cancel('gone');
  await s.cancel('gone-persisted');
  // Armed, but none of them handed to node-schedule yet: all are due beyond the 1 s horizon (the awaits above leave a margin of 1 s).
  expect(s.armedCount()).toBe(3);
  expect(handed()).toBe(before);
  await wait(3600 - (Date.now() - t0));
  await s.stop();
  expect(fired.map((f) => f.key).sort()).toEqual(['derived', 'moved', 'persisted']);
  // Each fired at its own time, not when the tick promoted it; the re-armed key at its new time only.
  for (const f of fired) expect(f.at).toBeGreaterThanOrEqual(t0 + (f.key === 'moved' ? 3000 : 2500) - 5);
  expect((await s.get('persisted'))?.status).toBe('done');
  expect((await s.get('gone-persisted'))?.status).toBe('cancelled');
  expect(handed()).toBe(before);
  await conn.close();
});
