// Duplicate reports in the staff panel (Debian Chromium, real server): a suggested duplicate is confirmed with one click, the primary shows its followers and 加急.
import type { Page } from 'playwright-core';
import type { TicketDto } from '@linli/contracts';
import type { TestServer } from '../../server/src/test-support/harness';
import { panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

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

test('deadlines on the ticket page: a grid worker’s extension request is approved with one click; an admin’s own is applied at once', async () => {
  const admin = await server.loginStaff();
  const grid = await server.loginStaff('wanggang');
  const t = (await server.request<TicketDto>('POST', '/api/tickets', { token: admin, body: { channel: 'desk', category: '路灯照明', description: '2号楼路灯不亮', reporter: { name: '路人' }, location: { building: '2号楼' } } })).body;
  expect(t.signDueAt).toBeDefined();
  expect((await server.request('POST', `/api/tickets/${t.id}/extension`, { token: grid, body: { hours: 2, reason: '等待路灯配件' } })).status).toBe(200);

  await page.goto(`${server.url}/panel/tickets/${t.id}`);
  const deadlines = page.getByTestId('deadlines');
  await deadlines.getByText(/签收时限/).waitFor();
  const pending = page.getByTestId('extension-pending');
  await expect(pending.textContent()).resolves.toContain('申请延期 2 小时：等待路灯配件');
  await page.getByTestId('approve-extension').click();
  await page.locator('.timeline-item, [data-testid="ticket-timeline"]').getByText(/办结时限延长至 .*原因：等待路灯配件/).waitFor();
  expect(await page.getByTestId('extension-pending').count()).toBe(0);
  const after = (await server.request<TicketDto>('GET', `/api/tickets/${t.id}`, { token: admin })).body;
  expect(after.extension?.status).toBe('approved');
  expect(Date.parse(after.slaDueAt)).toBeGreaterThan(Date.parse(t.slaDueAt));

  await page.getByTestId('ask-extension').click();
  await page.getByTestId('extension-reason').fill('需要协调物业');
  await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
  await page.getByTestId('ticket-timeline').getByText(/原因：需要协调物业/).waitFor();
  await shot(page, 'dup-03-extension');
  const final = (await server.request<TicketDto>('GET', `/api/tickets/${t.id}`, { token: admin })).body;
  expect(final.extension).toMatchObject({ status: 'approved', hours: 4, reason: '需要协调物业' });
});
