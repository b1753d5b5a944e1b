// Launches Debian Chromium through playwright-core at a desktop viewport, builds the panel if needed, signs staff in; panelSession does all of it for a suite.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { launchChromium, screenshot, type Browser } from '../support/chromium';

export const ROOT = path.resolve(__dirname, '../..');
const PANEL_DIR = path.join(ROOT, 'client', 'panel', 'dist');

/** The server serves client/panel/dist at /panel/ only if it was built. */
export function ensurePanelBuild(): void {
  if (fs.existsSync(path.join(PANEL_DIR, 'index.html'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: path.join(ROOT, 'client', 'panel'), stdio: 'ignore', timeout: 300_000 });
}

export type Desktop = Browser;

/**
 * How long the panel's browser tests wait by default: two test files run at once on 2 cores (jest.config.js), beside
 * file-wide loads such as demo-start's two stacks; a wait that fails still fails, later. Waits that expect nothing to
 * happen give their own timeouts.
 */
export const PANEL_WAIT_MS = 20_000;

export async function launchDesktop(viewport = { width: 1440, height: 900 }): Promise<Desktop> {
  const b = await launchChromium({ viewport });
  b.context.setDefaultTimeout(PANEL_WAIT_MS);
  return b;
}

// antd animates messages, modals and row flashes: let them settle so the picture shows the resting page.
export const shot = (page: Page, name: string) => screenshot(page, 'panel', name, 500);

/** Signs in through the login form and waits for the 工作台. */
export async function login(page: Page, baseUrl: string, username = 'admin', password = 'linli-demo'): Promise<void> {
  await page.goto(`${baseUrl}/panel/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('inbox').waitFor();
}

export interface PanelSession {
  server: TestServer;
  browser: Desktop;
  page: Page;
}

/**
 * Registers the suite's beforeAll/afterAll: the panel built, a real server on its own database (`env` for it), Chromium at
 * desktop size and, unless `login` is false, staff signed in. `ready` receives them once started.
 */
export function panelSession(o: { env?: Record<string, string>; login?: boolean }, ready: (s: PanelSession) => void): void {
  let session: PanelSession | undefined;
  beforeAll(async () => {
    ensurePanelBuild();
    const server = await startTestServer(o.env ? { env: o.env } : {});
    const browser = await launchDesktop();
    session = { server, browser, page: browser.page };
    if (o.login !== false) await login(browser.page, server.url);
    ready(session);
  });
  afterAll(async () => {
    await session?.browser.close();
    await session?.server.close();
  });
}
