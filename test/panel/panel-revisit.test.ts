// 回访电话任务 in Chromium: a resolved ticket whose reporter never answered becomes a call task; staff open it, record 4 stars from the call, and it leaves the list; the ticket page shows the 回访 message on the ledger.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;

// A day of service time = 1.73 s: asked a day after 办结, a call task 3 days later (~7 s).
panelSession({ env: { SERVICE_CLOCK_SCALE: '0.00002' } }, (ps) => ({ server, page } = ps));

test('an unanswered 回访 is on 回访电话任务; 记录回访结果 with 4 stars records the call and empties the list', async () => {
  const admin = await server.loginStaff();
  const t = (await server.request('POST', '/api/tickets', { token: admin, body: { channel: 'desk', category: '水电', description: '单元门口的路灯不亮', reporter: { name: '周大爷', phone: '13805372001' } } })).body;
  for (const action of ['accept', 'start', 'resolve']) expect((await server.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action } })).status).toBe(200);
  const until = Date.now() + 30_000;
  while ((await server.request('GET', `/api/tickets/${t.id}`, { token: admin })).body.revisit?.status !== 'call') {
    if (Date.now() > until) throw new Error('no call task');
    await new Promise((r) => setTimeout(r, 250));
  }

  await page.goto(`${server.url}/panel/service`);
  await page.getByTestId('revisit-calls-link').click();
  const row = page.getByTestId('revisit-calls').locator('tr', { hasText: t.no });
  await row.waitFor();
  expect(await row.textContent()).toContain('周大爷');
  await shot(page, 'revisit-calls');
  await expectNoSeriousA11yViolations(page, '回访电话任务');
  await page.getByTestId(`call-${t.no}`).click();

  const box = page.getByTestId('revisit-box');
  await box.waitFor();
  expect(await box.textContent()).toContain('请电话回访');
  // The 回访 SMS had no provider configured here: the ledger says so rather than hiding it.
  const messages = page.getByTestId('ticket-messages');
  await messages.waitFor();
  expect(await messages.textContent()).toMatch(/回访.*周大爷.*短信.*已跳过.*短信服务未配置/);
  await expectNoSeriousA11yViolations(page, 'ticket with a call task');
  await box.locator('.ant-rate-star').nth(3).click();
  await page.getByTestId('revisit-comment').locator('textarea').or(page.getByTestId('revisit-comment')).first().fill('灯修好了');
  await page.getByTestId('revisit-solved').click();
  await box.waitFor({ state: 'detached' });

  const after = (await server.request('GET', `/api/tickets/${t.id}`, { token: admin })).body;
  expect(after.revisit).toMatchObject({ status: 'done', solved: true });
  expect(after.rating).toEqual({ score: 4, comment: '灯修好了' });
  expect(after.timeline.at(-1).note).toBe('回访（电话回访）：问题已解决，评分 4 分（灯修好了）');

  await page.goto(`${server.url}/panel/service/revisits`);
  await page.getByText('暂无待回访工单').waitFor();
});
