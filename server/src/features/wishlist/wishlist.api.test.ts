// Wish list over real HTTP and sockets: rounds, one vote set per household under concurrency, paper ballots, item life cycle.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { shanghaiDay } from '@linli/contracts';

let s: TestServer;
let admin: string;
let zhangli: string;
let grid: string;
let caiwu: string;
let liufang: string; // 3号楼1单元402
let zhao: string; // 2号楼2单元502

beforeAll(async () => {
  s = await startTestServer();
  [admin, zhangli, grid, caiwu] = await Promise.all([s.loginStaff(), s.loginStaff('zhangli'), s.loginStaff('wanggang'), s.loginStaff('caiwu')]);
  liufang = (await s.loginResident('demo-resident')).token;
  zhao = (await s.loginResident('demo-zhaozhiqiang')).token;
});
afterAll(() => s.close());

const hasChinese = (m: string) => /[\u4e00-\u9fa5]/.test(m);
const DAY = 86_400_000;
const roundBody = (patch: Record<string, unknown> = {}) => ({
  title: '测试心愿清单',
  maxChoices: 2,
  opensAt: new Date(Date.now() - DAY).toISOString(),
  closesAt: new Date(Date.now() + 7 * DAY).toISOString(),
  items: [
    { title: '加装电梯', estimatedCost: 48_000_000, subItems: [{ title: '2号楼1单元' }, { title: '5号楼1单元', estimatedCost: 24_000_000 }] },
    { title: '增设充电桩', description: '电动自行车集中充电' },
    { title: '健身广场' },
    { title: '楼道照明' },
  ],
  ...patch,
});
const newRound = async (patch: Record<string, unknown> = {}) => {
  const r = await s.request('POST', '/api/wishlists', { token: zhangli, body: roundBody(patch) });
  expect(r.status).toBe(201);
  return r.body;
};
const vote = (token: string, roundId: string, itemIds: string[]) => s.request('POST', `/api/wishlists/${roundId}/votes`, { token, body: { itemIds } });
const tally = async (roundId: string) => (await s.request('GET', `/api/wishlists/${roundId}/tally`, { token: admin })).body;
let residentSeq = 0;
const householdMembers = async (building: string, unit: string, room: string, n: number) => {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const openid = `wish-${++residentSeq}-${i}`;
    const r = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: `住户${residentSeq}-${i}`, birthYear: 1970, building, unit, room, tags: [], openid },
    });
    expect(r.status).toBe(201);
    tokens.push((await s.loginResident(openid)).token);
  }
  return tokens;
};

describe('rounds', () => {
  it('the demo has an open round from the article and a finished first round', async () => {
    const r = await s.request('GET', '/api/wishlists', { token: liufang });
    expect(r.status).toBe(200);
    const open = r.body.items.find((x: any) => x.phase === 'open' && /第二批/.test(x.title));
    expect(open.itemCount).toBe(6);
    const first = r.body.items.find((x: any) => /第一批/.test(x.title));
    expect(first.phase).toBe('closed');
    const detail = await s.request('GET', `/api/wishlists/${first.id}`, { token: liufang });
    const pipes = detail.body.items.find((i: any) => i.title === '雨污水管道改造');
    expect(pipes.status).toBe('building');
    expect(pipes.ledgerEntries).toHaveLength(1);
    expect(pipes.spent).toBe(2_350_000);
    expect(detail.body.items.find((i: any) => i.status === 'rejected').rejectReason).toMatch(/承重/);
    expect(detail.body.myVote).toBeNull();
  });

  it('only community staff create rounds; bad input is rejected in Chinese and creates nothing', async () => {
    const count = async () => (await s.request('GET', '/api/wishlists?limit=50', { token: admin })).body.items.length;
    const n = await count();
    for (const token of [liufang, grid, caiwu]) expect((await s.request('POST', '/api/wishlists', { token, body: roundBody() })).status).toBe(403);
    const cases: Array<Record<string, unknown>> = [
      { maxChoices: 5 },
      { maxChoices: 0 },
      { closesAt: new Date(Date.now() - 2 * DAY).toISOString() },
      { opensAt: new Date(Date.now() - 3 * DAY).toISOString(), closesAt: new Date(Date.now() - 2 * DAY).toISOString() },
      { items: [] },
      { items: [{ title: '电梯', estimatedCost: 10.5 }] },
      { items: [{ title: '' }] },
      { items: [{ title: '电梯', photos: ['0123456789abcdef01234567'] }] },
      { opensAt: '明天' },
      { extra: true },
    ];
    for (const patch of cases) {
      const r = await s.request('POST', '/api/wishlists', { token: zhangli, body: roundBody(patch) });
      expect([patch, r.status]).toEqual([patch, 422]);
      expect(hasChinese(r.body.error.message)).toBe(true);
    }
    expect(await count()).toBe(n);
  });
});

