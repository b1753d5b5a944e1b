// The 街道总览 page in Chromium: a street account sees only this page — KPIs per community as the API computes them and the supervised tickets — and it is axe-clean.
import type { Page } from 'playwright-core';
import { shanghaiDay } from '@linli/contracts';
import type { TestServer } from '../../server/src/test-support/harness';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;

// 1 hour of service time = 3.6 s: an unsigned 电梯 report is supervised at 0.9 s and raised to the street at 1.8 s.
panelSession({ login: false, env: { SERVICE_CLOCK_SCALE: '0.001' } }, (ps) => ({ server, page } = ps));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a street account lands on 街道总览 with per-community rates and the supervised tickets, and nothing else', async () => {
  const admin = await server.loginStaff();
  const body = { category: '电梯', description: '3号楼电梯停在半层', channel: 'desk', reporter: { name: '陈德明', phone: '13805370006' }, location: { building: '3号楼', unit: '2单元' } };
  const t = (await server.request('POST', '/api/tickets', { token: admin, body })).body;
  const until = Date.now() + 20_000;
  const timeline = async () => ((await server.request('GET', `/api/tickets/${t.id}`, { token: admin })).body.timeline as Array<{ kind: string }>).map((e) => e.kind);
  while (!(await timeline()).includes('street') && Date.now() < until) await sleep(200);
  expect(await timeline()).toContain('street');

  await page.goto(`${server.url}/panel/login`);
  await page.getByPlaceholder('用户名').fill('jiedao');
  await page.getByPlaceholder('密码').fill('linli-demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('street-overview').waitFor();
  await page.getByTestId('street-name').filter({ hasText: '北门街道' }).waitFor();

  // Its own nav: one entry.
  expect((await page.locator('.ant-layout-sider .ant-menu-item').allTextContents()).map((x) => x.trim())).toEqual(['街道总览']);

  // The community's row shows the rates its own KPI endpoint gives.
  const today = shanghaiDay();
  const own = (await server.request('GET', `/api/stats/service?from=${today.slice(0, 8)}01&to=${today}`, { token: admin })).body.overall;
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const kpis = page.getByTestId('street-kpis');
  await kpis.locator('tr', { hasText: '全街道合计' }).waitFor();
  const cells = (await kpis.locator('tr', { hasText: '北门社区' }).first().locator('td').allTextContents()).map((x) => x.trim());
  expect(cells).toEqual(['北门社区', String(own.total), String(own.counted), ...[own.rates.signedOnTime, own.rates.finishedOnTime, own.rates.satisfied, own.rates.duplicates].map(pct)]);

  // The supervised ticket, marked as raised to the street; the resident's phone is nowhere on the page.
  const row = page.getByTestId('street-tickets').locator('tr', { hasText: t.no });
  await row.waitFor();
  expect(await row.textContent()).toContain('上报街道');
  expect(await row.textContent()).toContain('北门社区');
  expect(await page.content()).not.toContain('13805370006');
  await page.getByText('上报街道', { exact: true }).first().click();
  await page.getByTestId('street-tickets').locator('tr', { hasText: t.no }).waitFor();
  await shot(page, 'street-overview');
  await expectNoSeriousA11yViolations(page, '街道总览');

  // A staff address still shows the overview (those pages would all answer this account 403).
  await page.goto(`${server.url}/panel/tickets`);
  await page.getByTestId('street-overview').waitFor();
  expect(await page.getByTestId('inbox').count()).toBe(0);
});
