// GET /api/residents.xlsx: the registry read back with exceljs is the caller's JSON list (every page, same search and scope, phones masked as there); numbers in clear are audited as reveals.
import ExcelJS from 'exceljs';
import type { ResidentDto } from '@linli/contracts';
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

const jsonAll = (token: string, filters = '') => s.allPages<ResidentDto>(`/api/residents?limit=200${filters}`, token);
async function sheet(token: string, filters = '') {
  const res = await fetch(`${s.url}/api/residents.xlsx?${filters}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('居民名册.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
  return { title: rows[0]![0]!, header: rows[1]!, rows: rows.slice(2) };
}
const reveals = () => s.app.conn.collection('resident_audit').countDocuments({ action: 'phone.reveal' });
const shape = (r: ResidentDto) => [r.building, r.unit, r.room, r.name, r.phone ?? '', String(r.birthYear), r.tags.join('、'), r.wechatBound ? '已绑定' : '未绑定'];

test('admin: every resident as in the JSON, numbers in clear, each one audited as a reveal', async () => {
  // More than one JSON page of 200.
  for (let i = 0; i < 205; i++) {
    const r = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: `导出居民${i}`, phone: `1390000${String(1000 + i)}`, birthYear: 1950, building: '7号楼', unit: '1单元', room: `${100 + i}`, tags: [] },
    });
    expect(r.status).toBe(201);
  }
  const json = await jsonAll(admin);
  expect(json.length).toBeGreaterThan(205);
  const before = await reveals();
  const x = await sheet(admin);
  expect(x.header).toEqual(['楼栋', '单元', '房号', '姓名', '电话', '出生年份', '标签', '微信']);
  expect(x.title).toMatch(new RegExp(`^居民名册（导出 .*共 ${json.length} 人）$`));
  expect(x.rows).toEqual(json.map(shape));
  expect(x.rows.find((r) => r[3] === '导出居民7')![4]).toBe('13900001007');
  expect((await reveals()) - before).toBe(json.filter((r) => r.phone).length);
  const seven = json.find((r) => r.name === '导出居民7')!;
  const log = await s.request('GET', `/api/residents/audit?residentId=${seven.id}`, { token: admin });
  expect(log.body.items).toEqual([expect.objectContaining({ action: 'phone.reveal', residentName: '导出居民7' })]);
});

test('filters and a grid worker’s scope as in their JSON; their numbers stay masked and nothing is audited', async () => {
  const jf = await jsonAll(admin, `&building=${encodeURIComponent('7号楼')}&q=${encodeURIComponent('导出居民1')}`);
  const xf = await sheet(admin, `building=${encodeURIComponent('7号楼')}&q=${encodeURIComponent('导出居民1')}`);
  expect(xf.rows).toEqual(jf.map(shape));
  expect(jf.length).toBeGreaterThan(1);

  const grid = await s.loginStaff('wanggang');
  const before = await reveals();
  const json = await jsonAll(grid);
  const x = await sheet(grid);
  expect(x.rows).toEqual(json.map(shape));
  expect(x.rows.every((r) => r[0] !== '7号楼')).toBe(true);
  expect(x.rows.filter((r) => r[4]).every((r) => /^1\d\d\*{4}\d{4}$/.test(r[4]!))).toBe(true);
  expect(x.title).toContain('电话已隐藏');
  expect(await reveals()).toBe(before);
});

test('finance and residents may not export', async () => {
  const finance = await s.loginStaff('caiwu');
  const r = await s.request('GET', '/api/residents.xlsx', { token: finance });
  expect(r.status).toBe(403);
  expect(r.body.error.message).toBe('您的岗位无权查看居民档案');
  const { token } = await s.loginResident('demo-resident');
  expect((await s.request('GET', '/api/residents.xlsx', { token })).status).toBe(403);
});
