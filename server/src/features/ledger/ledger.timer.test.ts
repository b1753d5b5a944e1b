// The monthly statement timer is persisted: scheduled a few seconds ahead, it survives a restart, fires once, and arms the next month.
import { startTestServer, type TestServer } from '../../test-support/harness';
import { addMonths, shanghaiDay, shanghaiMonth } from '@linli/contracts';
import { statementDueAt } from './ledger.calendar';
import { statementTimerKey } from './ledger.service';

let s: TestServer;
afterAll(() => s.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('generates last month’s statement once across a restart, notifies residents, and re-arms for the next month', async () => {
  s = await startTestServer({ seed: false });
  const cid = s.communityId;
  const svc = s.app.services;
  await svc.communities.ensure({ _id: cid, name: '北门社区', ticketPrefix: 'BM', buildings: ['1号楼'] });
  await svc.staff.create(cid, { username: 'cw-timer', password: 'linli-demo', name: '财务', roles: ['finance'] });
  await svc.staff.create(cid, { username: 'boss-timer', password: 'linli-demo', name: '主任', roles: ['admin'] });
  await svc.residents.create(cid, { name: '王秀兰', birthYear: 1941, building: '1号楼', unit: '1单元', room: '101', tags: [], openid: 'timer-resident' });
  const [cw, boss] = [await s.loginStaff('cw-timer'), await s.loginStaff('boss-timer')];

  const prev = addMonths(shanghaiMonth(), -1);
  const lines = [
    { kind: 'income', category: '物业费', amount: 6_850_000, date: `${prev}-05`, description: '物业费收缴' },
    { kind: 'income', category: '停车费', amount: 123_601, date: `${prev}-06`, description: '停车费' },
    { kind: 'expense', category: '保洁', amount: 2_400_000, date: `${prev}-12`, description: '保洁外包' },
    { kind: 'expense', category: '设施维修', amount: 91_599, date: `${prev}-18`, description: '电梯维保' },
    { kind: 'expense', category: '绿化', amount: 1_000, date: shanghaiDay(), description: '本月：不进上月账单' },
  ];
  for (const l of lines) {
    const d = await s.request('POST', '/api/ledger/entries', { token: cw, body: l });
    expect(d.status).toBe(201);
    expect((await s.request('POST', `/api/ledger/entries/${d.body.id}/approve`, { token: boss, body: {} })).status).toBe(200);
  }
  // Creating entries armed the current month's timer (the 1st of next month, 00:00 Shanghai).
  const currentKey = statementTimerKey(cid, shanghaiMonth());
  expect(await s.app.scheduler.get(currentKey)).toMatchObject({
    status: 'pending',
    fireAt: statementDueAt(shanghaiMonth()),
  });

  // Last month's timer, due in 3 s; the server goes down before it fires.
  await svc.ledger.scheduleStatement(cid, prev, new Date(Date.now() + 3000));
  s = await s.restart();
  const resident = (await s.loginResident('timer-resident')).token;

  let statement: any = null;
  for (let i = 0; i < 60 && !statement; i++) {
    const r = await s.request('GET', '/api/ledger/statements', { token: resident });
    statement = r.body.items.find((x: any) => x.month === prev) ?? null;
    if (!statement) await sleep(250);
  }
  expect(statement).toMatchObject({
    month: prev,
    openingBalance: 0,
    income: { total: 6_973_601 },
    expense: { total: 2_491_599 },
    closingBalance: 4_482_002,
    entryCount: 4,
    final: true,
  });

  // Give a second (wrong) fire a chance, then restart once more: still one statement, one group post, one notice.
  await sleep(1500);
  s = await s.restart();
  await sleep(1500);
  const db = s.app.conn.db!;
  expect(await db.collection('ledger_statements').countDocuments({ communityId: cid, month: prev })).toBe(1);
  const posts = await db.collection('bot_feed').find({ communityId: cid, key: `ledger-statement:${cid}:${prev}` }).toArray();
  expect(posts).toHaveLength(1);
  expect(posts[0]!.text).toMatch(/物业收支账单已公示/);
  expect(posts[0]!.text).toContain('69,736.01');
  if ((s.app.services as { notices?: unknown }).notices) {
    const notices = await db.collection('notices').find({ communityId: cid, title: { $regex: '物业收支账单已公示' } }).toArray();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.channels).toEqual(['feed', 'push']);
  }
  expect(await s.app.scheduler.get(statementTimerKey(cid, prev))).toMatchObject({ status: 'done' });
  // The fired timer armed the next month (the current one), at 00:00 Shanghai on the following 1st.
  expect(await s.app.scheduler.get(currentKey)).toMatchObject({ status: 'pending', fireAt: statementDueAt(shanghaiMonth()) });
  expect(statementDueAt('2026-01').toISOString()).toBe('2026-01-31T16:00:00.000Z');
});