describe('one vote set per household', () => {
  it('a household votes once, within its quota, for this round’s items only', async () => {
    const round = await newRound();
    const [a, b, c] = round.items.map((i: any) => i.id);
    const other = await newRound();
    const bad: Array<[string[], number]> = [
      [[a, b, c], 422],
      [[a, a], 422],
      [[other.items[0].id], 422],
      [[], 422],
      [['nothex'], 422],
    ];
    for (const [ids, st] of bad) {
      const r = await vote(liufang, round.id, ids);
      expect([ids, r.status]).toEqual([ids, st]);
      expect(hasChinese(r.body.error.message)).toBe(true);
    }
    expect((await tally(round.id)).households).toBe(0);
    const ok = await vote(liufang, round.id, [a, b]);
    expect(ok.status).toBe(201);
    expect(ok.body.tally.households).toBe(1);
    const again = await vote(liufang, round.id, [c]);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/每户只能投一次/);
    const mine = await s.request('GET', `/api/wishlists/${round.id}`, { token: liufang });
    expect(mine.body.myVote).toMatchObject({ itemIds: [a, b], source: 'app' });
    expect((await vote(admin, round.id, [c])).status).toBe(403);
    const stranger = (await s.loginResident('wish-unregistered', '未登记用户')).token;
    expect((await vote(stranger, round.id, [c])).status).toBe(403);
    const t = await tally(round.id);
    expect(t.items.find((x: any) => x.itemId === a).votes).toBe(1);
    expect(t.items.find((x: any) => x.itemId === c).votes).toBe(0);
  });

  it('under concurrent voting each household is counted exactly once and the live tally ends on the true count', async () => {
    const round = await newRound();
    const [a, b, c] = round.items.map((i: any) => i.id);
    // Household X: six people in the same flat vote at the same moment (twice each).
    const family = await householdMembers('6号楼', '2单元', '602', 6);
    // Ten other households vote at the same moment too.
    const others: string[] = [];
    for (let i = 0; i < 10; i++) others.push(...(await householdMembers('5号楼', '2单元', `${701 + i}`, 1)));
    const watcher = await s.socket(liufang);
    const staffSock = await s.socket(admin);
    const seen: any[] = [];
    watcher.on('wishlist:updated', (e: any) => e.roundId === round.id && seen.push(e));
    const staffDone = nextEvent(staffSock, 'wishlist:updated', 10_000, (e: any) => e.roundId === round.id && e.tally?.households === 11);

    const results = await Promise.all([
      ...family.flatMap((t, i) => [vote(t, round.id, i % 2 ? [a] : [b, c]), vote(t, round.id, [c])]),
      ...others.map((t, i) => vote(t, round.id, i % 2 ? [a, b] : [a])),
    ]);
    const familyResults = results.slice(0, 12);
    expect(familyResults.filter((r) => r.status === 201)).toHaveLength(1);
    expect(familyResults.filter((r) => r.status === 409)).toHaveLength(11);
    expect(results.slice(12).every((r) => r.status === 201)).toBe(true);

    const t = await tally(round.id);
    expect(t.households).toBe(11);
    const winner = familyResults.find((r) => r.status === 201)!.body.vote.itemIds as string[];
    const expectA = 10 + (winner.includes(a) ? 1 : 0);
    expect(t.items.find((x: any) => x.itemId === a).votes).toBe(expectA);
    expect(t.items.find((x: any) => x.itemId === b).votes).toBe(5 + (winner.includes(b) ? 1 : 0));
    await staffDone;
    await new Promise((r) => setTimeout(r, 300));
    // Pushes are serialised per round: the last one residents saw carries the final count.
    expect(seen[seen.length - 1].tally).toEqual(t);
    expect(seen.map((e) => e.tally.households)).toEqual([...seen.map((e) => e.tally.households)].sort((x, y) => x - y));
    watcher.disconnect();
    staffSock.disconnect();
  });
});

