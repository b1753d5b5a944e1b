// 每月一题: the month's recurring problems ranked by reports at one place and category, counting the duplicate clusters (a problem that came back counts twice), with the notice text; checked against the tickets filed.
import { addMonths, shanghaiMonth } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(async () => {
  await s?.close();
});

const file = async (category: string, description: string, who: string, location?: { building: string; unit?: string }) => {
  const r = await s.request('POST', '/api/tickets', { token: admin, body: { category, description, channel: 'desk', reporter: { name: who }, ...(location ? { location } : {}) } });
  expect(r.status).toBe(201);
  return r.body;
};
const move = async (id: string, ...actions: string[]) => {
  for (const action of actions) expect((await s.request('POST', `/api/tickets/${id}/transition`, { token: admin, body: { action } })).status).toBe(200);
};

test('ranks place + category by reports, counts the problems they were linked into and which are open, and writes the notice', async () => {
  const lift = { building: '3号楼', unit: '2单元' };
  const first = await file('电梯', '3号楼2单元电梯坏了，停在五楼不动', '张大爷', lift);
  const second = await file('电梯', '3号楼2单元电梯坏了停在五楼', '李阿姨', lift);
  const third = await file('电梯', '电梯坏了，停在五楼不动了', '王叔', lift);
  expect(second.duplicateOf?.id ?? third.duplicateOf?.id).toBe(first.id);
  await move(first.id, 'accept', 'start', 'resolve');
  // Broken again after it was fixed: a new problem at the same place.
  const again = await file('电梯', '3号楼2单元电梯又坏了，门关不上', '赵奶奶', lift);
  expect(again.duplicateOf).toBeUndefined();
  await file('水电', '5号楼1单元楼道水管漏水', '钱先生', { building: '5号楼', unit: '1单元' });
  await file('水电', '5号楼1单元水管一直漏水', '孙女士', { building: '5号楼', unit: '1单元' });
  await file('路灯照明', '1号楼门口路灯不亮', '周大妈', { building: '1号楼' }); // once: not recurring
  const gone = await file('停车', '6号楼门口有车堵路', '吴先生', { building: '6号楼' });
  await file('停车', '6号楼门口又有车堵路', '郑先生', { building: '6号楼' });
  await move(gone.id, 'cancel'); // cancelled reports do not count: 1 left, not recurring

  const month = shanghaiMonth(new Date(first.createdAt));
  const r = await s.request('GET', `/api/stats/service/top-problems?month=${month}`, { token: admin });
  expect(r.status).toBe(200);
  // Independent count from the tickets as filed: lift 4 reports in 2 problems (the second still open), water 2.
  const lifts = r.body.items[0];
  expect(lifts).toMatchObject({ place: '3号楼2单元', category: '电梯', reports: 4, problems: 2, open: 1, example: first.title });
  expect(lifts.nos).toEqual([first.no, again.no]);
  const water = r.body.items[1];
  expect(water).toMatchObject({ place: '5号楼1单元', category: '水电', reports: 2, open: water.problems });
  expect(r.body.items).toHaveLength(2);
  const m = Number(month.slice(5));
  expect(r.body.notice.title).toBe(`每月一题：${m}月居民反映最多的问题`);
  expect(r.body.notice.body).toContain('1. **3号楼2单元 电梯**：4 次反映，本月出现 2 次，社区正在处理');

  const before = await s.request('GET', `/api/stats/service/top-problems?month=${addMonths(month, -1)}`, { token: admin });
  expect(before.body.items).toEqual([]);
  expect(before.body.notice.body).toContain('没有同一位置反复反映的问题');
  const bad = await s.request('GET', '/api/stats/service/top-problems?month=2026-13', { token: admin });
  expect(bad.status).toBe(422);
  const { token: resident } = await s.loginResident('top-r1', '居民');
  expect((await s.request('GET', `/api/stats/service/top-problems?month=${month}`, { token: resident })).status).toBe(403);
});
