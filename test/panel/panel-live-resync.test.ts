// The panel's live lists after a lost connection, in Debian Chromium against the real server: the server ends every socket
// (as a restart does) and holds reconnects while a ticket and an alert are raised; once the panel is back they appear without a page reload.
import type { Page } from 'playwright-core';
import type { DeviceKeyDto, TicketDto } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
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

test('a ticket and an alert raised while the panel was disconnected appear in the 工作台 after it reconnects, without a reload', async () => {
  const dev = await server.request<DeviceKeyDto>('POST', '/api/devices', {
    token: staffToken,
    body: { kind: 'smoke', name: '5号楼烟感', location: { building: '5号楼', text: '断线期间报警的楼道' } },
  });
  expect(dev.status).toBe(201);
  const indicator = page.getByTestId('live-indicator');
  await indicator.getByText('实时连接').waitFor();
  // A full page load would reset this; the rows must come from the live lists resyncing in place.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // Hold every new socket in the server's handshake until released, then end the open ones the way a shutting-down server does.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  server.app.io.use((_socket, next) => void gate.then(() => next()));
  server.app.io.disconnectSockets(true);
  await indicator.getByText('连接中…').waitFor();

  const resident = await server.loginResident('demo-wangxiulan');
  const created = await server.request<TicketDto>('POST', '/api/tickets', {
    token: resident.token,
    body: { channel: 'app', category: '水电', description: '5号楼1单元楼道灯不亮，断线期间报的', location: { building: '5号楼', unit: '1单元' } },
  });
  expect(created.status).toBe(201);
  const ingest = await server.request('POST', '/api/alerts/ingest', {
    headers: { authorization: `Bearer ${dev.body.key}` },
    body: { deviceId: dev.body.id, eventId: `e2e-resync-${Date.now()}`, type: 'smoke', at: new Date().toISOString(), data: {} },
  });
  expect(ingest.status).toBe(201);

  const ticketRow = page.locator(`[data-testid="inbox-ticket"][data-ticket-no="${created.body.no}"]`);
  const alertRow = page.getByTestId('inbox-alert').filter({ hasText: '断线期间报警的楼道' });
  // While the socket is held off nothing can push these rows: the premise of the test.
  await page.waitForTimeout(2000);
  expect(await ticketRow.count()).toBe(0);
  expect(await alertRow.count()).toBe(0);
  expect(await indicator.textContent()).toContain('连接中');

  release();
  await indicator.getByText('实时连接').waitFor({ timeout: 15_000 });
  await ticketRow.waitFor({ timeout: 10_000 });
  await alertRow.waitFor({ timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await shot(page, '60-inbox-after-reconnect');

  // And the lists stay live after the resync: a new ticket arrives by push again.
  const next = await server.request<TicketDto>('POST', '/api/tickets', {
    token: resident.token,
    body: { channel: 'app', category: '水电', description: '5号楼2单元水管滴水，重连之后报的', location: { building: '5号楼', unit: '2单元' } },
  });
  expect(next.status).toBe(201);
  await page.locator(`[data-testid="inbox-ticket"][data-ticket-no="${next.body.no}"]`).waitFor({ timeout: 5000 });
});

test('the 预警 page catches up after a reconnect too', async () => {
  await page.getByText('去预警中心').click();
  await page.getByText('未处理').first().waitFor();
  await page.getByTestId('live-indicator').getByText('实时连接').waitFor();
  const dev = await server.request<DeviceKeyDto>('POST', '/api/devices', {
    token: staffToken,
    body: { kind: 'smoke', name: '6号楼烟感', location: { building: '6号楼', text: '一楼' } },
  });
  expect(dev.status).toBe(201);

  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  server.app.io.use((_socket, next) => void gate.then(() => next()));
  server.app.io.disconnectSockets(true);
  await page.getByTestId('live-indicator').getByText('连接中…').waitFor();
  const ingest = await server.request<{ alertId: string }>('POST', '/api/alerts/ingest', {
    headers: { authorization: `Bearer ${dev.body.key}` },
    body: { deviceId: dev.body.id, eventId: `e2e-resync-page-${Date.now()}`, type: 'smoke', at: new Date().toISOString(), data: {} },
  });
  expect(ingest.status).toBe(201);
  const card = page.locator(`[data-testid="alert-card"][data-alert-id="${ingest.body.alertId}"]`);
  await page.waitForTimeout(1500);
  expect(await card.count()).toBe(0);

  release();
  await card.waitFor({ timeout: 10_000 });
});
