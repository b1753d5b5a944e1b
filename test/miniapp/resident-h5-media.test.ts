// H5 media in Chromium: a voice report from a fake microphone (MediaRecorder → upload → 待转写, like the bot's), and photos resized with EXIF/GPS removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { CHROMIUM_ARGS, launchChromium, type Browser } from '../support/chromium';
import { ensureH5Build, shot, ui } from './browser';
import { jpegInfo, withGpsExif } from './jpeg-exif';

jest.setTimeout(180_000);

let server: TestServer;
let staff: string;
let browser: Browser;
let page: Page;
const vis = (id: string) => ui(page, server.url).vis(id);

beforeAll(async () => {
  ensureH5Build();
  server = await startTestServer();
  staff = await server.loginStaff();
  const r = await server.request('POST', '/api/residents', {
    token: staff,
    body: { name: '周桂英', birthYear: 1948, building: '6号楼', unit: '1单元', room: '202', tags: ['高龄'], openid: 'e2e-h5-zhou' },
  });
  expect(r.status).toBe(201);
  // Chromium's fake capture device plays a beep as the microphone, and the fake UI grants it without asking.
  browser = await launchChromium({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    hasTouch: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    permissions: ['microphone'],
  });
  page = browser.page;
  page.on('pageerror', (e) => console.error(`[h5 page error] ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('an elder records her report by voice in H5; staff get the recording as 待转写, exactly as from the bot', async () => {
  await ui(page, server.url).login('e2e-h5-zhou');
  await vis('elder-report').click();
  await vis('report-page').waitFor();
  // Elder mode puts speaking first and says how the button works here (tap, not hold).
  await expect(vis('report-page').textContent()).resolves.toContain('点一下下面的按钮开始说');
  const record = vis('voice-record');
  await record.click();
  await page.waitForSelector('[data-testid="voice-record"][data-state="recording"]');
  await shot(page, 'voice-01-recording');
  await page.waitForTimeout(2500);
  await record.click();
  await vis('voice-recorded').waitFor();
  await expect(vis('voice-recorded').textContent()).resolves.toMatch(/已录音 \d+ 秒/);
  await shot(page, 'voice-02-recorded');

  // No typed description at all: the voice note is the report.
  await vis('category-电梯').click();
  await vis('submit-report').click();
  await vis('report-done').waitFor();
  const no = /BM-\d+/.exec((await vis('report-done').textContent()) ?? '')?.[0];
  expect(no).toBeDefined();

  const list = await server.request('GET', '/api/tickets?limit=5', { token: staff });
  const ticket = list.body.items.find((t: any) => t.no === no);
  expect(ticket).toMatchObject({ channel: 'app', category: '电梯', description: '语音报事（待转写）', audio: { status: 'pending' } });
  expect(ticket.audio.durationMs).toBeGreaterThanOrEqual(2000);
  expect(ticket.audio.durationMs).toBeLessThan(10_000);

  // The stored recording is real WebM/Opus audio from the microphone, not an empty file.
  const res = await fetch(`${server.url}/api/uploads/${ticket.audio.uploadId}`, { headers: { authorization: `Bearer ${staff}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('audio/webm');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))).toBe(true);
  expect(bytes.length).toBeGreaterThan(2000);
  expect(bytes.includes(Buffer.from('OpusHead'))).toBe(true);

  // Staff who listened add the words, as they do for the bot's voice reports.
  const t = await server.request('POST', `/api/tickets/${ticket.id}/transcript`, { token: staff, body: { transcript: '6号楼电梯门关不上' } });
  expect(t.status).toBe(200);
  expect(t.body).toMatchObject({ description: '6号楼电梯门关不上', audio: { status: 'done' } });
});

test('a tap that ends at once is refused with a clear message and files nothing', async () => {
  await ui(page, server.url).open('/pages/report/index');
  await vis('report-page').waitFor();
  const record = vis('voice-record');
  await record.click();
  await page.waitForSelector('[data-testid="voice-record"][data-state="recording"]');
  await record.click();
  await page.waitForFunction(() => document.body.innerText.includes('说话时间太短'));
  expect(await vis('voice-recorded').count()).toBe(0);
});

test('a photo is resized and loses its EXIF (GPS position) in the browser before it is uploaded', async () => {
  // A 3000 × 2000 camera-like JPEG made by the browser itself, then given a GPS position as a phone would write it.
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 3000;
    c.height = 2000;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 3000, 2000);
    grad.addColorStop(0, '#3a6');
    grad.addColorStop(1, '#c8102e');
    g.fillStyle = grad;
    g.fillRect(0, 0, 3000, 2000);
    for (let i = 0; i < 4000; i++) {
      g.fillStyle = `hsl(${i % 360},70%,50%)`;
      g.fillRect((i * 7919) % 3000, (i * 104729) % 2000, 12, 12);
    }
    const blob = await new Promise<Blob>((r) => c.toBlob((x) => r(x!), 'image/jpeg', 0.95));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  });
  const original = withGpsExif(Buffer.from(b64, 'base64'));
  expect(jpegInfo(original)).toMatchObject({ width: 3000, height: 2000 });
  expect(jpegInfo(original).markers).toContain(0xe1);
  const file = path.join(os.tmpdir(), `linli-gps-${process.pid}.jpg`);
  fs.writeFileSync(file, original);

  await ui(page, server.url).open('/pages/report/index');
  await vis('report-page').waitFor();
  await vis('category-环境卫生').click();
  await vis('description').locator('textarea').fill('楼下花坛里堆了很多建筑垃圾');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), vis('add-photo').click()]);
  await chooser.setFiles(file);
  await vis('photo-preview').waitFor();
  await vis('submit-report').click();
  await vis('report-done').waitFor();
  const no = /BM-\d+/.exec((await vis('report-done').textContent()) ?? '')?.[0];

  const list = await server.request('GET', '/api/tickets?limit=5', { token: staff });
  const ticket = list.body.items.find((t: any) => t.no === no);
  expect(ticket.attachments).toHaveLength(1);
  const res = await fetch(`${server.url}${ticket.attachments[0].url}`, { headers: { authorization: `Bearer ${staff}` } });
  expect(res.status).toBe(200);
  const stored = Buffer.from(await res.arrayBuffer());
  const info = jpegInfo(stored);
  // No APP1 (EXIF/XMP) segment and no GPS bytes anywhere; the long side is 1600 px and the file is smaller.
  expect(info.markers).not.toContain(0xe1);
  expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  expect({ width: info.width, height: info.height }).toEqual({ width: 1600, height: 1067 });
  expect(stored.length).toBeLessThan(original.length);
  fs.rmSync(file, { force: true });
});
