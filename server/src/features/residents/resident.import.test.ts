// Spreadsheet import over real HTTP: CSV and XLSX, a row-by-row error report, and nothing half-imported.
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { decodeCsv, parseCsv } from './resident.import';

let s: TestServer;
let admin: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(() => s.close());

const upload = (data: Buffer, name: string, query = '', token = admin) => {
  const fd = new FormData();
  fd.append('file', new Blob([data]), name);
  return s.request('POST', `/api/residents/import${query}`, { token, raw: fd });
};
const total = async () => (await s.request('GET', '/api/residents?limit=200', { token: admin })).body.items.length;

it('parses quoted CSV fields, doubled quotes and CRLF', () => {
  expect(parseCsv('\uFEFFa,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
    ['a', 'b,c', 'd "e"'],
    ['1', '2', '3'],
  ]);
});

// "姓名,楼栋\r\n王秀兰,1号楼\r\n" as Excel saves CSV on a Chinese Windows (GBK), written out byte by byte.
const GBK_SAMPLE = Buffer.from('d0d5c3fb2cc2a5b6b00d0acdf5d0e3c0bc2c31bac5c2a50d0a', 'hex');
const GBK_CSV_HEX =
  'd0d5c3fb2ccad6bbfa2cb3f6c9fac4eab7dd2cc2a5b6b02cb5a5d4aa2cb7bfbac50d0ab7ebb9f0d3a22c2c313935302c39bac5c2a52c31b5a5d4aa2c3330310d0a';

it('reads CSV text in UTF-8 (with or without BOM) and in GBK/GB18030, detected from the bytes', () => {
  expect(parseCsv(decodeCsv(GBK_SAMPLE))).toEqual([
    ['姓名', '楼栋'],
    ['王秀兰', '1号楼'],
  ]);
  expect(decodeCsv(Buffer.from('\uFEFF姓名,楼栋'))).toBe('姓名,楼栋');
  expect(decodeCsv(Buffer.from('姓名,楼栋'))).toBe('姓名,楼栋');
  // Decoded as UTF-8 these bytes would be replacement characters, not the name.
  expect(GBK_SAMPLE.toString('utf8')).not.toContain('王秀兰');
});

it('imports a CSV that Excel saved in GBK, without the worker converting it', async () => {
  // 姓名,手机,出生年份,楼栋,单元,房号 / 冯桂英,,1950,9号楼,1单元,301 — in GBK.
  const csv = Buffer.from(GBK_CSV_HEX, 'hex');
  const r = await upload(csv, '居民.csv');
  expect(r.status).toBe(200);
  expect(r.body.imported).toBe(1);
  const feng = await s.request('GET', '/api/residents?q=冯桂英', { token: admin });
  expect(feng.body.items[0]).toMatchObject({ name: '冯桂英', building: '9号楼', unit: '1单元', room: '301', birthYear: 1950 });
});

it('imports a CSV with Chinese headers; a dry run checks without writing', async () => {
  const csv = '\uFEFF姓名,手机,出生年份,楼栋,单元,房号,标签\r\n孙大爷,13905370001,1944,7号楼,1单元,101,独居、高龄\r\n钱阿姨,,1956,7号楼,2单元,202,空巢\r\n';
  const before = await total();
  const dry = await upload(Buffer.from(csv), 'residents.csv', '?dryRun=1');
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject({ imported: 0, valid: 2 });
  expect(await total()).toBe(before);
  const r = await upload(Buffer.from(csv), 'residents.csv');
  expect(r.status).toBe(200);
  expect(r.body.imported).toBe(2);
  const sun = await s.request('GET', '/api/residents?q=孙大爷', { token: admin });
  expect(sun.body.items[0]).toMatchObject({ building: '7号楼', tags: ['独居', '高龄'], phone: '13905370001' });
  // The same file again: every row is already in the registry, nothing is added.
  const again = await upload(Buffer.from(csv), 'residents.csv');
  expect(again.status).toBe(409);
  expect(again.body.error.details.errors.map((e: any) => e.row)).toEqual([2, 3]);
  expect(await total()).toBe(before + 2);
});

it('reports every bad row with its number and imports nothing', async () => {
  const csv = [
    '姓名,手机,出生年份,楼栋,单元,房号,标签',
    '周好人,13905370009,1970,8号楼,1单元,101,',
    ',13905370010,1971,8号楼,1单元,102,',
    '吴某,123,1972,8号楼,1单元,103,',
    '郑某,,3000,8号楼,1单元,104,',
    '王某,,1980,8号楼,1单元,105,不存在的标签',
    '周好人,,1970,8号楼,1单元,101,',
  ].join('\n');
  const before = await total();
  const r = await upload(Buffer.from(csv), 'bad.csv');
  expect(r.status).toBe(422);
  expect(r.body.error.message).toMatch(/未导入任何数据/);
  const rows = [...new Set(r.body.error.details.errors.map((e: any) => e.row))];
  expect(rows).toEqual([3, 4, 5, 6, 7]);
  expect(r.body.error.details.errors.every((e: any) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
  expect(await total()).toBe(before);
});

it('imports an XLSX sheet, and refuses files that are neither', async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('居民');
  sheet.addRow(['姓名', '出生年份', '楼栋', '单元', '房号', '微信昵称']);
  sheet.addRow(['冯老师', 1950, '9号楼', '1单元', '301', '冯老师']);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const r = await upload(xlsx, 'residents.xlsx');
  expect(r.status).toBe(200);
  expect(r.body.imported).toBe(1);
  const feng = await s.request('GET', '/api/residents?q=冯老师', { token: admin });
  expect(feng.body.items[0]).toMatchObject({ birthYear: 1950, building: '9号楼', wechatName: '冯老师' });
  expect((await upload(Buffer.from('%PDF-1.4 nope'), 'x.pdf')).status).toBe(422);
  expect((await upload(Buffer.from('只有一行'), 'x.csv')).status).toBe(422);
  const resident = (await s.loginResident('demo-resident')).token;
  expect((await upload(xlsx, 'residents.xlsx', '', resident)).status).toBe(403);
  const grid = await s.loginStaff('wanggang');
  expect((await upload(xlsx, 'residents.xlsx', '', grid)).status).toBe(403);
});
