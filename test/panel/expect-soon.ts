// jest matcher for browser tests: a locator's text becomes (or contains) the expected value within a timeout.
import type { Locator } from 'playwright-core';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveTextSoon(expected: string | RegExp, timeoutMs?: number): Promise<R>;
    }
  }
}

expect.extend({
  async toHaveTextSoon(locator: Locator, expected: string | RegExp, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = ((await locator.first().textContent().catch(() => null)) ?? '').trim();
      if (typeof expected === 'string' ? last === expected || last.includes(expected) : expected.test(last)) return { pass: true, message: () => `text is "${last}"` };
      await new Promise((r) => setTimeout(r, 100));
    }
    return { pass: false, message: () => `expected text "${String(expected)}" within ${timeoutMs} ms, last saw "${last}"` };
  },
});
