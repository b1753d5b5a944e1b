// The resident H5 app in Debian Chromium against the real server: 账目公开 (statements, where the money went) and a 心愿清单 household vote.
import type { Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { ensureH5Build, launchPhone, shot, ui } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchPhone>>;
let page: Page;
const vis = (id: string) => ui(page, server.url).vis(id);
const tap = (l: Locator) => ui(page, server.url).tap(l);

beforeAll(async () => {
  ensureH5Build();
  server = await startTestServer();
  const staff = await server.loginStaff();
  const r = await server.request('POST', '/api/residents', {
    token: staff,
    body: { name: '孙建华', birthYear: 1972, building: '4号楼', unit: '2单元', room: '301', tags: [], openid: 'e2e-h5-sun' },
  });
  expect(r.status).toBe(201);
  browser = await launchPhone();
  page = browser.page;
  await ui(page, server.url).login('e2e-h5-sun');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('账目公开 shows the latest monthly statement, where the money went, and its entries', async () => {
  await tap(vis('shortcut-ledger'));
  await vis('statement').waitFor();
  const { body } = await server.request('GET', '/api/ledger/statements', { token: (await server.loginResident('e2e-h5-sun')).token });
  const latest = body.items[0];
  const fen = (n: number) => `¥${(n / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  await expect(vis('expense-total').textContent()).resolves.toBe(fen(latest.expense.total));
  await expect(vis('income-total').textContent()).resolves.toBe(fen(latest.income.total));
  expect(await vis('category-bars').first().textContent()).toContain('安保');
  expect(await vis('ledger-entry').count()).toBe(latest.entryCount);
  await shot(page, '30-ledger');
});

test('a household votes once in the open wish-list round and sees its choice counted', async () => {
  await ui(page, server.url).open('/pages/wishlist/index');
  await vis('wish-round').filter({ hasText: '第二批' }).click();
  await vis('wish-round-page').waitFor();
  const items = vis('wish-item');
  await items.first().waitFor();
  const before = Number((await items.nth(1).locator('[data-testid="wish-votes"]').textContent())?.replace(/\D/g, ''));
  await items.nth(0).click();
  await items.nth(1).click();
  await expect(items.nth(1).getAttribute('data-selected')).resolves.toBe('1');
  await shot(page, '31-wish-picking');
  // One vote per household, never changed: a second step names the choice first, and 再想想 sends nothing.
  await vis('wish-vote').click();
  await vis('wish-confirm').waitFor();
  const picked = [await items.nth(0).locator('.strong').textContent(), await items.nth(1).locator('.strong').textContent()];
  const confirmText = (await vis('wish-confirm').textContent()) ?? '';
  expect(confirmText).toContain('每户只能投一次');
  for (const t of picked) expect(confirmText).toContain(t!.replace(/^[☑☐]\s*/, ''));
  await shot(page, '31b-wish-confirm');
  await vis('wish-vote-cancel').click();
  await vis('wish-vote').waitFor();
  expect(await vis('my-vote').count()).toBe(0);
  await vis('wish-vote').click();
  await vis('wish-vote-confirm').click();
  await vis('my-vote').waitFor();
  await expect(items.nth(1).locator('[data-testid="wish-votes"]').textContent()).resolves.toBe(`${before + 1} 票`);
  expect(await vis('wish-vote').count()).toBe(0);
  await shot(page, '32-wish-voted');
});
