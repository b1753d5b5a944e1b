// Every H5 page in Chromium: the MIIT elder-friendly numbers measured in the DOM (elder mode), and axe-core (normal and elder).
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { formatA11y, seriousA11yViolations } from '../support/axe';
import { ensureH5Build, launchPhone, shot, ui } from './browser';
import { elderViolations, unnamedControls } from './elder-metrics';

jest.setTimeout(300_000);

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchPhone>>;
let page: Page;
let routes: { name: string; route: string; testId: string }[];

beforeAll(async () => {
  ensureH5Build();
  server = await startTestServer();
  // 王秀兰 (seeded: 高龄, in the care programme) has a ticket, a post and the seeded notices and wish-list rounds.
  const { token } = await server.loginResident('demo-wangxiulan');
  const ticket = await server.request('POST', '/api/tickets', {
    token,
    body: { category: '电梯', description: '1号楼电梯按钮不亮了', channel: 'app' },
  });
  expect(ticket.status).toBe(201);
  const post = await server.request('POST', '/api/posts', { token, body: { category: '求助', text: '谁家有轮椅可以借用几天？' } });
  expect(post.status).toBe(201);
  const notices = await server.request('GET', '/api/notices', { token });
  const rounds = await server.request('GET', '/api/wishlists?limit=5', { token });
  expect(notices.body.items.length).toBeGreaterThan(0);
  expect(rounds.body.items.length).toBeGreaterThan(0);
  routes = [
    { name: 'home', route: '/pages/home/index', testId: 'home-page' },
    { name: 'report', route: '/pages/report/index', testId: 'report-page' },
    { name: 'board', route: '/pages/board/index', testId: 'board-page' },
    { name: 'me', route: '/pages/me/index', testId: 'me-page' },
    { name: 'tickets', route: '/pages/tickets/index', testId: 'tickets-page' },
    { name: 'ticket', route: `/pages/ticket/index?id=${ticket.body.id}`, testId: 'ticket-page' },
    { name: 'notice', route: `/pages/notice/index?id=${notices.body.items[0].id}`, testId: 'notice-page' },
    { name: 'post', route: `/pages/post/index?id=${post.body.id}`, testId: 'post-page' },
    { name: 'post-new', route: '/pages/post-new/index', testId: 'post-new-page' },
    { name: 'help', route: '/pages/help/index', testId: 'help-page' },
    { name: 'ledger', route: '/pages/ledger/index', testId: 'ledger-page' },
    { name: 'wishlist', route: '/pages/wishlist/index', testId: 'wishlist-page' },
    { name: 'wish-round', route: `/pages/wish-round/index?id=${rounds.body.items[0].id}`, testId: 'wish-round-page' },
  ];
  browser = await launchPhone();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Critical and serious axe-core findings (WCAG 2.x A/AA and best practice) on the page on screen, one line each. */
async function axeFindings(where: string): Promise<string[]> {
  const findings = await seriousA11yViolations(page);
  return findings.length ? formatA11y(where, findings).split('\n') : [];
}

/** Opens a route with a real load and waits for its page and its data (no 加载中 left) and the slide-in. */
async function visit(route: string, testId: string): Promise<void> {
  await ui(page, server.url).open(route);
  await ui(page, server.url).vis(testId).waitFor();
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes('加载中'), testId);
  await page.waitForTimeout(400);
}

test('elder mode meets the MIIT numbers on every page, with names for every control and no axe findings', async () => {
  await ui(page, server.url).login('demo-wangxiulan');
  // Her 高龄 tag turns elder mode on; the elder home shows the daily check-in with the report button.
  await page.waitForSelector('[data-testid="home-page"][data-elder="1"]');
  await ui(page, server.url).vis('checkin').waitFor();
  const report: Record<string, { elder: string[]; names: string[]; axe: string[] }> = {};
  for (const r of routes) {
    await visit(r.route, r.testId);
    expect(await page.getAttribute(`[data-testid="${r.testId}"]:visible`, 'data-elder')).toBe('1');
    await shot(page, `elder-${r.name}`);
    report[r.name] = { elder: await elderViolations(page), names: await unnamedControls(page), axe: await axeFindings(`elder ${r.name}`) };
  }
  const bad = Object.entries(report).filter(([, v]) => v.elder.length + v.names.length + v.axe.length > 0);
  expect(Object.fromEntries(bad)).toEqual({});
});

test('pinch-zoom is allowed', async () => {
  const viewport = await page.getAttribute('meta[name=viewport]', 'content');
  expect(viewport).toContain('width=device-width');
  expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\D|$)/);
});

test('normal mode: no critical or serious axe findings on any page, the login page included', async () => {
  await ui(page, server.url).open('/pages/me/index');
  await ui(page, server.url).vis('me-page').waitFor();
  await ui(page, server.url).vis('elder-switch').click();
  await page.waitForSelector('[data-testid="me-page"][data-elder="0"]');
  const findings: Record<string, string[]> = {};
  for (const r of routes) {
    await visit(r.route, r.testId);
    await shot(page, `normal-${r.name}`);
    const f = await axeFindings(r.name);
    if (f.length) findings[r.name] = f;
  }
  await visit('/pages/me/index', 'me-page');
  await ui(page, server.url).vis('logout').click();
  await ui(page, server.url).vis('login-page').waitFor();
  await page.waitForTimeout(400);
  const f = await axeFindings('login');
  if (f.length) findings.login = f;
  expect(findings).toEqual({});
});
