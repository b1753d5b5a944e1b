// A notice printed as a bulletin-board poster: reached from its receipts, big title and text, a QR code to the notice in the resident app, and only the poster on paper.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { panelSession, shot } from './browser';

jest.setTimeout(120_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

test('打印海报: title, text and a QR code that opens this notice in H5; printing shows the A4 poster alone', async () => {
  const admin = await server.loginStaff('admin');
  const created = await server.request<{ id: string }>('POST', '/api/notices', {
    token: admin,
    body: { title: '3号楼周四停水检修', body: '周四上午 9:00–12:00 停水，请提前储水。\n\n给您带来不便，敬请谅解。', category: '停水停电', audience: { all: true }, channels: ['feed'] },
  });
  expect(created.status).toBe(201);
  await page.goto(`${server.url}/panel/notices/${created.body.id}`);
  await page.getByTestId('poster-link').click();
  const poster = page.getByTestId('notice-poster');
  await poster.waitFor();
  expect(await poster.locator('.poster-title').textContent()).toBe('3号楼周四停水检修');
  expect(await poster.textContent()).toContain('请提前储水');
  const qr = page.getByTestId('poster-qr');
  await qr.waitFor();
  expect(await qr.getAttribute('data-url')).toBe(`${server.url}/h5/#/pages/notice/index?id=${created.body.id}`);
  expect(await qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(100);
  await shot(page, '65-notice-poster');

  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
  expect(await page.getByTestId('poster-print').isVisible()).toBe(false);
  expect(await poster.isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });
});
