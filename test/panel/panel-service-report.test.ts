// The 接诉即办 report page in Chromium: the figures shown are the API's, and 导出 Excel downloads a workbook with the same total.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { shanghaiDay } from '@linli/contracts';
import type { TestServer } from '../../server/src/test-support/harness';
import { panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

test('shows 响应率/办结率/满意率/重复报修率 and a row per category as the API computes them, and exports them', async () => {
  const admin = await server.loginStaff();
  const { token } = await server.loginResident('report-a', '居民甲');
  const t = (await server.request('POST', '/api/tickets', { token, body: { channel: 'app', category: '水电', description: '楼道漏水', location: { building: '2号楼', unit: '1单元' } } })).body;
  for (const action of ['accept', 'start', 'resolve']) await server.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action } });
  expect((await server.request('POST', `/api/tickets/${t.id}/rating`, { token, body: { score: 5 } })).status).toBe(200);
  await server.request('POST', '/api/tickets', { token: admin, body: { channel: 'desk', category: '电梯', description: '电梯异响', reporter: { name: '路人' } } });

  const today = shanghaiDay();
  const api = (await server.request('GET', `/api/stats/service?from=${today.slice(0, 8)}01&to=${today}&groupBy=category`, { token: admin })).body;
  await page.goto(`${server.url}/panel/service`);
  const table = page.getByTestId('report-table');
  await table.locator('tr', { hasText: '合计' }).waitFor();
  const cells = async (label: string) => (await table.locator('tr', { hasText: label }).first().locator('td').allTextContents()).map((x) => x.trim());
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const row = (label: string, c: any) => [label, c.total, c.duplicates, c.counted, c.signedOnTime, c.finishedOnTime, c.rated, c.satisfied].map(String).concat([c.rates.signedOnTime, c.rates.finishedOnTime, c.rates.satisfied, c.rates.duplicates].map(pct));
  expect(await cells('合计')).toEqual(row('合计', api.overall));
  for (const g of api.groups) expect(await cells(g.label)).toEqual(row(g.label, g));
  const rates = (await page.getByTestId('report-rates').textContent()) ?? '';
  expect(rates).toContain(`满意率${pct(api.overall.rates.satisfied)}`);
  await shot(page, 'service-report');

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  expect(dl.suggestedFilename()).toBe(`接诉即办统计-${today.slice(0, 8)}01-${today}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await dl.path())!);
  const values: any[][] = [];
  wb.getWorksheet('接诉即办')!.eachRow((r) => values.push((r.values as any[]).slice(1)));
  const total = values.find((v) => v[0] === '合计')!;
  expect(total.slice(0, 8)).toEqual(['合计', api.overall.total, api.overall.duplicates, api.overall.counted, api.overall.signedOnTime, api.overall.finishedOnTime, api.overall.rated, api.overall.satisfied]);
});
