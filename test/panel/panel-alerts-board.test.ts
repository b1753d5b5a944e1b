// The staff panel's alert center and message board in Debian Chromium against the real server: an alert raised
// through the device ingest API appears live and is acknowledged and resolved; a board post gets an official reply.
import type { Page } from 'playwright-core';
import type { AlertDto, DeviceKeyDto, PostDto } from '@linli/contracts';
import { nextEvent, startTestServer, type TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { ensurePanelBuild, launchDesktop, login, shot, type Desktop } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Desktop;
let page: Page;
let staffToken: string;

beforeAll(async () => {
  ensurePanelBuild();
  server = await startTestServer();
  staffToken = await server.loginStaff();
  browser = await launchDesktop();
  page = browser.page;
  await login(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a smoke alarm raised through the ingest API appears live, is acknowledged and resolved from the panel', async () => {
  const dev = await server.request<DeviceKeyDto>('POST', '/api/devices', {
    token: staffToken,
    body: { kind: 'smoke', name: '2号楼3单元烟感', location: { building: '2号楼', text: '3单元一楼楼道' } },
  });
  expect(dev.status).toBe(201);

  await page.goto(`${server.url}/panel/alerts`);
  await page.getByText('未处理').first().waitFor();
  const staffSocket = await server.socket(staffToken);

  const ingest = await server.request<{ outcome: string; alertId: string }>('POST', '/api/alerts/ingest', {
    headers: { authorization: `Bearer ${dev.body.key}` },
    body: { deviceId: dev.body.id, eventId: `e2e-smoke-${Date.now()}`, type: 'smoke', at: new Date().toISOString(), data: {} },
  });
  expect(ingest.status).toBe(201);
  const card = page.locator(`[data-testid="alert-card"][data-alert-id="${ingest.body.alertId}"]`);
  await card.waitFor({ timeout: 5000 });
  await expect(card.getByTestId('alert-status')).toHaveTextSoon('待处理');
  // Nobody has taken it: the card counts down to the next escalation level (smoke is critical: 3 minutes).
  await expect(card.getByTestId('alert-countdown')).toHaveTextSoon(/^[23]:\d\d 后升级至社区值班人员$/);
  // Only the legal moves from 待处理 are offered: 确认 and 解决.
  expect(await card.getByTestId('alert-ack').count()).toBe(1);
  expect(await card.getByTestId('alert-resolve').count()).toBe(1);
  await shot(page, '30-alert-raised');

  let ev = nextEvent<AlertDto>(staffSocket, 'alert:updated', 5000, (a) => a.id === ingest.body.alertId && a.status === 'acknowledged');
  await card.getByTestId('alert-ack').click();
  await ev;
  await expect(card.getByTestId('alert-status')).toHaveTextSoon('已确认');
  expect(await card.getByTestId('alert-ack').count()).toBe(0);
  expect(await card.getByTestId('alert-countdown').count()).toBe(0);
  // The trail and the delivery ledger: this server has no SMS account, so each SMS row says why it was skipped.
  await card.getByRole('button', { name: '处理记录' }).click();
  const ledger = card.getByTestId('alert-deliveries');
  await ledger.waitFor({ timeout: 5000 });
  expect(await ledger.locator('.ant-table-row').count()).toBeGreaterThan(0);
  await expect(ledger).toHaveTextSoon(/短信/);
  await expect(ledger).toHaveTextSoon(/已跳过/);
  await card.getByRole('button', { name: '收起记录' }).click();

  ev = nextEvent<AlertDto>(staffSocket, 'alert:updated', 5000, (a) => a.id === ingest.body.alertId && a.status === 'resolved');
  await card.getByTestId('alert-resolve').click();
  await page.getByTestId('prompt-input').fill('到现场查看，是居民做饭油烟触发，已提醒开窗通风');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  const resolved = await ev;
  expect(resolved.resolution).toContain('油烟');
  // Resolved alerts leave the open list.
  await card.waitFor({ state: 'detached', timeout: 5000 });
  staffSocket.disconnect();

  // 响应统计: this month's report counts the alarm just acknowledged.
  await page.getByRole('tab', { name: '响应统计' }).click();
  const report = page.getByTestId('ack-report');
  await expect(report).toHaveTextSoon(/烟雾/);
  await expect(report).toHaveTextSoon(/60 秒内响应/);
  await shot(page, '33-ack-report');

  // 升级策略: an admin changes how long the grid worker has before the duty staff are told about an SOS.
  await page.getByRole('tab', { name: '升级策略' }).click();
  const sosRow = page.locator('[data-testid="policies"] .ant-table-row', { hasText: '一键呼救' });
  await expect(sosRow).toHaveTextSoon(/默认/);
  await sosRow.getByRole('button', { name: '编辑' }).click();
  const wait = page.getByLabel('第 1 步等待分钟数');
  await wait.fill('2');
  await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
  await expect(sosRow).toHaveTextSoon(/已自定义/);
  await shot(page, '33-policies');
  const policies = await server.request('GET', '/api/alerts/policies', { token: staffToken });
  const sosPolicy = policies.body.items.find((p: { type: string }) => p.type === 'sos');
  expect(sosPolicy).toMatchObject({ isDefault: false });
  expect(sosPolicy.steps[0].waitSeconds).toBe(120);
  expect(sosPolicy.steps[1].waitSeconds).toBe(180);

  // Devices: rotating the key from the panel shows the new key once; the old one stops working.
  await page.getByRole('tab', { name: '设备' }).click();
  const row = page.locator('.ant-table-row', { hasText: '2号楼3单元烟感' });
  await row.waitFor();
  await shot(page, '34-devices');
  await row.getByRole('button', { name: '更换密钥' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /更\s*换/ }).click();
  const newKey = (await page.getByTestId('device-key').first().textContent())!.trim();
  expect(newKey).not.toBe(dev.body.key);
  const send = (key: string) =>
    server.request('POST', '/api/alerts/ingest', {
      headers: { authorization: `Bearer ${key}` },
      body: { deviceId: dev.body.id, eventId: `e2e-hb-${key.slice(0, 6)}-${Date.now()}`, type: 'heartbeat', at: new Date().toISOString(), data: {} },
    });
  expect((await send(dev.body.key)).status).toBe(401);
  expect((await send(newKey)).status).toBeLessThan(300);
});

test("a public-safety alert whose building announcement waits offers 一键播报 on its card; one tap plays it and the button goes", async () => {
  // The seed's full bin in 3号楼 has a pending announcement (智慧广播), played only after a tap.
  const pendingOf = async () => ((await server.request('GET', '/api/broadcasts?status=pending', { token: staffToken })).body.items as any[]).filter((b) => b.alertId);
  const [waiting] = await pendingOf();
  expect(waiting).toBeDefined();
  await page.goto(`${server.url}/panel/alerts`);
  const card = page.locator(`[data-testid="alert-card"][data-alert-id="${waiting.alertId}"]`);
  const button = card.getByTestId('alert-announce');
  await button.waitFor();
  // Only that alert's card has it.
  expect(await page.getByTestId('alert-announce').count()).toBe(1);
  await shot(page, '31-alert-announce');
  await button.click();
  await page.getByText('已确认，正在3号楼播报').waitFor();
  // The board re-reads what is pending after the tap: the button goes once the server no longer has it.
  await card.getByTestId('alert-announce').waitFor({ state: 'detached', timeout: 10_000 });
  expect(await pendingOf()).toEqual([]);
  const played = await server.request('GET', `/api/broadcasts/${waiting.id}`, { token: staffToken });
  expect(played.body.status).not.toBe('pending');
});

test('a resident post shows up on the board live and gets an official reply', async () => {
  const resident = await server.loginResident('demo-wangxiulan');
  await page.goto(`${server.url}/panel/board`);
  await page.getByTestId('board-status').waitFor();
  const created = await server.request<PostDto>('POST', '/api/posts', {
    token: resident.token,
    body: { category: '建议', text: '建议在2号楼门口加一个休息长椅，老人买菜回来可以歇歇脚' },
  });
  expect(created.status).toBe(201);
  const post = page.locator(`[data-testid="board-post"][data-post-id="${created.body.id}"]`);
  await post.waitFor({ timeout: 5000 });
  const residentSocket = await server.socket(resident.token);
  const replied = nextEvent<{ postId: string; reply: { official: boolean; text: string } }>(residentSocket, 'post:replied', 5000, (e) => e.postId === created.body.id);
  await post.getByTestId('board-reply-input').fill('感谢建议！已报街道，下周安装。');
  await post.getByTestId('board-reply-send').click();
  const e = await replied;
  expect(e.reply.official).toBe(true);
  await post.getByText('官方回复', { exact: true }).first().waitFor();
  await shot(page, '31-board');
  residentSocket.disconnect();
});

test('a post caught by the sensitive-word list waits in 待审核 until staff approve it', async () => {
  const put = await server.request('PUT', '/api/board/sensitive-words', { token: staffToken, body: { words: ['传销'] } });
  expect(put.status).toBe(200);
  const resident = await server.loginResident('demo-wangxiulan');
  const created = await server.request<PostDto>('POST', '/api/posts', {
    token: resident.token,
    body: { category: '求助', text: '小区里有人拉老人去听传销讲座，大家注意' },
  });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('held');

  await page.goto(`${server.url}/panel/board`);
  await page.getByTestId('board-status').getByText('待审核').click();
  const post = page.locator(`[data-testid="board-post"][data-post-id="${created.body.id}"]`);
  await post.waitFor();
  await expect(post).toHaveTextSoon('触发敏感词：传销');
  await shot(page, '33-board-held');
  await post.getByTestId('board-approve').click();
  await post.waitFor({ state: 'detached', timeout: 5000 });
  const after = await server.request<PostDto>('GET', `/api/posts/${created.body.id}`, { token: staffToken });
  expect(after.body.status).toBe('published');
});

test('the 工作台 shows tickets, open alerts and posts awaiting reply side by side', async () => {
  await page.goto(`${server.url}/panel/`);
  await page.getByTestId('inbox').waitFor();
  await page.getByTestId('inbox-alert-count').waitFor();
  await page.getByTestId('inbox-post-count').waitFor();
  await shot(page, '32-inbox-full');
});
