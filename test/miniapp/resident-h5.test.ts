// The resident H5 app in Debian Chromium against the real server: login, report with a photo, live progress, rating, elder mode.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { ensureH5Build, launchPhone, shot, ui } from './browser';
import { writePng } from './png';

jest.setTimeout(180_000);

let server: TestServer;
let staff: string;
let browser: Awaited<ReturnType<typeof launchPhone>>;
let page: Page;
const photo = writePng(path.join(os.tmpdir(), `linli-e2e-${process.pid}.png`));

const vis = (id: string) => ui(page, server.url).vis(id);
const tab = (label: string) => ui(page, server.url).tab(label);
const open = (route: string) => ui(page, server.url).open(route);

beforeAll(async () => {
  ensureH5Build();
  server = await startTestServer();
  staff = await server.loginStaff();
  const r = await server.request('POST', '/api/residents', {
    token: staff,
    body: { name: '赵晓梅', birthYear: 1986, building: '2号楼', unit: '1单元', room: '301', tags: [], openid: 'e2e-h5-zhao' },
  });
  expect(r.status).toBe(201);
  browser = await launchPhone();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a resident logs in, reports a problem with a photo, follows it live and rates it', async () => {
  await page.goto(`${server.url}/h5/`);
  await vis('login-page').waitFor();
  await shot(page, '01-login');
  await vis('login-openid').locator('input').fill('e2e-h5-zhao');
  await vis('login-submit').click();
  await vis('home-page').waitFor();
  await expect(vis('home-page').textContent()).resolves.toContain('赵晓梅，您好');
  await shot(page, '02-home');

  await tab('报事').click();
  await vis('report-page').waitFor();
  // The location defaults to the resident's own home.
  await expect(vis('loc-building').locator('input').inputValue()).resolves.toBe('2号楼');

  // Submitting without a category is refused with a clear message, and what was typed stays.
  await vis('description').locator('textarea').fill('2单元楼道里的水管漏水，地面全湿了');
  await vis('submit-report').click();
  await expect(vis('error').textContent()).resolves.toContain('请选择问题类别');
  await expect(vis('description').locator('textarea').inputValue()).resolves.toBe('2单元楼道里的水管漏水，地面全湿了');

  await vis('category-水电').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), vis('add-photo').click()]);
  await chooser.setFiles(photo);
  await vis('photo-preview').waitFor();
  await shot(page, '03-report-filled');
  await vis('submit-report').click();
  await vis('report-done').waitFor();
  const done = (await vis('report-done').textContent()) ?? '';
  const no = /BM-\d+/.exec(done)?.[0];
  expect(no).toBeDefined();
  await shot(page, '04-report-done');

  // The server has it, with the photo and the typed location.
  const list = await server.request('GET', '/api/tickets?limit=5', { token: staff });
  const ticket = list.body.items.find((t: any) => t.no === no);
  expect(ticket).toMatchObject({ category: '水电', channel: 'app', location: { building: '2号楼', unit: '1单元', room: '301' } });
  expect(ticket.attachments).toHaveLength(1);
  // The browser re-encoded it (EXIF removed, at most 1600 px) before uploading.
  expect(ticket.attachments[0].mime).toBe('image/jpeg');

  await vis('view-ticket').click();
  await vis('ticket-page').waitFor();
  await expect(vis('ticket-no').textContent()).resolves.toBe(no);
  await expect(vis('ticket-status').first().textContent()).resolves.toBe('待受理');
  await vis('ticket-photo').waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="ticket-photo"] img') as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  });
  await shot(page, '05-ticket-submitted');

  // Staff move the ticket through the API: the open page follows live, without a reload.
  const move = async (action: string, label: string) => {
    const r = await server.request('POST', `/api/tickets/${ticket.id}/transition`, { token: staff, body: { action } });
    expect(r.status).toBe(200);
    await page.waitForFunction(
      (l) => [...document.querySelectorAll('[data-testid="ticket-status"]')].some((e) => (e as HTMLElement).offsetParent && e.textContent === l),
      label,
      { timeout: 10_000 },
    );
  };
  await move('accept', '已受理');
  await move('start', '处理中');
  await shot(page, '06-ticket-live-in-progress');

  await vis('urge').click();
  await page.locator('[data-testid="urge"]:visible', { hasText: '已催 1 次' }).waitFor();

  await move('resolve', '已解决');
  await vis('rating-form').waitFor();
  await vis('star-5').click();
  await vis('rating-comment').locator('input').fill('修得很快，谢谢');
  await vis('rating-submit').click();
  await vis('rating-done').waitFor();
  await expect(vis('timeline').textContent()).resolves.toContain('已评价 5 星');
  await shot(page, '07-ticket-rated');

  const after = await server.request('GET', `/api/tickets/${ticket.id}`, { token: staff });
  expect(after.body.rating).toEqual({ score: 5, comment: '修得很快，谢谢' });
  expect(after.body.urgeCount).toBe(1);

  // 我的工单 lists it with its current status (a fresh load: the session survives it).
  await open('/pages/me/index');
  await vis('me-page').waitFor();
  await vis('my-tickets').click();
  await vis('tickets-page').waitFor();
  const card = page.locator(`[data-testid="ticket-card"][data-ticket-no="${no}"]:visible`);
  await card.waitFor();
  await expect(card.locator('[data-testid="ticket-status"]').textContent()).resolves.toBe('已解决');
  await shot(page, '08-my-tickets');
});

test('elder-friendly mode: large type, big targets, a simpler home', async () => {
  await open('/pages/me/index');
  await vis('me-page').waitFor();
  await expect(vis('me-page').getAttribute('data-elder')).resolves.toBe('0');
  await vis('elder-switch').click();
  await page.waitForSelector('[data-testid="me-page"][data-elder="1"]');
  await shot(page, '09-me-elder');

  await tab('首页').click();
  await vis('elder-report').waitFor();
  await expect(vis('shortcut-board').count()).resolves.toBe(0);
  const m = await vis('elder-report').evaluate((hero) => {
    const root = hero.closest('[data-testid="home-page"]') as HTMLElement;
    return { font: parseFloat(getComputedStyle(root).fontSize), heroHeight: hero.getBoundingClientRect().height };
  });
  expect(m.font).toBeGreaterThanOrEqual(18);
  expect(m.heroHeight).toBeGreaterThanOrEqual(44);
  await shot(page, '10-home-elder');

  await vis('elder-report').click();
  await vis('submit-report').waitFor();
  await shot(page, '11-report-elder');
  const sizes = await vis('report-page').evaluate((root) => {
    const chip = root.querySelector('[data-testid="category-电梯"]') as HTMLElement;
    const submit = root.querySelector('[data-testid="submit-report"]') as HTMLElement;
    return { font: parseFloat(getComputedStyle(root).fontSize), chip: chip.getBoundingClientRect().height, submit: submit.getBoundingClientRect().height };
  });
  expect(sizes.font).toBeGreaterThanOrEqual(18);
  expect(sizes.chip).toBeGreaterThanOrEqual(44);
  expect(sizes.submit).toBeGreaterThanOrEqual(44);
});

test('a resident tagged 高龄 gets the elder-friendly mode without touching anything', async () => {
  // A fresh device: no session and no elder-mode choice stored.
  await page.goto(`${server.url}/h5/`);
  await page.evaluate(() => localStorage.clear());
  await ui(page, server.url).login('demo-wangxiulan');
  await expect(vis('home-page').textContent()).resolves.toContain('王秀兰');
  await page.waitForSelector('[data-testid="home-page"][data-elder="1"]');
  await vis('elder-report').waitFor();
  await shot(page, '12-home-elder-default');
});
