// The panel's first load off a LAN: the login page's script, as the browser receives it (compressed bytes on the wire), stays under 250 KiB; hashed assets are brotli and cached for a year.
import type { Page, Response } from 'playwright-core';
import type { TestServer } from '../../server/src/test-support/harness';
import { panelSession } from './browser';

jest.setTimeout(120_000);

const BUDGET_KIB = 250;

let server: TestServer;
let page: Page;

panelSession({ login: false }, (ps) => ({ server, page } = ps));

test(`the login page loads at most ${BUDGET_KIB} KiB of compressed script, brotli-encoded and immutable`, async () => {
  const scripts: Response[] = [];
  const onResponse = (r: Response) => {
    if (r.request().resourceType() === 'script') scripts.push(r);
  };
  page.on('response', onResponse);
  // A fresh context has nothing cached; the page is complete when the login form is there and the network is quiet.
  await page.goto(`${server.url}/panel/login`, { waitUntil: 'networkidle' });
  await page.getByPlaceholder('用户名').waitFor();
  page.off('response', onResponse);

  const sizes = await Promise.all(scripts.map(async (r) => ({ url: r.url(), headers: await r.allHeaders(), wire: (await r.request().sizes()).responseBodySize })));
  const totalKiB = sizes.reduce((n, s) => n + s.wire, 0) / 1024;
  console.log(`login page: ${sizes.length} scripts, ${totalKiB.toFixed(1)} KiB compressed`);
  expect(sizes.length).toBeGreaterThan(1); // split: more than one chunk
  expect(totalKiB).toBeGreaterThan(20); // measured the real bundle, not an error page
  expect(totalKiB).toBeLessThanOrEqual(BUDGET_KIB);
  for (const s of sizes) {
    // Files under 1 KiB are sent as they are (the build does not precompress them: headers would cost more).
    if (s.wire >= 1024) expect({ url: s.url, encoding: s.headers['content-encoding'] }).toEqual({ url: s.url, encoding: 'br' });
    expect({ url: s.url, cache: s.headers['cache-control'] }).toEqual({ url: s.url, cache: 'public, max-age=31536000, immutable' });
  }
  // Pages behind the login (ECharts, socket.io, the tables) are not fetched for it.
  expect(sizes.map((s) => s.url).join('\n')).not.toMatch(/echarts|Dashboard|AppLayout/);
});

test('signing in then fetches the layout and the inbox page on demand', async () => {
  const later: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') later.push(r.url());
  });
  await page.getByPlaceholder('用户名').fill('admin');
  await page.getByPlaceholder('密码').fill('linli-demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('inbox').waitFor();
  expect(later.length).toBeGreaterThan(0);
});
