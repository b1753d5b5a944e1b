// 导出 Excel on the panel's lists: the downloaded workbook, read back with exceljs, holds the rows of the same filtered JSON list.
import ExcelJS from 'exceljs';
import type { Page, Download } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { panelSession } from './browser';

jest.setTimeout(120_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

async function rowsOf(download: Download): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
  return rows;
}

test('工单: 导出 Excel exports the list as filtered (here a search), every row of the JSON', async () => {
  const admin = await server.loginStaff('admin');
  for (const d of ['导出测试 1号楼水管漏水', '导出测试 2号楼路灯不亮', '别的问题 3号楼电梯异响']) {
    const r = await server.request('POST', '/api/tickets', { token: admin, body: { channel: 'desk', category: '水电', description: d, reporter: { name: '王秀兰' }, location: { building: '1号楼' } } });
    expect(r.status).toBe(201);
  }
  const json = await server.request<{ items: Array<{ no: string }> }>('GET', `/api/tickets?q=${encodeURIComponent('导出测试')}&limit=100`, { token: admin });
  expect(json.body.items).toHaveLength(2);

  await page.goto(`${server.url}/panel/tickets`);
  await page.getByPlaceholder('工单号 / 描述').fill('导出测试');
  await page.getByPlaceholder('工单号 / 描述').press('Enter');
  await expect(page.getByTestId('ticket-table')).toHaveTextSoon(/导出测试 2号楼/);
  const download = page.waitForEvent('download');
  await page.getByTestId('tickets-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('诉求工单.xlsx');
  const rows = await rowsOf(file);
  expect(rows[1]!.slice(0, 4)).toEqual(['编号', '状态', '分类', '标题']);
  expect(rows.slice(2).map((r) => r[0])).toEqual(json.body.items.map((t) => t.no));
});
