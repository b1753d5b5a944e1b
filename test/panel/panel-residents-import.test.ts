// Residents spreadsheet import in the panel: a bad sheet shows its row-by-row report and imports nothing; a good one lands.
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { ensurePanelBuild, launchDesktop, login, shot, type Desktop } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Desktop;
let page: Page;

beforeAll(async () => {
  ensurePanelBuild();
  server = await startTestServer();
  browser = await launchDesktop();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sheet = (rows: string[]) => ({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`) });
const HEADER = '姓名,手机,出生年份,楼栋,单元,房号,标签';

test('a sheet with bad rows lists them and imports nothing; a good sheet is imported', async () => {
  const admin = await server.loginStaff();
  const count = async () => (await server.request('GET', '/api/residents?limit=200', { token: admin })).body.items.length;
  const before = await count();
  await login(page, server.url);
  await page.goto(`${server.url}/panel/residents`);
  await page.getByTestId('resident-import').waitFor();

  await page.locator('input[type=file][accept=".csv,.xlsx"]').setInputFiles(sheet([HEADER, '褚奶奶,,1938,10号楼,1单元,101,独居', '卫先生,12345,1980,10号楼,1单元,102,']));
  const report = page.getByTestId('import-report');
  await report.waitFor();
  await expect(report.textContent()).resolves.toContain('手机号格式不正确');
  await expect(report.textContent()).resolves.toContain('手机');
  await expect(report.textContent()).resolves.not.toContain('phone');
  await shot(page, '31-residents-import-report');
  expect(await count()).toBe(before);

  await page.keyboard.press('Escape');
  await page.locator('input[type=file][accept=".csv,.xlsx"]').setInputFiles(sheet([HEADER, '褚奶奶,,1938,10号楼,1单元,101,独居', '卫先生,13905370077,1980,10号楼,1单元,102,']));
  await page.getByText('已导入 2 位居民').waitFor();
  expect(await count()).toBe(before + 2);
  await page.getByTestId('resident-table').getByText('褚奶奶').waitFor();
});
