"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
expect.extend({
    async toHaveTextSoon(locator, expected, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        let last = '';
        while (Date.now() < deadline) {
            last = ((await locator.first().textContent().catch(() => null)) ?? '').trim();
            if (last === expected || last.includes(expected))
                return { pass: true, message: () => `text is "${last}"` };
            await new Promise((r) => setTimeout(r, 100));
        }
        return { pass: false, message: () => `expected text "${expected}" within ${timeoutMs} ms, last saw "${last}"` };
    },
});
