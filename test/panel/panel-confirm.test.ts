// Irreversible panel actions ask first: cancelling the question changes nothing; confirming does it (withdrawing a scheduled notice).
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { panelSession, shot } from './browser';

jest.setTimeout(120_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

test('撤回 a scheduled notice asks first; 取消 keeps it scheduled, confirming withdraws it', async () => {
  const admin = await server.loginStaff('admin');
  const publishAt = new Date(Date.now() + 24 * 3600_000).toISOString();
  const created = await server.request<{ id: string; status: string }>('POST', '/api/notices', {
    token: admin,
    body: { title: '下周二小区消杀', body: '请关好门窗。', category: '通知', audience: { all: true }, channels: ['feed'], publishAt },
  });
  expect(created.status).toBe(201);
  const status = async () => (await server.request<{ status: string }>('GET', `/api/notices/${created.body.id}`, { token: admin })).body.status;
  expect(await status()).toBe('scheduled');

  await page.goto(`${server.url}/panel/notices`);
  const row = page.locator(`tr[data-row-key="${created.body.id}"]`);
  await row.getByTestId('notice-withdraw').click();
  const ask = page.locator('.ant-popconfirm');
  await ask.getByText('确定撤回这条通知？').waitFor();
  await shot(page, '61-confirm-withdraw');
  await ask.getByRole('button', { name: /取\s*消/ }).click();
  await ask.waitFor({ state: 'hidden' });
  expect(await status()).toBe('scheduled');

  await row.getByTestId('notice-withdraw').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s*回/ }).click();
  const end = Date.now() + 5000;
  while ((await status()) === 'scheduled' && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  expect(await status()).toBe('withdrawn');
});
