// 智能分诊 in Chromium: the desk form suggests 燃气 · 5号楼2单元 · 紧急 as staff type and 采用 files it so; a ticket filed as 其他 shows its suggestion and 确认 moves it to 电梯 with 加急.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { panelSession, shot } from './browser';

jest.setTimeout(180_000);

let server: TestServer;
let page: Page;

panelSession({}, (ps) => ({ server, page } = ps));

test('the desk form’s suggestion fills category and place; 登记 files the ticket with them', async () => {
  await page.goto(`${server.url}/panel/tickets`);
  await page.getByTestId('desk-register').click();
  const form = page.getByTestId('desk-form');
  await form.getByLabel('居民姓名').fill('钱大妈');
  await form.getByLabel('问题描述').fill('五号楼二单元楼道里煤气味很大，大家都闻到了');
  const hint = page.getByTestId('triage-hint');
  await hint.waitFor();
  expect(await hint.textContent()).toContain('燃气（关键词） · 5号楼2单元 · 紧急');
  await shot(page, 'triage-desk');
  await expectNoSeriousA11yViolations(page, 'desk registration form (open modal)');
  await page.getByTestId('triage-apply').click();
  await page.locator('.ant-modal').getByRole('button', { name: /登\s*记/ }).click();
  await page.getByTestId('ticket-detail').waitFor();
  const id = page.url().split('/').pop()!;
  const t = (await server.request('GET', `/api/tickets/${id}`, { token: await server.loginStaff() })).body;
  expect(t).toMatchObject({ category: '燃气', location: { building: '5号楼', unit: '2单元' }, channel: 'desk' });
});

test('a ticket filed as 其他 shows 智能分诊建议; 确认 makes it 电梯 and 加急, and the box turns into 已确认', async () => {
  const admin = await server.loginStaff();
  const t = (await server.request('POST', '/api/tickets', { token: admin, body: { category: '其他', description: '3号楼1单元电梯困人了，里面有老人', channel: 'desk', reporter: { name: '路过的居民' } } })).body;
  await page.goto(`${server.url}/panel/tickets/${t.id}`);
  const box = page.getByTestId('triage-box');
  await box.waitFor();
  expect(await box.textContent()).toContain('当前类别为「其他」，确认后按「电梯」重新计算处理时限');
  await expectNoSeriousA11yViolations(page, 'ticket with a triage suggestion');
  await page.getByTestId('triage-accept').click();
  await page.getByTestId('triage-accepted').waitFor();
  const after = (await server.request('GET', `/api/tickets/${t.id}`, { token: admin })).body;
  expect(after).toMatchObject({ category: '电梯', priority: 'high', location: { building: '3号楼', unit: '1单元' } });
  expect(await page.getByTestId('ticket-timeline').textContent()).toContain('采纳分诊建议：类别 其他 → 电梯');
});
