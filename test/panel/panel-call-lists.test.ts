// Call and visit lists in Debian Chromium: the notice receipts' 未读 list and today's 未打卡 list give the responsible staff the full number on demand (audited) as a tel: link, and print as the list alone.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { login, panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;
let admin: string;

panelSession({ login: false }, (ps) => ({ server, page } = ps));
beforeAll(async () => {
  admin = await server.loginStaff();
});

async function signInAs(username: string) {
  await page.goto(`${server.url}/panel/login`);
  await page.evaluate(() => localStorage.clear());
  await login(page, server.url, username);
}

const wang = async () => (await server.request('GET', `/api/residents?q=${encodeURIComponent('王秀兰')}`, { token: admin })).body.items[0] as { id: string; phone: string };
const reveals = async (residentId: string) =>
  ((await server.request('GET', `/api/residents/audit?residentId=${residentId}`, { token: admin })).body.items as { action: string; actor: { name: string } }[]).filter((a) => a.action === 'phone.reveal');

test('未读（需上门或电话告知）: 显示号码 turns the masked number into a tel: link, audited under the worker; the print view is the list alone', async () => {
  const w = await wang();
  expect(w.phone).toMatch(/^1\d{10}$/);
  const created = await server.request('POST', '/api/notices', {
    token: admin,
    body: { title: '周六上午体检通知', body: '请携带身份证。', category: '通知', audience: { buildings: ['1号楼'] }, channels: ['feed'] },
  });
  expect(created.status).toBe(201);
  await signInAs('wanggang');
  await page.goto(`${server.url}/panel/notices/${created.body.id}`);
  const row = page.getByTestId('notice-receipts').locator(`tr[data-row-key="${w.id}"]`);
  await row.getByTestId('receipt-phone-reveal').waitFor();
  // Masked until asked: the full number is not on the page yet.
  expect(await page.getByTestId('notice-receipts').textContent()).not.toContain(w.phone);
  expect(await reveals(w.id)).toEqual([]);
  await row.getByTestId('receipt-phone-reveal').click();
  await expect(row.getByTestId('receipt-phone-tel').getAttribute('href')).resolves.toBe(`tel:${w.phone}`);
  expect((await reveals(w.id)).map((a) => a.actor.name)).toEqual(['王刚（网格员）']);
  await shot(page, '62-receipts-call-list');

  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
  expect(await page.getByTestId('receipts-print').isVisible()).toBe(false);
  expect(await row.getByTestId('receipt-phone-tel').isVisible()).toBe(true);
  await shot(page, '63-receipts-print');
  await page.emulateMedia({ media: 'screen' });
});

test('未打卡: each missing resident has 显示号码 → tel: link for the care worker (audited)', async () => {
  const w = await wang();
  await signInAs('zhangli');
  await page.goto(`${server.url}/panel/residents?tab=checkins`);
  const row = page.getByTestId(`care-missing-${w.id}`);
  const reveal = row.getByTestId(`care-missing-phone-${w.id}-reveal`);
  await reveal.waitFor();
  await reveal.click();
  await expect(row.getByTestId(`care-missing-phone-${w.id}-tel`).getAttribute('href')).resolves.toBe(`tel:${w.phone}`);
  expect((await reveals(w.id)).map((a) => a.actor.name)).toContain('张丽（社区工作者）');
  await shot(page, '64-checkins-call-list');
});
