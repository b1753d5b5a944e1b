// A walk through every panel screen in Debian Chromium against the real server with demo data: each one loads its
// data (a voice report with its player, residents, care, FAQ try-box, ledger, wish list, dashboard) and is photographed.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TicketDto } from '@linli/contracts';
import type { TestServer } from '../../server/src/test-support/harness';
import './expect-soon';
import { panelSession, ROOT, shot, type Desktop } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;
let browser: Desktop;

panelSession({}, (ps) => ({ server, page, browser } = ps));

/** The group bot files a voice report the way it does in production: upload the SILK clip, then the ticket. */
async function botVoiceTicket(): Promise<TicketDto> {
  const bot = server.config.BOT_TOKEN;
  const form = new FormData();
  const clip = fs.readFileSync(path.join(ROOT, 'bot', 'test-fixtures', 'elevator-broken.sil'));
  form.append('file', new Blob([clip], { type: 'audio/silk' }), 'voice.sil');
  const up = await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${bot}` }, body: form });
  expect(up.status).toBe(201);
  const { id } = (await up.json()) as { id: string };
  const t = await server.request<TicketDto>('POST', '/api/tickets', {
    token: bot,
    body: { channel: 'bot', category: '电梯', audio: { uploadId: id, durationMs: 2300 }, reporter: { name: '刘大爷', wechatName: '刘大爷', roomTopic: '北门社区3号楼邻里群' }, location: { building: '3号楼' } },
  });
  expect(t.status).toBe(201);
  return t.body;
}

test('a voice report from the group shows a player and 待转写 until someone transcribes it', async () => {
  const t = await botVoiceTicket();
  await page.goto(`${server.url}/panel/tickets/${t.id}`);
  await page.getByTestId('voice-player').waitFor();
  await page.getByTestId('voice-pending').waitFor();
  expect(await page.locator('audio').getAttribute('src')).toContain('/api/uploads/');
  await shot(page, '40-voice-ticket');
  await page.getByText('人工听写').click();
  await page.getByPlaceholder('听写语音内容').fill('三号楼电梯坏了');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('voice-transcript')).toHaveTextSoon('三号楼电梯坏了');
});

test('the ticket list filters and shows SLA countdowns', async () => {
  await page.goto(`${server.url}/panel/tickets`);
  await page.getByTestId('ticket-table').locator('tbody tr').first().waitFor();
  await shot(page, '41-ticket-list');
});

test('residents registry: list and search by name', async () => {
  await page.goto(`${server.url}/panel/residents`);
  await page.getByTestId('resident-table').locator('tbody tr').nth(3).waitFor();
  await shot(page, '42-residents');
  await page.getByPlaceholder('姓名或手机号').fill('王秀兰');
  await page.getByPlaceholder('姓名或手机号').press('Enter');
  await expect(page.getByTestId('resident-table').locator('tbody')).toHaveTextSoon('王秀兰');
  // 王秀兰 is on the first page too: wait for the search's answer (one row) before counting, not for her name.
  await page
    .waitForFunction(() => document.querySelectorAll('[data-testid="resident-table"] tbody tr').length === 1, null, { timeout: 15_000 })
    .catch(() => undefined);
  expect(await page.getByTestId('resident-table').locator('tbody tr').count()).toBe(1);
});

test('care: check-in overview and profiles', async () => {
  await page.goto(`${server.url}/panel/residents?tab=checkins`);
  await page.getByTestId('care-overview').waitFor();
  await shot(page, '43-care-checkins');
  await page.goto(`${server.url}/panel/residents?tab=care`);
  await page.locator('.ant-table-tbody').waitFor();
  await shot(page, '44-care-profiles');
});

test('FAQ: the try box answers with the real matcher', async () => {
  await page.goto(`${server.url}/panel/faq`);
  await page.getByTestId('faq-try').locator('input').fill('医保怎么缴费');
  await page.getByTestId('faq-try').locator('input').press('Enter');
  await page.getByTestId('faq-try-result').waitFor();
  await shot(page, '45-faq');
});

test('ledger, statements and wish list load', async () => {
  await page.goto(`${server.url}/panel/ledger`);
  await page.locator('.ant-table-tbody').first().waitFor();
  await shot(page, '46-ledger');
  await page.getByRole('tab', { name: '月度报表' }).click();
  await page.getByText('期末余额（元）').waitFor();
  await shot(page, '47-ledger-statement');
  await page.getByRole('tab', { name: '心愿清单' }).click();
  await page.waitForTimeout(800);
  await shot(page, '48-wishlist');
});

test('dashboard draws its charts over real tickets', async () => {
  // A morning's work: a few reports, some handled to 办结, so the charts and medians have something to show.
  const staff = await server.loginStaff();
  const resident = await server.loginResident('demo-zhaozhiqiang');
  const reports: [string, string][] = [['水电', '厨房水管漏水'], ['环境卫生', '楼道堆放杂物'], ['停车', '消防通道有车'], ['水电', '楼道灯不亮'], ['噪音扰民', '晚上装修噪音大']];
  for (const [i, [category, description]] of reports.entries()) {
    const t = await server.request<TicketDto>('POST', '/api/tickets', { token: resident.token, body: { channel: 'app', category, description } });
    expect(t.status).toBe(201);
    if (i % 2 === 0) {
      for (const action of ['accept', 'start', 'resolve']) {
        const r = await server.request('POST', `/api/tickets/${t.body.id}/transition`, { token: staff, body: { action } });
        expect(r.status).toBe(200);
      }
    }
  }
  await page.goto(`${server.url}/panel/dashboard`);
  await page.getByTestId('dashboard').waitFor();
  await page.locator('[data-testid="dashboard"] canvas').first().waitFor();
  await shot(page, '49-dashboard');
});

test('on a tablet the sider folds to icons and the 工作台 stays usable', async () => {
  const tablet = await browser.context.newPage();
  await tablet.setViewportSize({ width: 1024, height: 768 });
  await tablet.goto(`${server.url}/panel/`);
  await tablet.getByTestId('inbox').waitFor();
  await tablet.locator('.ant-layout-sider-collapsed').waitFor();
  await shot(tablet, '50-tablet-inbox');
  await tablet.close();
});
