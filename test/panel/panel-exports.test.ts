// 导出 Excel on the panel's lists: the downloaded workbook, read back with exceljs, holds the rows of the same filtered JSON list.
import ExcelJS from 'exceljs';
import type { Page, Download } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { PANEL_WAIT_MS, panelSession } from './browser';

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

test('平安打卡: 导出 Excel holds the day’s overview, 未打卡 first', async () => {
  const admin = await server.loginStaff('admin');
  const ov = await server.request<{ day: string; missing: Array<{ name: string }>; checkedIn: Array<{ name: string }> }>('GET', '/api/care/overview', { token: admin });
  await page.goto(`${server.url}/panel/residents?tab=checkins`);
  await page.getByTestId('care-overview').waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('care-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`平安打卡-${ov.body.day}.xlsx`);
  const rows = await rowsOf(file);
  expect(rows[1]).toEqual(['楼栋', '姓名', '状态', '打卡时间', '打卡方式', '截止时间', '外出/住院']);
  expect(rows.slice(2).map((r) => r[1])).toEqual([...ov.body.missing, ...ov.body.checkedIn].map((p) => p.name));
});

test('预警: an alert’s 短信与电话通知 ledger has 导出 Excel with the JSON ledger’s rows', async () => {
  const admin = await server.loginStaff('admin');
  const band = (await server.request('GET', '/api/devices?kind=wristband', { token: admin })).body.items.find((d: { wearerResidentId?: string }) => d.wearerResidentId);
  const key = (await server.request('POST', `/api/devices/${band.id}/rotate-key`, { token: admin })).body.key;
  const sos = await server.request<{ alertId: string }>('POST', '/api/alerts/ingest', {
    headers: { authorization: `Bearer ${key}` },
    body: { deviceId: band.id, eventId: `e2e-xlsx-${Date.now()}`, type: 'sos', at: new Date().toISOString() },
  });
  expect(sos.status).toBe(201);
  const ledger = () => server.request<{ items: Array<{ recipient: { name: string } }> }>('GET', `/api/alerts/${sos.body.alertId}/deliveries`, { token: admin });
  for (let i = 0; i < 100 && !(await ledger()).body.items.length; i++) await new Promise((r) => setTimeout(r, 100));

  await page.goto(`${server.url}/panel/alerts`);
  const card = page.locator(`[data-testid="alert-card"][data-alert-id="${sos.body.alertId}"]`);
  await card.waitFor();
  await card.getByRole('button', { name: '处理记录' }).click();
  const download = page.waitForEvent('download');
  await card.getByTestId('alert-deliveries-xlsx').click();
  const file = await download;
  const after = (await ledger()).body.items;
  const rows = (await rowsOf(file)).slice(2);
  expect(rows.length).toBeGreaterThan(0);
  // Rows only get added while delivery runs (oldest first): the export is a prefix of the ledger read after it.
  expect(rows.map((r) => r[1])).toEqual(after.slice(0, rows.length).map((d) => d.recipient.name));
});

test('居民档案: 导出 Excel (confirmed: numbers in clear are audited) holds the JSON registry as searched', async () => {
  const admin = await server.loginStaff('admin');
  const json = await server.request<{ items: Array<{ name: string; phone?: string }> }>('GET', `/api/residents?q=${encodeURIComponent('王')}&limit=200`, { token: admin });
  expect(json.body.items.length).toBeGreaterThan(0);
  const reveals = () => server.app.conn.collection('resident_audit').countDocuments({ action: 'phone.reveal' });
  const before = await reveals();

  await page.goto(`${server.url}/panel/residents`);
  await page.getByPlaceholder('姓名或手机号').fill('王');
  await page.getByPlaceholder('姓名或手机号').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="resident-table"] tbody tr.ant-table-row').length === n, json.body.items.length, { timeout: 15_000 });
  await page.getByTestId('residents-xlsx').click();
  await expect(page.locator('.ant-popconfirm')).toHaveTextSoon(/每个号码都会记入查看号码的审计记录/);
  // The confirmation zooms in from the button: clicked while it moves, the click could miss 导出.
  await page.locator('.ant-popconfirm:not([class*="-zoom-"])').waitFor();
  const download = page.waitForEvent('download');
  await page.locator('.ant-popconfirm').getByRole('button', { name: /^导\s*出$/ }).click();
  // A refused export shows 导出失败 and downloads nothing: say so rather than wait out the download.
  const failed = page.locator('.ant-message-error').waitFor({ timeout: PANEL_WAIT_MS }).then(
    async () => { throw new Error(`the panel said: ${await page.locator('.ant-message-error').innerText()}`); },
    () => new Promise<never>(() => {}),
  );
  const file = await Promise.race([download, failed]);
  expect(file.suggestedFilename()).toBe('居民名册.xlsx');
  const rows = (await rowsOf(file)).slice(2);
  expect(rows.map((r) => [r[3], r[4]])).toEqual(json.body.items.map((r) => [r.name, r.phone ?? '']));
  expect((await reveals()) - before).toBe(json.body.items.filter((r) => r.phone).length);
});
