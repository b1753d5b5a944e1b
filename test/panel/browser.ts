// Launches Debian Chromium through playwright-core at a desktop viewport, builds the panel if needed, signs staff in.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'panel');
const PANEL_DIR = path.join(ROOT, 'client', 'panel', 'dist');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The server serves client/panel/dist at /panel/ only if it was built. */
export function ensurePanelBuild(): void {
  if (fs.existsSync(path.join(PANEL_DIR, 'index.html'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: path.join(ROOT, 'client', 'panel'), stdio: 'ignore', timeout: 300_000 });
}

export interface Desktop {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

export async function launchDesktop(viewport = { width: 1440, height: 900 }): Promise<Desktop> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-panel-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  context.setDefaultTimeout(10_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // antd animates messages, modals and row flashes: let them settle so the picture shows the resting page.
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Signs in through the login form and waits for the 工作台. */
export async function login(page: Page, baseUrl: string, username = 'admin', password = 'linli-demo'): Promise<void> {
  await page.goto(`${baseUrl}/panel/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('inbox').waitFor();
}
