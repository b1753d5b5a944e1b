// Duplicate reports in the staff panel (Debian Chromium, real server): a suggested duplicate is confirmed with one click, the primary shows its followers and 加急.
import type { Page } from 'playwright-core';
import type { TicketDto } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
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
  await login(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('staff confirm a suggested duplicate; the primary lists its followers and turns 加急 at three households', async () => {
  const place = { building: '4号楼', unit: '2单元' };
  const report = async (openid: string, description: string) => {
    const { token } = await server.loginResident(openid, `居民${openid}`);
    const r = await server.request<TicketDto>('POST', '/api/tickets', { token, body: { channel: 'app', category: '电梯', description, location: place } });
    expect(r.status).toBe(201);
    return r.body;
  };
  const first = await report('pd-a', '4号楼2单元电梯坏了');
  const auto = await report('pd-b', '电梯坏了，上不去');
  expect(auto.duplicateOf?.no).toBe(first.no);
  const vague = await report('pd-c', '电梯按钮失灵，有时候不关门');
  expect(vague.duplicateOf).toBeUndefined();

  await page.goto(`${server.url}/panel/tickets/${vague.id}`);
  const suggestion = page.getByTestId('duplicate-suggestion');
  await suggestion.waitFor();
  await expect(suggestion.textContent()).resolves.toContain(`疑似与 ${first.no} 为同一问题`);
  await shot(page, 'dup-01-suggestion');
  await page.getByTestId('confirm-link').click();
  await page.getByTestId('duplicate-of').waitFor();
  await expect(page.getByTestId('duplicate-of').textContent()).resolves.toContain(`与 ${first.no} 为同一问题（工作人员确认合并）`);
  expect(await page.getByTestId('duplicate-suggestion').count()).toBe(0);
  const linked = (await server.request<TicketDto>('GET', `/api/tickets/${vague.id}`, { token: await server.loginStaff() })).body;
  expect(linked.duplicateOf).toEqual({ id: first.id, no: first.no, by: 'staff' });
  expect(linked.slaDueAt).toBe(first.slaDueAt);

  await page.getByTestId('duplicate-of').getByRole('link', { name: first.no }).click();
  const followers = page.getByTestId('followers');
  await followers.waitFor();
  const text = (await followers.textContent()) ?? '';
  expect(text).toContain('加急');
  expect(text).toContain('另有 2 条报事合并到本工单，共 3 户反映');
  expect(text).toContain(auto.no);
  expect(text).toContain(vague.no);
  await shot(page, 'dup-02-primary');
});
