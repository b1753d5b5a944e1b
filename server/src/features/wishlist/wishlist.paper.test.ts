// Security #12 medium 11: a grid worker cannot stuff paper ballots with invented households; ballots are recorded with their meeting.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let zhangli: string;
let grid: string; // 王刚, 1–3号楼
beforeAll(async () => {
  s = await startTestServer();
  [admin, zhangli, grid] = await Promise.all([s.loginStaff(), s.loginStaff('zhangli'), s.loginStaff('wanggang')]);
});
afterAll(() => s.close());

const DAY = 86_400_000;
const meeting = { name: '3号楼楼栋会', date: '2026-03-12', place: '3号楼一层活动室', minutesTaker: '陈德明' };
const newRound = async () => {
  const r = await s.request('POST', '/api/wishlists', {
    token: zhangli,
    body: {
      title: '纸质票测试',
      maxChoices: 1,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 7 * DAY).toISOString(),
      items: [{ title: '加装电梯' }, { title: '健身广场' }],
    },
  });
  expect(r.status).toBe(201);
  return r.body;
};
const paper = (token: string, roundId: string, body: unknown) => s.request('POST', `/api/wishlists/${roundId}/paper-votes`, { token, body });
const tally = async (roundId: string) => (await s.request('GET', `/api/wishlists/${roundId}/tally`, { token: admin })).body;

it('a grid worker’s paper ballots for invented households in his buildings are 422 and the tally is unchanged', async () => {
  const round = await newRound();
  const [lift] = round.items.map((i: any) => i.id);
  const before = await tally(round.id);
  expect(before.households).toBe(0);
  // Two real flats in his buildings (刘芳 3号楼1单元402, 赵志强 2号楼2单元502) plus five door plates nobody lives at.
  const real = [
    { building: '3号楼', unit: '1单元', room: '402' },
    { building: '2号楼', unit: '2单元', room: '502' },
  ];
  const invented = ['1201', '1202', '1203', '1204', '1205'].map((room) => ({ building: '3号楼', unit: '1单元', room }));
  const stuffed = await paper(grid, round.id, { meeting, ballots: [...real, ...invented].map((household) => ({ household, itemIds: [lift] })) });
  expect(stuffed.status).toBe(422);
  expect(stuffed.body.error.message).toMatch(/不是已登记的住户/);
  expect(await tally(round.id)).toEqual(before);
  // One invented household alone is refused too.
  expect((await paper(grid, round.id, { meeting, ballots: [{ household: invented[0], itemIds: [lift] }] })).status).toBe(422);
  expect(await tally(round.id)).toEqual(before);
  expect((await s.request('GET', `/api/wishlists/${round.id}/votes`, { token: admin })).body.items).toHaveLength(0);

  // The registered households alone go through, each ballot pointing at the meeting's record.
  const ok = await paper(grid, round.id, { meeting, ballots: real.map((household) => ({ household, itemIds: [lift] })) });
  expect(ok.status).toBe(200);
  expect(ok.body.recorded).toBe(2);
  expect(ok.body.tally.households).toBe(2);
  const reg = (await s.request('GET', `/api/wishlists/${round.id}/votes`, { token: admin })).body.items;
  expect(reg).toHaveLength(2);
  for (const v of reg) {
    expect(v).toMatchObject({ source: 'paper', meeting: meeting.name, enteredBy: '王刚（网格员）' });
    expect(v.meetingRecord).toMatchObject({ date: meeting.date, place: meeting.place, minutesTaker: meeting.minutesTaker });
  }
  expect(new Set(reg.map((v: any) => v.meetingRecord.id)).size).toBe(1);
});

it('a batch without its meeting record (date, place, minutes-taker) or dated in the future is 422 and records nothing', async () => {
  const round = await newRound();
  const [lift] = round.items.map((i: any) => i.id);
  const ballots = [{ household: { building: '3号楼', unit: '1单元', room: '402' }, itemIds: [lift] }];
  const { minutesTaker: _m, ...noTaker } = meeting;
  const bad = [
    { meeting: '第29次居民代表大会', ballots },
    { meeting: noTaker, ballots },
    { meeting: { ...meeting, place: ' ' }, ballots },
    { meeting: { ...meeting, date: '2026-02-30' }, ballots },
    { meeting: { ...meeting, date: '2999-01-01' }, ballots },
  ];
  for (const body of bad) {
    const r = await paper(grid, round.id, body);
    expect([body, r.status]).toEqual([body, 422]);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect((await tally(round.id)).households).toBe(0);
});
