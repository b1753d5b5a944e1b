// axe-core on every route of the panel's router (and every tab on it) as each staff role, plus login and the big screen:
// no critical or serious violation anywhere. The route list is read from the router's own files, so a new page is checked too.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { formatA11y, seriousA11yViolations } from '../support/axe';
import { login, panelSession, ROOT } from './browser';

jest.setTimeout(600_000);

let server: TestServer;
let page: Page;

panelSession({ login: false }, (ps) => ({ server, page } = ps));

const SRC = path.join(ROOT, 'client', 'panel', 'src');

/** Every path the router declares: `path: '…'` in the nav table and `path="…"` in router.tsx (the catch-all aside). */
function routerPaths(): string[] {
  const text = ['layout/nav.tsx', 'router.tsx'].map((f) => fs.readFileSync(path.join(SRC, f), 'utf8')).join('\n');
  const found = [...text.matchAll(/path(?::\s*'|=")([^'"]+)['"]/g)].map((m) => m[1]);
  return [...new Set(found)].filter((p) => p !== '*');
}

// Every tab as admin (who sees them all); the other roles see the same components with role-dependent actions and
// data, so their pass covers each route's first view only (axe takes seconds per page on this machine).
const ROLES = [
  { username: 'admin', label: '管理员', tabs: true },
  { username: 'zhangli', label: '社区工作者+关爱', tabs: false },
  { username: 'wanggang', label: '网格员', tabs: false },
  { username: 'caiwu', label: '财务', tabs: false },
];

/**
 * Lets the page's data arrive and antd's fade-ins end, so contrast is measured on the resting page. Not 'networkidle':
 * the live socket keeps the network busy, so that wait always ran to its timeout.
 */
async function settle(p: Page): Promise<void> {
  await p.waitForLoadState('load');
  await p
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin'), null, { timeout: 8_000 })
    .catch(() => undefined);
  await p.waitForTimeout(400);
}

/** axe on the page, then (with `tabs`) on each tab of its first tab bar (tabs are not in the URL). */
async function auditPage(p: Page, where: string, out: string[], tabs = true): Promise<void> {
  await settle(p);
  const add = async (w: string) => {
    const f = await seriousA11yViolations(p);
    if (f.length) out.push(formatA11y(w, f));
  };
  await add(where);
  if (!tabs) return;
  const bar = p.locator('.ant-tabs').first().locator(':scope > .ant-tabs-nav [role=tab]');
  const n = await bar.count();
  for (let i = 1; i < n; i++) {
    const name = ((await bar.nth(i).textContent()) ?? '').trim();
    await bar.nth(i).click();
    await settle(p);
    await add(`${where} [${name}]`);
  }
}

test('the route list covers the router (the parser still finds every page)', () => {
  const paths = routerPaths();
  expect(paths).toEqual(expect.arrayContaining(['/login', '/screen', '/', '/tickets/:id', '/notices/:id/door-knock', '/dashboard', '/account/staff']));
  expect(paths.length).toBeGreaterThanOrEqual(20);
});

test('login page: no critical or serious axe violation', async () => {
  await page.goto(`${server.url}/panel/login`);
  await page.getByPlaceholder('用户名').waitFor();
  const out: string[] = [];
  await auditPage(page, '/login', out);
  expect(out.join('\n')).toBe('');
});

let ids: { ticket: string; notice: string } | undefined;
/** A desk ticket (the demo seeds none) and a seeded notice, for the detail routes. */
async function sampleIds(): Promise<{ ticket: string; notice: string }> {
  if (ids) return ids;
  const token = await server.loginStaff('admin');
  const t = await server.request<{ id: string }>('POST', '/api/tickets', {
    token,
    body: { channel: 'desk', category: '电梯', description: '3号楼电梯异响', reporter: { name: '王秀兰' }, location: { building: '3号楼' } },
  });
  expect(t.status).toBe(201);
  const notices = await server.request<{ items: { id: string }[] } | { id: string }[]>('GET', '/api/notices', { token });
  const list = Array.isArray(notices.body) ? notices.body : notices.body.items;
  expect(list.length).toBeGreaterThan(0);
  return (ids = { ticket: t.body.id, notice: list[0].id });
}

test.each(ROLES)('every panel route as $label: no critical or serious axe violation', async ({ username, tabs }) => {
  const { ticket, notice } = await sampleIds();
  await page.goto(`${server.url}/panel/login`);
  await page.evaluate(() => localStorage.clear());
  await login(page, server.url, username);
  const out: string[] = [];
  for (const route of routerPaths().filter((p) => p !== '/login' && p !== '/password')) {
    const url = route.replace(':id', route.startsWith('/tickets') ? ticket : notice);
    await page.goto(`${server.url}/panel${url}`);
    await auditPage(page, `${username} ${url}`, out, tabs);
  }
  expect(out.join('\n')).toBe('');
});
