// Issue 13 in Debian Chromium against the real server: 外出登记 in a care profile shows 住院中 in today's check-ins and is removed again;
// a grid worker's 上门名单 of an urgent notice — reveal (audited) to a tel: link, check-off kept across a reload, a late read marks the household.
import type { Page } from 'playwright-core';
import { shanghaiDay } from '@linli/contracts';
import type { TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { login, panelSession, shot } from './browser';

// Generous waits: under a full parallel run the machine is slow (no speed is asserted here).
jest.setTimeout(180_000);

let server: TestServer;
let page: Page;
let admin: string;

// A door-knock time of 1 minute becomes 1.2 s.
panelSession({ env: { NOTICE_DOOR_KNOCK_SCALE: '0.02' }, login: false }, (ps) => ({ server, page } = ps));
beforeAll(async () => {
  admin = await server.loginStaff();
});

async function signInAs(username: string) {
  await page.goto(`${server.url}/panel/login`);
  await page.evaluate(() => localStorage.clear());
  await login(page, server.url, username);
}

test('care staff enter a hospital stay in 外出登记: today shows 住院中 instead of 未打卡, audited; removing it brings 未打卡 back', async () => {
  const wang = (await server.request('GET', `/api/residents?q=${encodeURIComponent('王秀兰')}`, { token: admin })).body.items[0];
  await signInAs('zhangli');
  await page.goto(`${server.url}/panel/residents?tab=care`);
  await page.locator('.ant-table-tbody a', { hasText: '王秀兰' }).click();
  const box = page.getByTestId('care-absences');
  await box.getByText('没有外出记录').waitFor();
  const today = shanghaiDay();
  await box.getByPlaceholder('备注（医院、去处）').fill('市人民医院');
  // From today to today: today's cell picked twice in the calendar.
  await box.getByPlaceholder('开始日期').click();
  await page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today').first().click();
  await page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today').first().click();
  await expect(box.getByPlaceholder('结束日期').inputValue()).resolves.toBe(today);
  await box.getByTestId('absence-save').click();
  await box.getByText('住院中').waitFor();
  await expect(box.locator('.ant-list-item').first()).toHaveTextSoon('市人民医院', 15_000);
  await shot(page, '60-care-absence');
  await page.keyboard.press('Escape');

  await page.goto(`${server.url}/panel/residents?tab=checkins`);
  const row = page.getByTestId(`care-missing-${wang.id}`);
  await expect(row).toHaveTextSoon('住院中', 15_000);
  expect(await row.getByRole('button', { name: '登记上门探访' }).count()).toBe(0);
  const audit = (await server.request('GET', `/api/care/audit?residentId=${wang.id}`, { token: admin })).body.items;
  expect(audit.find((a: any) => a.action === 'write_absence')).toMatchObject({ actor: { name: '张丽（社区工作者）' } });

  await page.goto(`${server.url}/panel/residents?tab=care`);
  await page.locator('.ant-table-tbody a', { hasText: '王秀兰' }).click();
  await box.getByRole('button', { name: '删除' }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await box.getByText('没有外出记录').waitFor();
  expect((await server.request('GET', `/api/care/profiles/${wang.id}/absences`, { token: admin })).body).toEqual([]);
  await page.goto(`${server.url}/panel/residents?tab=checkins`);
  await expect(page.getByTestId(`care-missing-${wang.id}`)).toHaveTextSoon(/截止|已过/, 15_000);
});

test("a grid worker's 上门名单: exactly their unread households, 显示号码 (audited) becomes a tel: link, a check-off survives a reload, a late read marks the household", async () => {
  const created = await server.request('POST', '/api/notices', {
    token: admin,
    body: { title: '燃气管道紧急检修', body: '今晚20点起停气，请关闭燃气阀门。', category: '紧急', audience: { all: true }, channels: ['feed', 'push'], doorKnockAfterMinutes: 1 },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const liu = await server.loginResident('demo-resident');
  await server.request('POST', `/api/notices/${id}/read`, { token: liu.token });
  const end = Date.now() + 20_000;
  while ((await server.request('GET', `/api/notices/${id}/door-knock`, { token: admin })).body.status !== 'open' && Date.now() < end) await new Promise((r) => setTimeout(r, 200));

  await signInAs('wanggang');
  await page.goto(`${server.url}/panel/notices/${id}/door-knock`);
  const table = page.getByTestId('door-knock').locator('.ant-table-tbody');
  await table.getByText('1号楼 1单元 101').waitFor();
  const addresses = await table.locator('tr td:first-child').allTextContents();
  expect(addresses).toEqual(['1号楼 1单元 101', '1号楼 2单元 302', '2号楼 1单元 201', '2号楼 2单元 502', '3号楼 2单元 101']);
  await expect(page.getByTestId('door-knock-left').locator('.ant-statistic-content-value')).toHaveTextSoon('5', 15_000);

  const wangRow = table.locator('tr', { hasText: '1号楼 1单元 101' });
  await wangRow.getByTestId('door-knock-reveal').click();
  await expect(wangRow.getByTestId('door-knock-tel').getAttribute('href')).resolves.toBe('tel:13805370001');
  const wang = (await server.request('GET', `/api/residents?q=${encodeURIComponent('王秀兰')}`, { token: admin })).body.items[0];
  const reveals = (await server.request('GET', `/api/residents/audit?residentId=${wang.id}`, { token: admin })).body.items.filter((a: any) => a.action === 'phone.reveal');
  expect(reveals.map((a: any) => a.actor.name)).toEqual(['王刚（网格员）']);

  const zhaoRow = table.locator('tr', { hasText: '2号楼 2单元 502' });
  await zhaoRow.getByTestId('door-knock-outcome').click();
  await page.locator('.ant-select-item-option', { hasText: '不在家' }).click();
  await zhaoRow.getByPlaceholder('备注（可选）').fill('门上贴了告知单');
  await zhaoRow.getByTestId('door-knock-save').click();
  await expect(zhaoRow.getByTestId('door-knock-visit')).toHaveTextSoon('不在家', 15_000);
  await shot(page, '61-door-knock');

  const wangLogin = await server.loginResident('demo-wangxiulan');
  expect((await server.request('POST', `/api/notices/${id}/read`, { token: wangLogin.token })).status).toBe(200);
  await page.reload();
  await table.getByText('1号楼 1单元 101').waitFor();
  await expect(table.locator('tr', { hasText: '2号楼 2单元 502' }).getByTestId('door-knock-visit')).toHaveTextSoon('门上贴了告知单', 15_000);
  await expect(table.locator('tr', { hasText: '1号楼 1单元 101' })).toHaveTextSoon('已自行阅读', 15_000);
  await expect(page.getByTestId('door-knock-left').locator('.ant-statistic-content-value')).toHaveTextSoon('3', 15_000);

  // A new list for his buildings is announced on whatever page he is on, and opens from there.
  await page.goto(`${server.url}/panel/`);
  await page.getByTestId('inbox').waitFor();
  const next = await server.request('POST', '/api/notices', {
    token: admin,
    body: { title: '2号楼电梯紧急停运', body: '2号楼电梯今日检修。', category: '紧急', audience: { buildings: ['2号楼'] }, channels: ['feed', 'push'], doorKnockAfterMinutes: 1 },
  });
  expect(next.status).toBe(201);
  const open = page.getByTestId('door-knock-notify-open');
  await open.waitFor({ timeout: 20_000 });
  await expect(page.locator('.ant-notification-notice', { hasText: '有住户需要上门告知' })).toHaveTextSoon('2 户', 15_000);
  await open.click();
  await expect(page.getByTestId('door-knock').locator('.ant-table-tbody')).toHaveTextSoon('2号楼 2单元 502', 15_000);
  expect(page.url()).toContain(`/notices/${next.body.id}/door-knock`);
});
