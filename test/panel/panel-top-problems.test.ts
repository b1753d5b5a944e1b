// 每月一题 in Chromium: the 接诉即办 page ranks this month's recurring problems as the API does and publishes them as a notice; the big screen shows them.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

test('ranks the month’s recurring problems, publishes them as a notice, and shows them on the big screen', async () => {
  const admin = await server.loginStaff();
  const file = (category: string, description: string, who: string, building: string, unit: string) =>
    server.request('POST', '/api/tickets', { token: admin, body: { category, description, channel: 'desk', reporter: { name: who }, location: { building, unit } } });
  for (const who of ['张大爷', '李阿姨', '王叔']) expect((await file('电梯', '3号楼2单元电梯坏了，停在五楼不动', who, '3号楼', '2单元')).status).toBe(201);
  for (const who of ['钱先生', '孙女士']) expect((await file('水电', '5号楼1单元楼道水管漏水', who, '5号楼', '1单元')).status).toBe(201);

  await page.goto(`${server.url}/panel/service`);
  const card = page.getByTestId('top-problems');
  const first = card.locator('tbody tr').first();
  await first.locator('td', { hasText: '3号楼2单元' }).waitFor();
  expect((await first.locator('td').allTextContents()).slice(0, 4)).toEqual(['1', '3号楼2单元', '电梯', '3']);
  await shot(page, 'top-problems');
  await expectNoSeriousA11yViolations(page, '接诉即办 with 每月一题');

  await page.getByTestId('top-problems-publish').click();
  await page.locator('.ant-popover').getByRole('button', { name: /发\s*布/ }).click();
  await page.getByText(/已发布通知「每月一题：\d+月居民反映最多的问题」/).waitFor();
  const notices = (await server.request('GET', '/api/notices?limit=5', { token: admin })).body.items as any[];
  const n = notices.find((x) => x.title.startsWith('每月一题'));
  expect(n).toBeDefined();
  expect(n.status).toBe('published');

  await page.goto(`${server.url}/panel/screen`);
  const screen = page.getByTestId('screen-monthly-problems');
  await screen.waitFor();
  expect(await screen.textContent()).toContain('3号楼2单元 · 3 次反映');
  await expectNoSeriousA11yViolations(page, 'big screen with 每月一题');
});
