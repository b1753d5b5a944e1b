// The panel's 智慧广播 in Debian Chromium against the real server (demo mode's simulated speakers, TTS through the SDK to a signature-checking fake):
// speakers online, a previewed text broadcast to 3号楼 whose ledger fills in as the speakers play, and the one-tap announcement of a public-safety alert.
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { startFakeTencent, type FakeTencent } from '../../server/src/test-support/fake-tencent';
import { freePort } from '../../server/src/features/alerts/mosquitto';
import './expect-soon';
import { CHROMIUM_ARGS, launchChromium } from '../support/chromium';
import { ensurePanelBuild, login, PANEL_WAIT_MS, shot, type Desktop } from './browser';

jest.setTimeout(180_000);

const SECRET_ID = 'AKIDpanelbroadcast00000000000';
const SECRET_KEY = 'panel-broadcast-secret-key-000000';

let server: TestServer;
let fake: FakeTencent;
let browser: Desktop;
let page: Page;

/** 0.6 s of a tone as 16 kHz PCM: what TextToVoice returns with Codec pcm. */
function tone(): Buffer {
  const b = Buffer.alloc(9600 * 2);
  for (let i = 0; i < 9600; i++) b.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 523 * i) / 16000)), i * 2);
  return b;
}

beforeAll(async () => {
  ensurePanelBuild();
  fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  fake.behave('TextToVoice', (c) => ({ Audio: tone().toString('base64'), SessionId: c.body.SessionId }));
  const port = await freePort();
  server = await startTestServer({
    port,
    env: {
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_TTS_ENDPOINT: fake.endpoint,
      BROADCAST_AUDIO_BASE_URL: `http://127.0.0.1:${port}`,
      BROADCAST_TRANSPORT: 'simulated',
      // Never quiet while this runs: a one-minute window twelve hours away.
      BROADCAST_QUIET_HOURS: (() => {
        const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
        const from = Date.now() + 12 * 3600_000;
        return `${hhmm(from)}-${hhmm(from + 60_000)}`;
      })(),
    },
  });
  // Chromium's fake microphone (a tone) stands in for the staff member's voice in the 喊话 test.
  browser = await launchChromium({
    viewport: { width: 1440, height: 900 },
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  browser.context.setDefaultTimeout(PANEL_WAIT_MS);
  page = browser.page;
  await login(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
});

test('speakers are listed online; a text broadcast is previewed, published to 3号楼, and its ledger shows the speaker played it', async () => {
  await page.goto(`${server.url}/panel/broadcast`);
  await page.getByTestId('broadcast-page').waitFor();

  await page.getByRole('tab', { name: '音柱' }).click();
  const speakers = page.getByTestId('speaker-list');
  await speakers.getByText('3号楼楼前广播音柱').waitFor();
  await expect(speakers.locator('.ant-badge-status-text', { hasText: '在线' }).count()).resolves.toBe(3);
  await shot(page, '70-broadcast-speakers');
  // Taking a speaker out of service and back.
  const gate = speakers.locator('tr', { hasText: '北门广播音柱' });
  await gate.getByRole('button', { name: /停\s*用/ }).click();
  await gate.getByText('已停用').waitFor();
  await gate.getByRole('button', { name: /启\s*用/ }).click();
  await gate.getByText('在线').waitFor();

  await page.getByRole('tab', { name: '广播' }).click();
  await page.getByTestId('broadcast-text').fill('明天上午8点到12点3号楼停水，请提前储水。');
  await page.getByTestId('broadcast-preview').click();
  const audio = page.getByTestId('broadcast-preview-audio');
  await audio.waitFor();
  // The preview is the synthesized speech, fetched from its signed URL as the browser's <audio> does.
  const src = await audio.getAttribute('src');
  const fetched = await page.evaluate(async (u) => {
    const r = await fetch(u!);
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), magic: String.fromCharCode(...b.slice(0, 4)), size: b.length };
  }, src);
  expect(fetched).toEqual({ status: 200, type: 'audio/wav', magic: 'RIFF', size: 44 + 9600 * 2 + 16000 });
  const tts = fake.calls.filter((c) => c.action === 'TextToVoice');
  expect(tts).toHaveLength(1);
  expect(tts[0]!.signatureValid).toBe(true);

  await page.getByTestId('broadcast-buildings').click();
  await page.locator('.ant-select-item-option', { hasText: '3号楼' }).click();
  await page.keyboard.press('Escape');
  await shot(page, '71-broadcast-composer');
  await page.getByTestId('broadcast-publish').click();
  // Published with the previewed audio: no second synthesis.
  const row = page.getByTestId('broadcast-list').getByText('明天上午8点到12点3号楼停水，请提前储水。');
  await row.waitFor();
  expect(fake.calls.filter((c) => c.action === 'TextToVoice')).toHaveLength(1);

  await row.click();
  const ledger = page.getByTestId('broadcast-deliveries');
  await ledger.getByText('3号楼楼前广播音柱').waitFor();
  await ledger.locator('.ant-tag', { hasText: '已播放' }).waitFor({ timeout: 20_000 });
  // Only the 3号楼 speaker: not the 1–2号楼 one, not the gate's estate-wide one.
  await expect(ledger.locator('tbody tr').count()).resolves.toBe(1);
  await shot(page, '72-broadcast-ledger');
  await page.keyboard.press('Escape');
});

test('the seeded bin alert waits for one tap, then plays in 3号楼', async () => {
  await page.goto(`${server.url}/panel/broadcast`);
  const pending = page.getByTestId('broadcast-pending');
  await pending.getByText('3号楼东侧垃圾站垃圾桶已满，请暂时投放到其他垃圾桶，工作人员马上清理。').waitFor();
  await shot(page, '73-broadcast-pending-alert');
  await pending.getByRole('button', { name: '一键播报' }).click();
  const ledger = page.getByTestId('broadcast-deliveries');
  await ledger.getByText('3号楼楼前广播音柱').waitFor();
  await ledger.locator('.ant-tag', { hasText: '已播放' }).waitFor({ timeout: 20_000 });
  await expect(page.getByTestId('broadcast-pending').count()).resolves.toBe(0);
});

test('live 喊话: a recording from the browser microphone is uploaded and played in 1号楼', async () => {
  await page.goto(`${server.url}/panel/broadcast`);
  await page.getByTestId('broadcast-composer').waitFor();
  await page.getByTestId('broadcast-record').click();
  const stop = page.getByRole('button', { name: '停止录音' });
  await stop.waitFor();
  // Two seconds of (fake) voice.
  await page.waitForTimeout(2000);
  await stop.click();
  await page.getByText('将播放这段录音').waitFor();
  await page.getByTestId('broadcast-buildings').click();
  await page.locator('.ant-select-item-option', { hasText: '1号楼' }).click();
  await page.keyboard.press('Escape');
  const before = fake.calls.filter((c) => c.action === 'TextToVoice').length;
  await page.getByTestId('broadcast-publish').click();
  const row = page.getByTestId('broadcast-list').locator('tr', { hasText: '现场喊话' }).first();
  await row.waitFor();
  // A recording needs no speech synthesis.
  expect(fake.calls.filter((c) => c.action === 'TextToVoice')).toHaveLength(before);
  await row.click();
  const ledger = page.getByTestId('broadcast-deliveries');
  await ledger.getByText('1-2号楼中庭广播音柱').waitFor();
  await ledger.locator('.ant-tag', { hasText: '已播放' }).waitFor({ timeout: 20_000 });
  await expect(ledger.locator('tbody tr').count()).resolves.toBe(1);
  // What the speaker fetched is the recording: a WebM (or Ogg) file from the browser.
  const list = await server.request('GET', '/api/broadcasts?limit=5', { token: await server.loginStaff() });
  const live = list.body.items.find((b: any) => b.source === 'live');
  expect(live.audio.mime).toMatch(/^audio\/(webm|ogg)$/);
  await shot(page, '74-broadcast-live');
});

test('a notice published with 智慧广播 shows its speakers’ outcome on its receipts page', async () => {
  await page.goto(`${server.url}/panel/notices/new`);
  await page.getByTestId('notice-composer').waitFor();
  await page.getByLabel('智慧广播').waitFor();
  const token = await server.loginStaff();
  const n = await server.request('POST', '/api/notices', {
    token,
    body: { title: '3号楼电梯检修', body: '本周六上午3号楼电梯检修，请走楼梯。', category: '通知', audience: { buildings: ['3号楼'] }, channels: ['feed', 'broadcast'] },
  });
  expect(n.status).toBe(201);
  await page.goto(`${server.url}/panel/notices/${n.body.id}`);
  const card = page.getByTestId('notice-broadcast');
  await card.getByText('3号楼').waitFor();
  await card.locator('.ant-tag', { hasText: '已播放 1' }).waitFor({ timeout: 20_000 });
  await shot(page, '75-notice-broadcast');
});
