// The big screen in the service hall: a real QR code to the resident app, and tickets nobody has taken on counted as 待受理, not 正在处理.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { panelSession, shot } from './browser';

jest.setTimeout(120_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

test('waiting and in-progress tickets are counted apart, and the QR code opens the resident app', async () => {
  const admin = await server.loginStaff('admin');
  const file = (description: string) =>
    server.request<{ id: string }>('POST', '/api/tickets', { token: admin, body: { channel: 'desk', category: '水电', description, reporter: { name: '王秀兰' }, location: { building: '1号楼' } } });
  const a = await file('1号楼水管漏水');
  await file('1号楼楼道灯不亮');
  expect(a.status).toBe(201);
  const accepted = await server.request('POST', `/api/tickets/${a.body.id}/transition`, { token: admin, body: { action: 'accept' } });
  expect(accepted.status).toBe(200);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}/panel/screen`);
  await page.getByTestId('big-screen').waitFor();
  await expect(page.getByTestId('screen-待受理')).toHaveTextSoon('1');
  await expect(page.getByTestId('screen-正在处理')).toHaveTextSoon('1');

  const qr = page.getByTestId('screen-qr');
  await qr.waitFor();
  expect(await qr.getAttribute('data-url')).toBe(`${server.url}/h5/`);
  expect(await qr.getAttribute('alt')).toBe('扫码打开邻里居民端');
  // A rendered SVG image of the code (not a placeholder box): it decoded and has its full size.
  expect(await qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(100);
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  await shot(page, '60-big-screen-qr');
});
