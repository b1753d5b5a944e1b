// Launches Debian Chromium through playwright-core at a phone viewport, and builds the H5 app if it is missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, screenshot, type Browser } from '../support/chromium';

export const ROOT = path.resolve(__dirname, '../..');
const H5_DIR = path.join(ROOT, 'client', 'miniapp', 'dist', 'h5');

/** The server serves client/miniapp/dist/h5 at /h5/ only if it was built. */
export function ensureH5Build(): void {
  if (fs.existsSync(path.join(H5_DIR, 'index.html'))) return;
  // Several test files may start at once: one builds under a lock, the others wait and find it built.
  execFileSync('flock', [path.join(os.tmpdir(), 'linli-miniapp-h5-build.lock'), 'sh', '-c', 'test -f dist/h5/index.html || npm run build:h5'], {
    cwd: path.join(ROOT, 'client', 'miniapp'),
    stdio: 'ignore',
    timeout: 600_000,
    // jest sets NODE_ENV=test, which would make Taro emit a development (react-refresh) bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export async function launchPhone(): Promise<Browser> {
  const b = await launchChromium({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
  // A crash inside the app would otherwise only show up as a timeout.
  b.page.on('pageerror', (e) => console.error(`[h5 page error] ${e.message}`));
  return b;
}

// Taro pages slide in for ~300 ms: let the transition finish so the picture shows the settled page.
export const shot = (page: Page, name: string) => screenshot(page, 'miniapp', name, 400);

/** Locators for Taro's H5 DOM, which keeps earlier pages mounted (hidden): only what is on screen counts. */
export function ui(page: Page, baseUrl: string) {
  return {
    vis: (id: string) => page.locator(`[data-testid="${id}"]:visible`),
    /**
     * Click on pages with pull-down refresh: Taro's taro-pull-to-refresh-core wrapper fails Playwright's
     * hit-target check although document.elementFromPoint returns the button itself, so skip only that check.
     */
    tap: (locator: Locator) => locator.click({ force: true }),
    tab: (label: string) => page.locator(`.weui-tabbar__item:has-text("${label}")`),
    /** A real reload at that route (a hash-only goto would keep the running app). */
    open: async (route: string) => {
      await page.goto(`${baseUrl}/h5/#${route}`);
      await page.reload();
    },
    login: async (openid: string) => {
      await page.goto(`${baseUrl}/h5/`);
      await page.reload();
      await page.locator('[data-testid="login-openid"]:visible input').fill(openid);
      await page.locator('[data-testid="login-submit"]:visible').click();
      await page.locator('[data-testid="home-page"]:visible').waitFor();
    },
  };
}
