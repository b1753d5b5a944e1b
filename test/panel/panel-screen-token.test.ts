// The hall TV opens the big screen with a screen token and no staff login: live numbers, masked names, axe-clean; revoked → the screen says so. The admin makes and stops the link in 账号管理.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { expectNoSeriousA11yViolations } from '../support/axe';
import './expect-soon';
import { login, panelSession, shot } from './browser';

jest.setTimeout(120_000);

let server: TestServer;
let page: Page;

panelSession({ login: false }, (ps) => ({ server, page } = ps));

test('the screen opens with ?t= and no login, counts live, masks names; revoked, it says so', async () => {
  const admin = await server.loginStaff('admin');
  const file = (description: string) =>
    server.request<{ id: string }>('POST', '/api/tickets', {
      token: admin,
      body: { channel: 'desk', category: '水电', description, reporter: { name: '王秀兰', phone: '13812345678' }, location: { building: '1号楼', room: '302' } },
    });
  const a = await file('1号楼水管漏水');
  await file('1号楼楼道灯不亮');
  expect((await server.request('POST', `/api/tickets/${a.body.id}/transition`, { token: admin, body: { action: 'accept' } })).status).toBe(200);
  const made = await server.request<{ screen: { id: string }; url: string }>('POST', '/api/screen-tokens', { token: admin, body: { name: '社区大厅大屏' } });
  expect(made.status).toBe(201);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}${made.body.url}`);
  await page.getByTestId('big-screen').waitFor();
  expect(new URL(page.url()).pathname).toBe('/panel/screen'); // not sent to the login page
  expect(await page.evaluate(() => localStorage.getItem('linli.panel.token'))).toBeNull();
  await expect(page.getByTestId('screen-待受理')).toHaveTextSoon('1');
  await expect(page.getByTestId('screen-正在处理')).toHaveTextSoon('1');
  await expect(page.getByTestId('screen-feed')).toHaveTextSoon(/王\*\*/);
  expect(await page.getByTestId('screen-feed').textContent()).not.toContain('王秀兰');
  await expect(page.locator('.screen-live')).toHaveTextSoon('● 实时');

  // Live over the screen's socket: a new report is counted without a reload.
  await file('1号楼电梯异响');
  await expect(page.getByTestId('screen-待受理')).toHaveTextSoon('2');
  await expectNoSeriousA11yViolations(page, 'big screen with a screen token');
  await shot(page, '61-big-screen-token');

  expect((await server.request('POST', `/api/screen-tokens/${made.body.screen.id}/revoke`, { token: admin })).status).toBe(200);
  await page.reload();
  await page.getByTestId('big-screen-revoked').waitFor();
  expect(await page.getByTestId('big-screen-revoked').textContent()).toContain('此大屏链接已停用');
  expect(new URL(page.url()).pathname).toBe('/panel/screen');
});

test('an admin makes a screen link in 账号管理 (shown once) and stops it with a confirmation', async () => {
  await login(page, server.url);
  await page.goto(`${server.url}/panel/account/staff`);
  const card = page.getByTestId('screen-tokens');
  await card.getByRole('button', { name: '生成大屏链接' }).click();
  await expect(card).toHaveTextSoon(/请填写大屏名称/);
  await card.getByLabel('大屏名称').fill('二楼活动室大屏');
  await card.getByRole('button', { name: '生成大屏链接' }).click();
  const url = (await page.getByTestId('screen-token-url').textContent())?.trim() ?? '';
  expect(url).toMatch(new RegExp(`^${server.url}/panel/screen\\?t=scr_[A-Za-z0-9_-]{32}$`));
  const token = new URL(url).searchParams.get('t')!;
  expect((await server.request('GET', '/api/community', { token })).status).toBe(200);
  const row = card.locator('tr', { hasText: '二楼活动室大屏' });
  await expect(row).toHaveTextSoon(/使用中/);
  await expectNoSeriousA11yViolations(page, '账号管理 with screen links');

  await row.getByRole('button', { name: /^停\s*用$/ }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /^停\s*用$/ }).click();
  await expect(row).toHaveTextSoon(/已停用/);
  expect((await server.request('GET', '/api/community', { token })).status).toBe(401);
});
