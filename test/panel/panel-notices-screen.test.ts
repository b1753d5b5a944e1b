// The staff panel's notices and big screen in Debian Chromium against the real server: targeted notice with
// live reach count, receipts, and the big screen updating live when a ticket arrives and a notice is published.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { DeviceKeyDto, NoticeDto, TicketDto } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
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

async function reachOf(audience: object): Promise<number> {
  const r = await server.request<{ count: number }>('POST', '/api/notices/audience-preview', { token: staffToken, body: { audience } });
  expect(r.status).toBe(200);
  return r.body.count;
}

test('composing a targeted notice shows the live reach count, and publishing it lists it with receipts', async () => {
  const everyone = await reachOf({ all: true });
  const elderly3 = await reachOf({ buildings: ['3号楼'], minAge: 70 });
  expect(elderly3).toBeLessThan(everyone);

  await page.goto(`${server.url}/panel/notices`);
  await page.getByTestId('notice-new').click();
  await page.getByTestId('notice-composer').waitFor();
  const count = page.getByTestId('audience-count').locator('.ant-statistic-content-value');
  await expect(count).toHaveTextSoon(String(everyone));

  await page.getByLabel('标题').fill('3号楼老人冬季体检通知');
  await page.getByLabel('正文（支持 Markdown）').fill('**时间**：本周六上午 9:00\n\n**地点**：社区卫生服务站\n\n请带好身份证。');
  await page.getByTestId('audience-all').click();
  await page.getByTestId('audience-buildings').click();
  await page.locator('.ant-select-item-option', { hasText: '3号楼' }).click();
  await page.keyboard.press('Escape');
  await page.getByPlaceholder('最低年龄').fill('70');
  await expect(count).toHaveTextSoon(String(elderly3));
  await expect(page.getByTestId('notice-preview').locator('strong').first().textContent()).resolves.toBe('时间');
  await shot(page, '10-notice-composer');

  await page.getByTestId('notice-send').click();
  await page.getByTestId('notice-table').getByText('3号楼老人冬季体检通知').waitFor();
  await shot(page, '11-notice-list');
  await page.getByTestId('notice-table').getByText('3号楼老人冬季体检通知').click();
  await page.getByTestId('notice-receipts').waitFor();
  await expect(page.getByTestId('receipts-unread').locator('.ant-statistic-content-value')).toHaveTextSoon(String(elderly3));
  await shot(page, '12-notice-receipts');

  // The not-yet-read list goes out as an Excel workbook for a door-to-door round: a title line, the header, one row per person.
  const download = page.waitForEvent('download');
  await page.getByTestId('receipts-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('阅读回执-3号楼老人冬季体检通知.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await file.path())!);
  const sheet = wb.worksheets[0]!;
  expect((sheet.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['楼栋', '单元', '房号', '姓名']);
  expect(sheet.rowCount - 2).toBeGreaterThanOrEqual(elderly3);
});

test('the big screen shows a new ticket and a newly published notice live, without reload', async () => {
  const screen = await browser.context.newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await screen.goto(`${server.url}/panel/screen`);
  await screen.getByTestId('big-screen').waitFor();
  await screen.getByText('● 实时').waitFor();
  const received = screen.getByTestId('screen-今日受理');
  const before = Number(await received.textContent());

  const resident = await server.loginResident('demo-zhaozhiqiang');
  const t = await server.request<TicketDto>('POST', '/api/tickets', {
    token: resident.token,
    body: { channel: 'app', category: '路灯照明', description: '5号楼门口路灯不亮，晚上很黑', location: { building: '5号楼' } },
  });
  expect(t.status).toBe(201);
  await screen.getByTestId('screen-feed').getByText(t.body.no).waitFor({ timeout: 5000 });
  await expect(received).toHaveTextSoon(String(before + 1));
  // The hall must not show who reported it.
  expect(await screen.getByTestId('screen-feed').textContent()).not.toContain(resident.resident.name);

  const t0 = Date.now();
  const n = await server.request<NoticeDto>('POST', '/api/notices', {
    token: staffToken,
    body: { title: '明天上午9点北门停水检修', body: '停水时间：**9:00-12:00**，请提前储水。', category: '停水停电', audience: { all: true }, channels: ['feed'] },
  });
  expect(n.status).toBe(201);
  await expect(screen.getByTestId('screen-notice-title')).toHaveTextSoon('明天上午9点北门停水检修');
  console.log(`[panel] POST /api/notices → big screen shows it: ${Date.now() - t0} ms`);

  // A fire lane blocked by a car, seen by a camera, is a public-safety alert: the hall sees it at once.
  const cam = await server.request<DeviceKeyDto>('POST', '/api/devices', {
    token: staffToken,
    body: { kind: 'camera', name: '北门消防通道摄像头', location: { text: '北门消防通道' } },
  });
  expect(cam.status).toBe(201);
  const ev = await server.request('POST', '/api/alerts/ingest', {
    headers: { authorization: `Bearer ${cam.body.key}` },
    body: { deviceId: cam.body.id, eventId: `e2e-lane-${Date.now()}`, type: 'fire_lane_blocked', at: new Date().toISOString(), data: {} },
  });
  expect(ev.status).toBe(201);
  await expect(screen.getByTestId('screen-alerts')).toHaveTextSoon('消防通道占用');
  await shot(screen, '20-big-screen');
  await screen.close();
});