describe('paper ballots from a residents’ meeting', () => {
  it('are marked as paper, never let a household vote twice, and a bad batch records nothing', async () => {
    const round = await newRound();
    const [a, b, c] = round.items.map((i: any) => i.id);
    const other = await newRound();
    expect((await vote(liufang, round.id, [a])).status).toBe(201);
    const meeting = { name: '第29次居民代表大会', date: '2026-03-12', place: '社区二楼会议室', minutesTaker: '张丽' };

    const badBatches = [
      { meeting, ballots: [{ household: { building: '1号楼', unit: '1单元', room: '901' }, itemIds: [a] }, { household: { building: '1号楼', unit: '1单元', room: '902' }, itemIds: [other.items[0].id] }] },
      { meeting, ballots: [{ household: { building: '1号楼', unit: '1单元', room: '903' }, itemIds: [a, b, c] }] },
      { meeting, ballots: [1, 2].map(() => ({ household: { building: '1号楼', unit: '1单元', room: '904' }, itemIds: [a] })) },
      { meeting: { ...meeting, name: '' }, ballots: [{ household: { building: '1号楼', unit: '1单元', room: '905' }, itemIds: [a] }] },
      { meeting, ballots: [{ household: { building: '1号楼', room: '906' }, itemIds: [a] }] },
      { meeting, ballots: [{ household: { building: '7号楼', unit: '1单元', room: '101' }, itemIds: [a] }] },
    ];
    for (const body of badBatches) {
      const r = await s.request('POST', `/api/wishlists/${round.id}/paper-votes`, { token: zhangli, body });
      expect([body, r.status]).toEqual([body, 422]);
      expect(hasChinese(r.body.error.message)).toBe(true);
    }
    expect((await tally(round.id)).households).toBe(1);
    expect((await s.request('POST', `/api/wishlists/${round.id}/paper-votes`, { token: liufang, body: badBatches[0] })).status).toBe(403);
    expect((await s.request('POST', `/api/wishlists/${round.id}/paper-votes`, { token: caiwu, body: badBatches[0] })).status).toBe(403);

    const r = await s.request('POST', `/api/wishlists/${round.id}/paper-votes`, {
      token: grid,
      body: {
        meeting,
        ballots: [
          { household: { building: '3号楼', unit: '1单元', room: '402' }, itemIds: [b] }, // 刘芳 already voted in the app
          { household: { building: '2号楼', unit: '2单元', room: '502' }, itemIds: [b, c] }, // 赵志强's flat, on paper
          { household: { building: '1号楼', unit: '2单元', room: '302' }, itemIds: [c] }, // 李建国's flat (no app account)
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.recorded).toBe(2);
    expect(r.body.duplicates).toEqual([{ household: '3号楼1单元402', existingSource: 'app' }]);
    expect(r.body.tally).toMatchObject({ households: 3, paperHouseholds: 2 });
    expect(r.body.tally.items.find((x: any) => x.itemId === b)).toEqual({ itemId: b, votes: 1, paperVotes: 1 });

    // The flat voted on paper: its resident cannot vote again in the app, and sees the paper vote as theirs.
    const app = await vote(zhao, round.id, [a]);
    expect(app.status).toBe(409);
    expect(app.body.error.message).toMatch(/纸质票/);
    expect((await s.request('GET', `/api/wishlists/${round.id}`, { token: zhao })).body.myVote).toMatchObject({ source: 'paper', itemIds: [b, c] });
    // Entering the same sheet twice does not count twice.
    const twice = await s.request('POST', `/api/wishlists/${round.id}/paper-votes`, {
      token: zhangli,
      body: { meeting, ballots: [{ household: { building: '1号楼', unit: '2单元', room: '302' }, itemIds: [a] }] },
    });
    expect(twice.body).toMatchObject({ recorded: 0, duplicates: [{ household: '1号楼2单元302', existingSource: 'paper' }] });
    expect((await tally(round.id)).households).toBe(3);
    // A grid worker types in ballots for their own buildings only.
    const outside = await s.request('POST', `/api/wishlists/${round.id}/paper-votes`, {
      token: grid,
      body: { meeting, ballots: [{ household: { building: '5号楼', unit: '1单元', room: '303' }, itemIds: [a] }] },
    });
    expect(outside.status).toBe(403);
    // The vote register tells staff who voted how; residents cannot read it.
    const reg = await s.request('GET', `/api/wishlists/${round.id}/votes`, { token: admin });
    expect(reg.body.items).toHaveLength(3);
    expect(reg.body.items.find((v: any) => v.household === '2号楼2单元502')).toMatchObject({ source: 'paper', meeting: meeting.name, enteredBy: '王刚（网格员）' });
    expect(reg.body.items.find((v: any) => v.household === '3号楼1单元402')).toMatchObject({ source: 'app' });
    expect((await s.request('GET', `/api/wishlists/${round.id}/votes`, { token: liufang })).status).toBe(403);
  });

  it('a paper ballot and an app vote for the same flat at the same moment: exactly one counts', async () => {
    const round = await newRound();
    const [a, b] = round.items.map((i: any) => i.id);
    const [member] = await householdMembers('4号楼', '1单元', '701', 1);
    const [p1, v1, p2, v2] = await Promise.all([
      s.request('POST', `/api/wishlists/${round.id}/paper-votes`, { token: zhangli, body: { meeting: { name: '楼栋会', date: '2026-03-01', place: '4号楼楼下', minutesTaker: '刘敏' }, ballots: [{ household: { building: '4号楼', unit: '1单元', room: '701' }, itemIds: [a] }] } }),
      vote(member!, round.id, [b]),
      s.request('POST', `/api/wishlists/${round.id}/paper-votes`, { token: await s.loginStaff('liumin'), body: { meeting: { name: '楼栋会', date: '2026-03-01', place: '4号楼楼下', minutesTaker: '刘敏' }, ballots: [{ household: { building: '4号楼', unit: '1单元', room: '701' }, itemIds: [b] }] } }),
      vote(member!, round.id, [a]),
    ]);
    const wins = (p1!.body.recorded ?? 0) + (p2!.body.recorded ?? 0) + [v1!, v2!].filter((r) => r.status === 201).length;
    expect(wins).toBe(1);
    expect((await tally(round.id)).households).toBe(1);
  });
});

describe('after the round', () => {
  it('items move through one transition table with progress and ledger links residents can follow', async () => {
    const round = await newRound();
    const [a, b, c] = round.items.map((i: any) => i.id);
    const move = (id: string, body: Record<string, unknown>, token = zhangli) => s.request('POST', `/api/wishlists/items/${id}/transition`, { token, body });

    const early = await move(a, { action: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/投票结束后/);
    expect((await s.request('POST', `/api/wishlists/${round.id}/close`, { token: liufang })).status).toBe(403);
    const closed = await s.request('POST', `/api/wishlists/${round.id}/close`, { token: zhangli });
    expect(closed.body.phase).toBe('closed');
    const late = await vote(liufang, round.id, [a]);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/截止/);

    expect((await move(a, { action: 'complete' })).status).toBe(409);
    expect((await move(a, { action: 'approve' }, liufang)).status).toBe(403);
    expect((await move(a, { action: 'approve' }, grid)).status).toBe(403);
    const noReason = await move(b, { action: 'reject' });
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body.error.details)).toMatch(/不采纳的原因/);
    expect((await move(a, { action: 'fly' })).status).toBe(422);

    const sock = await s.socket(liufang);
    const pushed = nextEvent(sock, 'wishlist:updated', 5000, (e: any) => e.item?.id === a && e.item.status === 'approved');
    const approved = await move(a, { action: 'approve', note: '列入2026年改造计划' });
    expect(approved.status).toBe(200);
    expect((await pushed).reason).toBe('item');
    const rejected = await move(b, { action: 'reject', reason: '与燃气管线冲突，暂不具备条件' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '与燃气管线冲突，暂不具备条件' });
    expect((await move(b, { action: 'approve' })).status).toBe(409);

    const progress = await s.request('POST', `/api/wishlists/items/${a}/progress`, { token: zhangli, body: { note: '施工队已进场' } });
    expect(progress.status).toBe(201);
    expect((await s.request('POST', `/api/wishlists/items/${c}/progress`, { token: zhangli, body: { note: '还没立项' } })).status).toBe(409);

    // Link the expense that paid for it: only a published expense, once.
    const draft = await s.request('POST', '/api/ledger/entries', {
      token: caiwu,
      body: { kind: 'expense', category: '改造工程', amount: 1_234_567, date: shanghaiDay(), description: '电梯井道施工首付款' },
    });
    const link = (entryId: string) => s.request('POST', `/api/wishlists/items/${a}/ledger-links`, { token: zhangli, body: { entryId } });
    expect((await link(draft.body.id)).status).toBe(422);
    await s.request('POST', `/api/ledger/entries/${draft.body.id}/approve`, { token: admin, body: {} });
    const income = await s.request('POST', '/api/ledger/entries', {
      token: caiwu,
      body: { kind: 'income', category: '财政补助', amount: 5_000_000, date: shanghaiDay(), description: '旧改补助' },
    });
    await s.request('POST', `/api/ledger/entries/${income.body.id}/approve`, { token: admin, body: {} });
    expect((await link(income.body.id)).status).toBe(422);
    const linked = await link(draft.body.id);
    expect(linked.status).toBe(200);
    expect(linked.body.spent).toBe(1_234_567);
    expect((await link(draft.body.id)).status).toBe(409);

    await move(a, { action: 'start' });
    await move(a, { action: 'complete', note: '验收合格' });
    const item = (await s.request('GET', `/api/wishlists/items/${a}`, { token: liufang })).body;
    expect(item.status).toBe('done');
    expect(item.progress.map((p: any) => p.kind === 'status' ? p.to : 'progress')).toEqual(['approved', 'progress', 'building', 'done']);
    expect(item.ledgerEntries.map((e: any) => e.id)).toEqual([draft.body.id]);
    expect(item.ledgerEntries[0].audit).toBeUndefined();
    sock.disconnect();
  });
});
