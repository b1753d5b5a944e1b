// The staff panel in Debian Chromium against the real server: login, live inbox, handling a ticket to resolved
// while the resident's socket hears every step, internal notes kept from the resident, session expiry.
import type { Page } from 'playwright-core';
import type { TicketDto } from '@linli/contracts';
import { nextEvent, startTestServer, type TestServer } from '../../server/src/test-support/harness';
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

test('a wrong password is refused with a message; the right one opens the 工作台', async () => {
  await page.goto(`${server.url}/panel/`);
  await page.getByPlaceholder('用户名').waitFor();
  await shot(page, '01-login');
  await page.getByPlaceholder('用户名').fill('admin');
  await page.getByPlaceholder('密码').fill('wrong-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
  await login(page, server.url);
  await page.getByTestId('live-indicator').getByText('实时连接').waitFor();
  await shot(page, '02-inbox');
});

test('a ticket reported in the mini-program appears in the inbox live, and is handled to resolved while the resident hears each step', async () => {
  const resident = await server.loginResident('demo-wangxiulan');
  const residentSocket = await server.socket(resident.token);
  const before = await page.getByTestId('inbox-ticket').count();

  const t0 = Date.now();
  const created = await server.request<TicketDto>('POST', '/api/tickets', {
    token: resident.token,
    body: { channel: 'app', category: '电梯', description: '3号楼2单元电梯停在5楼不动了，里面没有人', location: { building: '3号楼', unit: '2单元' } },
  });
  expect(created.status).toBe(201);
  const no = created.body.no;
  const row = page.locator(`[data-testid="inbox-ticket"][data-ticket-no="${no}"]`);
  await row.waitFor({ timeout: 5000 });
  const liveMs = Date.now() - t0;
  console.log(`[panel] POST /api/tickets → row visible in the 工作台: ${liveMs} ms`);
  expect(liveMs).toBeLessThan(3000);
  expect(await page.getByTestId('inbox-ticket').count()).toBe(before + 1);
  await expect(row.textContent()).resolves.toContain('紧急');
  await shot(page, '03-inbox-live-ticket');

  await row.click();
  await page.getByTestId('ticket-detail').waitFor();
  // Only the moves the transition table allows from 待受理 are offered.
  const offered = await page.getByTestId('ticket-actions').locator('button').allTextContents();
  expect(offered.map((s) => s.replace(/\s/g, ''))).toEqual(['受理', '派单', '撤销']);

  const updates: TicketDto[] = [];
  residentSocket.on('ticket:updated', (t: TicketDto) => updates.push(t));

  let ev = nextEvent<TicketDto>(residentSocket, 'ticket:updated', 5000, (t) => t.id === created.body.id && t.status === 'accepted');
  await page.getByTestId('action-accept').click();
  await ev;
  // The resident's socket can hear the change before the panel re-renders: wait for the page, don't sample it.
  await page.getByTestId('ticket-status').first().filter({ hasText: /^已受理$/ }).waitFor();

  // Assign through the staff picker.
  ev = nextEvent<TicketDto>(residentSocket, 'ticket:updated', 5000, (t) => t.status === 'assigned');
  await page.getByTestId('action-assign').click();
  await page.getByTestId('assignee-select').click();
  await page.locator('.ant-select-item-option', { hasText: '王刚' }).click();
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  const assigned = await ev;
  expect(assigned.assigneeName).toContain('王刚');

  // An internal note: saved on the ticket, never sent to the resident.
  await page.getByText('内部备注（仅工作人员）').click();
  await page.getByTestId('reply-input').fill('已电话联系电梯维保公司，师傅 20 分钟到');
  await page.getByTestId('reply-send').click();
  await page.locator('.timeline-internal', { hasText: '电梯维保公司' }).waitFor();

  // A public reply reaches the resident.
  ev = nextEvent<TicketDto>(residentSocket, 'ticket:updated', 5000, (t) => t.timeline.some((e) => e.kind === 'comment'));
  await page.getByText('公开回复（居民可见）').click();
  await page.getByTestId('reply-input').fill('维修师傅已在路上，请您不要乘坐这部电梯。');
  await page.getByTestId('reply-send').click();
  const replied = await ev;
  expect(replied.timeline.filter((e) => e.kind === 'comment').map((e) => e.note)).toEqual(['维修师傅已在路上，请您不要乘坐这部电梯。']);

  ev = nextEvent<TicketDto>(residentSocket, 'ticket:updated', 5000, (t) => t.status === 'in_progress');
  await page.getByTestId('action-start').click();
  await ev;

  ev = nextEvent<TicketDto>(residentSocket, 'ticket:updated', 5000, (t) => t.status === 'resolved');
  await page.getByTestId('action-resolve').click();
  await page.locator('.ant-modal textarea').fill('电梯控制板已更换，恢复运行');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  const resolved = await ev;
  expect(resolved.status).toBe('resolved');
  // The resident's socket can hear the change before the panel re-renders: wait for the page, don't sample it.
  await page.getByTestId('ticket-status').first().filter({ hasText: /^已解决$/ }).waitFor();
  const offeredAfter = await page.getByTestId('ticket-actions').locator('button').allTextContents();
  expect(offeredAfter.map((s) => s.replace(/\s/g, ''))).toEqual(['关闭', '重新打开']);
  await shot(page, '04-ticket-resolved');

  // The resident heard every step and never an internal note.
  expect(updates.map((t) => t.status)).toEqual(expect.arrayContaining(['accepted', 'assigned', 'in_progress', 'resolved']));
  expect(JSON.stringify(updates)).not.toContain('电梯维保公司');
  residentSocket.disconnect();
});

test('desk registration creates a desk ticket for a walk-in resident', async () => {
  await page.goto(`${server.url}/panel/tickets`);
  await page.getByTestId('desk-register').click();
  const form = page.getByTestId('desk-form');
  await form.getByLabel('居民姓名').fill('王秀');
  await page.locator('.ant-select-item-option', { hasText: '王秀兰' }).first().click();
  await form.getByLabel('问题描述').fill('家里水龙头关不紧，一直滴水');
  await shot(page, '05-desk-registration');
  await page.locator('.ant-modal').getByRole('button', { name: /登\s*记/ }).click();
  await page.getByTestId('ticket-detail').waitFor();
  const detail = await page.getByTestId('ticket-detail').textContent();
  expect(detail).toContain('会客厅登记');
  expect(detail).toContain('王秀兰');
});

test('logging out returns to the login page and forgets the token', async () => {
  await page.goto(`${server.url}/panel/`);
  await page.getByTestId('account-menu').hover();
  await page.getByText('退出登录').click();
  await page.getByPlaceholder('用户名').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('linli.panel.token'))).toBeNull();
  await page.goto(`${server.url}/panel/tickets`);
  await page.getByPlaceholder('用户名').waitFor();
});

test('an expired session sends staff back to the login page with the reason', async () => {
  await page.evaluate(() => localStorage.setItem('linli.panel.token', 'expired.token.value'));
  await page.goto(`${server.url}/panel/tickets`);
  await expect(page.getByTestId('login-flash').textContent()).resolves.toContain('登录已过期');
});
