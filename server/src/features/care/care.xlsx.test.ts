// GET /api/care/overview.xlsx: the day's check-ins read back with exceljs are the JSON overview's people (未打卡 first), with the same day, building and scope.
import ExcelJS from 'exceljs';
import { CHECKIN_SOURCE_LABELS, type CareOverviewDto } from '@linli/contracts';
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

async function sheet(token: string, query = '') {
  const res = await fetch(`${s.url}/api/care/overview.xlsx${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(/平安打卡-\d{4}-\d{2}-\d{2}\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
  return { title: rows[0]![0]!, header: rows[1]!, rows: rows.slice(2) };
}
const overview = async (token: string, query = '') => (await s.request<CareOverviewDto>('GET', `/api/care/overview${query}`, { token })).body;
/** What each row should say, from the JSON: name, state, check-in way. */
const expected = (o: CareOverviewDto) => [
  ...o.missing.map((m) => [m.name, m.absence ? `${m.absence.reason}中` : m.overdue ? '超时未打卡' : '未打卡', '']),
  ...o.checkedIn.map((c) => [c.name, '已打卡', CHECKIN_SOURCE_LABELS[c.source]]),
];

test('the same people as the JSON overview, 未打卡 first, with the check-in way', async () => {
  const { token: wang } = await s.loginResident('demo-wangxiulan');
  expect((await s.request('POST', '/api/care/checkins', { token: wang, body: {} })).status).toBe(201);

  const o = await overview(admin);
  expect(o.checkedIn.map((c) => c.name)).toContain('王秀兰');
  expect(o.missing.length).toBeGreaterThan(0);
  const x = await sheet(admin);
  expect(x.title).toBe(`平安打卡 ${o.day}（共 ${o.total} 人，已打卡 ${o.checkedIn.length} 人，未打卡 ${o.missing.length} 人）`);
  expect(x.header).toEqual(['楼栋', '姓名', '状态', '打卡时间', '打卡方式', '截止时间', '外出/住院']);
  expect(x.rows.map((r) => [r[1], r[2], r[4]])).toEqual(expected(o));
  expect(x.rows.find((r) => r[1] === '王秀兰')).toEqual([o.checkedIn.find((c) => c.name === '王秀兰')!.building ?? '', '王秀兰', '已打卡', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/), '小程序打卡', '', '']);
});

test('a building filter and a grid worker’s scope give the same people as their JSON', async () => {
  const o = await overview(admin);
  const building = o.missing[0]?.building ?? o.checkedIn[0]!.building!;
  const q = `?building=${encodeURIComponent(building)}&day=${o.day}`;
  const ob = await overview(admin, q);
  expect((await sheet(admin, q)).rows.map((r) => [r[1], r[2], r[4]])).toEqual(expected(ob));
  expect(ob.total).toBeLessThan(o.total);

  const grid = await s.loginStaff('liumin');
  const og = await overview(grid);
  expect((await sheet(grid)).rows.map((r) => [r[1], r[2], r[4]])).toEqual(expected(og));
  expect(og.total).toBeLessThan(o.total);
});

test('residents may not export; a bad day is a clear error', async () => {
  const { token } = await s.loginResident('demo-resident');
  expect((await s.request('GET', '/api/care/overview.xlsx', { token })).status).toBe(403);
  const bad = await s.request('GET', '/api/care/overview.xlsx?day=2026-13-40', { token: admin });
  expect(bad.status).toBe(422);
});
